using System.Security.Claims;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Platform;

/// <summary>
/// A platform document can be flagged; its facilitators (creators included) run it, so they are its authors: never
/// on its jury, told the decision, free to appeal. Hidden, it is out of the list, a notice for everyone else, and
/// frozen (no amendments, co-signatures, comments or facilitator acts).
/// </summary>
internal sealed class FlaggableDocument(AppDbContext db) : IFlaggableContent
{
    public const string Type = "platform-document";
    public string ContentType => Type;

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var d = await db.PlatformDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Title, d.Slug }).SingleOrDefaultAsync(ct);
        if (d is null) return null;
        var authors = await db.DocumentFacilitators.Where(f => f.DocumentId == id).Select(f => f.MemberId).ToListAsync(ct);
        return new FlagTarget(id.ToString(), d.Title, "/platform/" + d.Slug, null, authors);
    }

    public Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct) =>
        db.PlatformDocuments.Where(d => d.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Moderation, state), ct);
}

/// <summary>An amendment can be flagged; its author is its author. Hidden, it leaves the lists and is frozen (no revisions, co-signatures, comments or decisions).</summary>
internal sealed class FlaggableAmendment(AppDbContext db) : IFlaggableContent
{
    public const string Type = "amendment";
    public string ContentType => Type;

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var a = await db.Amendments.AsNoTracking().Where(a => a.Id == id)
            .Join(db.PlatformDocuments, a => a.DocumentId, d => d.Id, (a, d) => new { a.Number, a.Title, a.AuthorId, d.Slug })
            .SingleOrDefaultAsync(ct);
        return a is null ? null : new FlagTarget(id.ToString(), $"#{a.Number} {a.Title}", $"/platform/{a.Slug}/amendments/{a.Number}", null, [a.AuthorId]);
    }

    public Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct) =>
        db.Amendments.Where(a => a.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Moderation, state), ct);
}

/// <summary>A comment on an amendment can be flagged. Hidden, its thread stays and its words are a notice for everyone but its author (and its jurors while under review); it takes no answers and can't be deleted until the jury decides.</summary>
internal sealed class FlaggableAmendmentComment(AppDbContext db) : IFlaggableContent
{
    public const string Type = "amendment-comment";
    public string ContentType => Type;

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var c = await db.AmendmentComments.AsNoTracking().Where(c => c.Id == id && c.DeletedAt == null)
            .Join(db.Amendments, c => c.AmendmentId, a => a.Id, (c, a) => new { c.Body, c.AuthorId, a.Number, a.DocumentId })
            .Join(db.PlatformDocuments, x => x.DocumentId, d => d.Id, (x, d) => new { x.Body, x.AuthorId, x.Number, d.Slug })
            .SingleOrDefaultAsync(ct);
        if (c is null) return null;
        var excerpt = c.Body.Length > 80 ? c.Body[..80] + "…" : c.Body;
        return new FlagTarget(id.ToString(), $"#{c.Number}: {excerpt}", $"/platform/{c.Slug}/amendments/{c.Number}#c-{id}", null, [c.AuthorId]);
    }

    public Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct) =>
        db.AmendmentComments.Where(c => c.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Moderation, state), ct);
}

/// <summary>How the platform's pages and API show a document or an amendment a jury reviews or removed (see <see cref="ModerationNotices"/>).</summary>
public sealed class PlatformModeration(AppDbContext db, ModerationNotices notices)
{
    public async Task<ModerationNotice> ForDocumentAsync(Guid documentId, ContentModeration state, ClaimsPrincipal viewer, CancellationToken ct)
    {
        if (state == ContentModeration.Visible) return ModerationNotice.None;
        var me = viewer.MemberId();
        var author = me is { } m && await db.DocumentFacilitators.AnyAsync(f => f.DocumentId == documentId && f.MemberId == m, ct);
        return await notices.ForViewerAsync(FlaggableDocument.Type, documentId.ToString(), state, author, me, ct);
    }

    public Task<ModerationNotice> ForAmendmentAsync(Amendment a, ClaimsPrincipal viewer, CancellationToken ct) =>
        a.Moderation == ContentModeration.Visible ? Task.FromResult(ModerationNotice.None)
        : notices.ForViewerAsync(FlaggableAmendment.Type, a.Id.ToString(), a.Moderation, a.AuthorId == viewer.MemberId(), viewer.MemberId(), ct);

    public Task<ModerationNotice> ForCommentAsync(Guid commentId, Guid authorId, ContentModeration state, Guid? viewer, CancellationToken ct) =>
        notices.ForViewerAsync(FlaggableAmendmentComment.Type, commentId.ToString(), state, authorId == viewer, viewer, ct);

    /// <summary>Why nothing in content a jury reviews or removed may change (it is frozen), or null when it is visible.</summary>
    public static Outcome? Frozen(ContentModeration state, Microsoft.Extensions.Localization.IStringLocalizer l) => state switch
    {
        ContentModeration.UnderReview => Outcome.Refused(l["A community jury is reviewing this: it can't be changed until the jury decides."]),
        ContentModeration.Removed => Outcome.Refused(l["A community jury removed this: it can't be changed."]),
        _ => null,
    };

    /// <summary>403 while a jury reviews it, 410 once removed; both name the case.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(ModerationNotice notice) => notices.Problem(notice);
}
