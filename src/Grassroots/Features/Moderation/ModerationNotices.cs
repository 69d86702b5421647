using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Moderation;

/// <summary>What a reader is shown of a piece of content that a jury reviews or removed.</summary>
/// <param name="ShowContent">False: show only the notice (the placeholder); true: the content, with the notice above it.</param>
public sealed record ModerationNotice(ContentModeration State, Guid? CaseId, DateTimeOffset? DecidedAt, bool ShowContent, bool IAmJuror, bool IAmAuthor)
{
    public static readonly ModerationNotice None = new(ContentModeration.Visible, null, null, true, false, false);

    public string CaseUrl => CaseId is { } id ? $"/moderation/cases/{id}" : "/moderation";
}

/// <summary>
/// The one place content features ask how to show moderated content, so groups, profiles and
/// projects (and later events and amendments) say and do the same.
/// </summary>
public sealed class ModerationNotices(Juries juries, IStringLocalizer<SharedResource> l)
{
    /// <param name="viewerIsAuthor">The content's feature knows its authors (organizers, owners, the member).</param>
    public async Task<ModerationNotice> ForViewerAsync(string contentType, string contentId, ContentModeration state, bool viewerIsAuthor, Guid? viewer, CancellationToken ct)
    {
        if (state == ContentModeration.Visible) return ModerationNotice.None;
        var latest = await juries.LatestCaseAsync(contentType, contentId, ct);
        var juror = state == ContentModeration.UnderReview && viewer is { } v && await juries.OpenCaseForAsync(contentType, contentId, v, ct) is not null;
        return new ModerationNotice(state, latest?.Id, latest?.DecidedAt, state.ShowsContentTo(viewerIsAuthor, juror), juror, viewerIsAuthor);
    }

    /// <summary>
    /// The API's answer to a reader who may not see the content: 410 Gone once a jury removed it,
    /// 403 while a jury reviews it. Both name the case, whose page has the title and the reasons.
    /// </summary>
    public ProblemHttpResult Problem(ModerationNotice notice) => notice.State == ContentModeration.Removed
        ? TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: l["Removed by a community jury"],
            detail: l["A jury of randomly drawn members removed this because it went against the community values. The decision and the jurors' reasons are public."],
            extensions: new Dictionary<string, object?> { ["case"] = notice.CaseUrl })
        : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Under review by a community jury"],
            detail: l["Members flagged this against the community values. It is hidden while a jury of randomly drawn members reviews it; the decision will be public."],
            extensions: new Dictionary<string, object?> { ["case"] = notice.CaseUrl });
}
