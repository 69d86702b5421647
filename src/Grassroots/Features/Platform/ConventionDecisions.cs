using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Platform;

/// <summary>A platform version as a ratify motion names it.</summary>
public sealed record RatifiableVersion(Guid DocumentId, string Slug, string Title, int Version, PlatformPhase Phase, bool Ratified, Guid? ConventionId);

/// <summary>An amendment as an adopt motion names it.</summary>
public sealed record AdoptableAmendment(Guid Id, Guid DocumentId, string DocumentSlug, int Number, string Title, AmendmentStatus Status, Guid? ConventionId = null);

/// <summary>
/// What the convention asks of the platform and tells it: which version or amendment a motion may name, and what
/// passed. The platform's own rules (phases, statuses, the facilitators' log) stay here; the convention calls these
/// inside its closing transaction, so a result and its effect are committed together.
/// </summary>
public sealed class ConventionDecisions(AppDbContext db)
{
    public async Task<RatifiableVersion?> VersionAsync(string idOrSlug, int? version, CancellationToken ct)
    {
        var doc = Guid.TryParse(idOrSlug, out var id)
            ? await db.PlatformDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct)
            : await db.PlatformDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Slug == idOrSlug, ct);
        if (doc is null || doc.Moderation != Moderation.ContentModeration.Visible) return null;
        var number = version ?? doc.CurrentVersion;
        var v = await db.PlatformVersions.AsNoTracking().SingleOrDefaultAsync(x => x.DocumentId == doc.Id && x.Number == number, ct);
        return v is null ? null : new RatifiableVersion(doc.Id, doc.Slug, doc.Title, v.Number, doc.Phase, v.RatifiedAt is not null, doc.ConventionId);
    }

    public Task<AdoptableAmendment?> AmendmentAsync(Guid amendmentId, CancellationToken ct) =>
        db.Amendments.AsNoTracking().Where(a => a.Id == amendmentId && a.Moderation == Moderation.ContentModeration.Visible)
            .Join(db.PlatformDocuments, a => a.DocumentId, d => d.Id, (a, d) => new AdoptableAmendment(a.Id, d.Id, d.Slug, a.Number, a.Title, a.Status, d.ConventionId))
            .SingleOrDefaultAsync(ct);

    /// <summary>Documents the assembly's ratify motions can name (visible, not yet ratified, the assembly named as their convention), newest first.</summary>
    public async Task<IReadOnlyList<(string Slug, string Title, int Version)>> DocumentsAsync(Guid assemblyId, CancellationToken ct) =>
        (await db.PlatformDocuments.AsNoTracking().Where(d => d.Moderation == Moderation.ContentModeration.Visible && d.Phase != PlatformPhase.Ratified && d.ConventionId == assemblyId)
            .OrderByDescending(d => d.Id).Take(100).Select(d => new { d.Slug, d.Title, d.CurrentVersion }).ToListAsync(ct))
        .Select(d => (d.Slug, d.Title, d.CurrentVersion)).ToList();

    /// <summary>Amendments on the ballot (enough co-signers) of the documents this assembly ratifies: the ones its adopt motions can name.</summary>
    public async Task<IReadOnlyList<AdoptableAmendment>> OnBallotAsync(Guid assemblyId, CancellationToken ct) =>
        (await db.Amendments.AsNoTracking().Where(a => a.Status == AmendmentStatus.OnBallot && a.Moderation == Moderation.ContentModeration.Visible)
            .Join(db.PlatformDocuments.Where(d => d.ConventionId == assemblyId), a => a.DocumentId, d => d.Id, (a, d) => new { a.Id, DocumentId = d.Id, d.Slug, a.Number, a.Title, a.Status })
            .OrderBy(a => a.Slug).ThenBy(a => a.Number).Take(200).ToListAsync(ct))
        .Select(a => new AdoptableAmendment(a.Id, a.DocumentId, a.Slug, a.Number, a.Title, a.Status)).ToList();

    /// <summary>
    /// Marks the version ratified (with the tally and the audit's address) and the document ratified, when the
    /// assembly is still the document's convention and nothing ratified it meanwhile (checked here, at close, not only
    /// when the motion was written). Saved by the caller. False when it did nothing.
    /// </summary>
    public async Task<bool> RatifyAsync(Guid assemblyId, Guid documentId, int version, Guid actorId, string tally, string auditPath, DateTimeOffset at, CancellationToken ct)
    {
        var doc = await db.PlatformDocuments.SingleAsync(d => d.Id == documentId, ct);
        var v = await db.PlatformVersions.SingleAsync(x => x.DocumentId == documentId && x.Number == version, ct);
        if (doc.ConventionId != assemblyId || doc.Phase == PlatformPhase.Ratified || v.RatifiedAt is not null) return false;
        v.RatifiedAt = at;
        v.RatifiedTally = tally.Length > 300 ? tally[..300] : tally;
        v.RatifiedAudit = auditPath;
        if (doc.Phase != PlatformPhase.Ratified)
        {
            doc.Phase = PlatformPhase.Ratified;
            doc.PhaseStartedAt = at;
            (doc.AmendmentsOpen, doc.CosigningOpen, doc.CommentsOpen) = PlatformRules.Defaults(PlatformPhase.Ratified);
        }
        doc.Revision++;
        db.FacilitatorLog.Add(new FacilitatorAction { DocumentId = documentId, ActorId = actorId, At = at, Action = "ratified", Detail = $"version {version}: {tally}" });
        return true;
    }

    /// <summary>Accepts an amendment the convention adopted; the facilitators merge it as any accepted one. Saved by the caller.</summary>
    public async Task<bool> AdoptAsync(Guid assemblyId, Guid amendmentId, Guid actorId, string tally, DateTimeOffset at, CancellationToken ct)
    {
        var a = await db.Amendments.SingleAsync(x => x.Id == amendmentId, ct);
        if (a.Status is not (AmendmentStatus.Open or AmendmentStatus.OnBallot)) return false;
        if (!await db.PlatformDocuments.AnyAsync(d => d.Id == a.DocumentId && d.ConventionId == assemblyId && d.Phase != PlatformPhase.Ratified, ct)) return false;
        a.Status = AmendmentStatus.Accepted;
        a.DecidedAt = at;
        a.DecisionNote = $"Adopted by the convention: {tally}";
        db.FacilitatorLog.Add(new FacilitatorAction { DocumentId = a.DocumentId, ActorId = actorId, At = at, Action = "amendment.accept", Detail = $"#{a.Number} {a.Title}: adopted by the convention, {tally}" });
        return true;
    }
}
