namespace Grassroots.Features.Moderation;

/// <summary>What a flag points at, as the content's own feature describes it; its authors may appeal a removal.</summary>
public sealed record FlagTarget(string Title, string Url, Guid? GroupId, IReadOnlyList<Guid>? Authors = null);

/// <summary>
/// Each feature whose content can be flagged registers one of these, so moderation never reads
/// another feature's tables directly.
/// </summary>
public interface IFlaggableContent
{
    string ContentType { get; }
    Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct);

    /// <summary>Hides the content from lists and searches while a jury reviews it, or shows it again.</summary>
    Task SetHiddenAsync(string contentId, bool hidden, CancellationToken ct) => Task.CompletedTask;
}
