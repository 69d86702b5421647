namespace Grassroots.Features.Moderation;

/// <summary>
/// What a flag points at, as the content's own feature describes it. <see cref="Id"/> is the
/// content's canonical id: the feature parses what was typed ("{ABC…}", "abc…", " abc… " are one
/// item), and moderation stores only this. Its authors never sit on its jury, are told the
/// decision and may appeal a removal.
/// </summary>
public sealed record FlagTarget(string Id, string Title, string Url, Guid? GroupId, IReadOnlyList<Guid>? Authors = null);

/// <summary>
/// Where a piece of content stands with moderation. The content's feature stores it (with
/// <c>HiddenAt</c> set whenever it is not <see cref="Visible"/>, the one column its lists filter on)
/// and applies the same rules (see <see cref="ContentModerationRules"/>):
/// <list type="bullet">
/// <item><see cref="Visible"/>: never flagged past the threshold, or kept by a jury. Normal.</item>
/// <item><see cref="UnderReview"/>: out of every list, search, suggestion and mailing. Its page and
/// API show a notice to everyone but its authors and the case's jurors. Frozen: no edits, no
/// messages to its members or followers, no joins, pledges or follows.</item>
/// <item><see cref="Removed"/>: a placeholder for everyone but its authors (the public log keeps the
/// title and the reasons; the API answers 410 Gone). Still frozen; the authors may appeal once.</item>
/// </list>
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ContentModeration>))]
public enum ContentModeration { Visible = 0, UnderReview = 1, Removed = 2 }

public static class ContentModerationRules
{
    /// <summary>No edits, no messages to its people, no one joins, pledges or follows.</summary>
    public static bool IsFrozen(this ContentModeration state) => state != ContentModeration.Visible;

    /// <summary>
    /// Who sees the content itself: everyone while it is visible; its authors always (so they can
    /// appeal with it in front of them); while under review, the case's jurors too, who must read it.
    /// </summary>
    public static bool ShowsContentTo(this ContentModeration state, bool isAuthor, bool isJuror) =>
        state == ContentModeration.Visible || isAuthor || (state == ContentModeration.UnderReview && isJuror);
}

/// <summary>
/// Each feature whose content can be flagged registers one of these, so moderation never reads
/// another feature's tables directly.
/// </summary>
public interface IFlaggableContent
{
    string ContentType { get; }

    /// <summary>Parses <paramref name="contentId"/> as typed; null when it names nothing.</summary>
    Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct);

    /// <summary>
    /// Told when a case opens (<see cref="ContentModeration.UnderReview"/>, also on appeal), when a
    /// jury removes it (<see cref="ContentModeration.Removed"/>) and when a jury keeps it
    /// (<see cref="ContentModeration.Visible"/>). <paramref name="id"/> is the canonical id.
    /// </summary>
    Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct);
}
