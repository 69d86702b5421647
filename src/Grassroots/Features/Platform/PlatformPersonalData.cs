using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Platform;

public sealed record ExportedDocument(Guid DocumentId, string Document, DateTimeOffset CreatedAt);
public sealed record ExportedAmendmentRevision(Guid DocumentId, string Document, int Amendment, string Status, int Revision, string AmendmentTitle, string Text, string Reason, DateTimeOffset WrittenAt);
public sealed record ExportedCosignature(Guid DocumentId, string Document, int Amendment, string AmendmentTitle, int Revision, DateTimeOffset At);
public sealed record ExportedAmendmentComment(Guid DocumentId, string Document, int Amendment, string Body, bool Deleted, DateTimeOffset WrittenAt);
public sealed record ExportedFacilitating(Guid DocumentId, string Document, string Role, DateTimeOffset NamedAt);
public sealed record ExportedFacilitatorAct(Guid DocumentId, string Document, DateTimeOffset At, string Action, string Detail);

/// <summary>
/// The platform's part of a member's data export: documents they started, their amendments with every revision,
/// their signatures and comments, the documents they facilitate and what they did there (the public log's lines).
/// </summary>
internal sealed class PlatformPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var documents = await db.PlatformDocuments.AsNoTracking().Where(d => d.CreatedById == memberId).OrderBy(d => d.CreatedAt)
            .Select(d => new ExportedDocument(d.Id, d.Title, d.CreatedAt)).ToListAsync(ct);
        var revisions = await (from a in db.Amendments.AsNoTracking()
                               where a.AuthorId == memberId
                               join d in db.PlatformDocuments on a.DocumentId equals d.Id
                               join r in db.AmendmentRevisions on a.Id equals r.AmendmentId
                               orderby a.CreatedAt, r.Number
                               select new { a.DocumentId, d.Title, a.Number, a.Status, Revision = r.Number, RevisionTitle = r.Title, r.Text, r.Reason, r.CreatedAt }).ToListAsync(ct);
        var cosigned = await (from c in db.AmendmentCosigns.AsNoTracking()
                              where c.MemberId == memberId
                              join a in db.Amendments on c.AmendmentId equals a.Id
                              join d in db.PlatformDocuments on a.DocumentId equals d.Id
                              orderby c.At
                              select new ExportedCosignature(d.Id, d.Title, a.Number, a.Title, c.Revision, c.At)).ToListAsync(ct);
        var comments = await (from c in db.AmendmentComments.AsNoTracking()
                              where c.AuthorId == memberId
                              join a in db.Amendments on c.AmendmentId equals a.Id
                              join d in db.PlatformDocuments on a.DocumentId equals d.Id
                              orderby c.CreatedAt
                              select new ExportedAmendmentComment(d.Id, d.Title, a.Number, c.Body, c.DeletedAt != null, c.CreatedAt)).ToListAsync(ct);
        var facilitating = await db.DocumentFacilitators.AsNoTracking().Where(f => f.MemberId == memberId).OrderBy(f => f.NamedAt)
            .Join(db.PlatformDocuments, f => f.DocumentId, d => d.Id, (f, d) => new { d.Id, d.Title, f.Role, f.NamedAt }).ToListAsync(ct);
        var invited = await db.FacilitatorInvitations.AsNoTracking().Where(f => f.MemberId == memberId).OrderBy(f => f.InvitedAt)
            .Join(db.PlatformDocuments, f => f.DocumentId, d => d.Id, (f, d) => new ExportedFacilitating(d.Id, d.Title, f.Role.ToString(), f.InvitedAt)).ToListAsync(ct);
        var acts = await db.FacilitatorLog.AsNoTracking().Where(a => a.ActorId == memberId).OrderBy(a => a.Id)
            .Join(db.PlatformDocuments, a => a.DocumentId, d => d.Id, (a, d) => new ExportedFacilitatorAct(d.Id, d.Title, a.At, a.Action, a.Detail)).ToListAsync(ct);
        return
        [
            ("platformDocuments", documents),
            ("amendments", revisions.Select(r => new ExportedAmendmentRevision(r.DocumentId, r.Title, r.Number, r.Status.ToString(), r.Revision, r.RevisionTitle, r.Text, r.Reason, r.CreatedAt)).ToList()),
            ("cosignatures", cosigned),
            ("amendmentComments", comments),
            ("facilitating", facilitating.Select(f => new ExportedFacilitating(f.Id, f.Title, f.Role.ToString(), f.NamedAt)).ToList()),
            ("facilitatorInvitations", invited),
            ("facilitatorActs", acts),
        ];
    }
}
