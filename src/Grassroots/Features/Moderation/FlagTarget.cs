namespace Grassroots.Features.Moderation;

/// <summary>What a flag points at, as the content's own feature describes it.</summary>
public sealed record FlagTarget(string Title, string Url, Guid? GroupId);

/// <summary>
/// Each feature whose content can be flagged registers one of these, so moderation never reads
/// another feature's tables directly.
/// </summary>
public interface IFlaggableContent
{
    string ContentType { get; }
    Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct);
}
