using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Moderation;

public sealed record JurorVoteView(JuryVote Vote, string Reason, int Round);

public sealed record CaseView(Guid Id, string ContentType, string ContentId, string ContentTitle, CaseStatus Status, int Round, bool Appealed,
    string? AppealReason, DateTimeOffset OpenedAt, DateTimeOffset? DecidedAt, int JurySize, IReadOnlyList<JurorVoteView> Votes,
    bool IAmJuror, bool IVoted, bool ICanAppeal);

public sealed record VoteInput(JuryVote? Vote, string? Reason);
public sealed record AppealInput(string? Reason);

/// <summary>
/// Moderation without a center: when flags from enough distinct members reach the threshold the
/// content is hidden and a jury of randomly drawn members decides by majority, giving reasons
/// that are published. The author may appeal once; a new jury decides for good.
/// </summary>
public sealed class Juries(AppDbContext db, IEnumerable<IFlaggableContent> contents, Outbox outbox, SiteLinks links, AuditLog audit, TimeProvider clock,
    IOptions<ModerationOptions> options, IStringLocalizer<SharedResource> l)
{
    private ModerationOptions O => options.Value;

    /// <summary>Called after each flag: opens the case (once) when the threshold is reached.</summary>
    public async Task OpenIfDueAsync(IFlaggableContent content, string contentId, FlagTarget target, CancellationToken ct)
    {
        var flaggers = await db.Flags.CountAsync(f => f.ContentType == content.ContentType && f.ContentId == contentId, ct);
        if (flaggers < O.HideThreshold) return;
        if (await db.Set<ModerationCase>().AnyAsync(c => c.ContentType == content.ContentType && c.ContentId == contentId, ct)) return;
        var @case = new ModerationCase
        {
            ContentType = content.ContentType, ContentId = contentId, ContentTitle = target.Title.Length > 200 ? target.Title[..200] : target.Title,
            Status = CaseStatus.UnderReview, OpenedAt = clock.GetUtcNow(),
        };
        db.Set<ModerationCase>().Add(@case);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); return; } // another flag opened it at the same moment
        await content.SetHiddenAsync(contentId, true, ct);
        audit.Record(null, "moderation.case.open", content.ContentType, contentId, $"{flaggers} flags");
        await DrawJuryAsync(@case, target, ct);
    }

    private async Task DrawJuryAsync(ModerationCase @case, FlagTarget target, CancellationToken ct)
    {
        // Not the authors, not the flaggers, not anyone who already sat on this case.
        var authors = target.Authors ?? [];
        var flaggers = db.Flags.Where(f => f.ContentType == @case.ContentType && f.ContentId == @case.ContentId).Select(f => f.ReporterId);
        var sat = db.Set<Juror>().Where(j => j.CaseId == @case.Id).Select(j => j.MemberId);
        // Draw ids from the (DeletedAt, EmailConfirmed, Id) index alone, then read the few drawn rows.
        var ids = await db.Users.AsNoTracking()
            .Where(m => m.DeletedAt == null && m.EmailConfirmed && !authors.Contains(m.Id) && !flaggers.Contains(m.Id) && !sat.Contains(m.Id))
            .OrderBy(_ => EF.Functions.Random()).Take(O.JurySize).Select(m => m.Id).ToListAsync(ct);
        var drawn = await db.Users.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Email, m.Culture }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var m in drawn)
        {
            db.Set<Juror>().Add(new Juror { CaseId = @case.Id, Round = @case.Round, MemberId = m.Id, DrawnAt = now });
            using (RecipientCulture.Use(m.Culture))
                outbox.Enqueue(m.Email!, l["You were drawn for a community jury"],
                    l["Members flagged \"{0}\" against the community values. You were drawn at random, with others, to decide whether it stays. Read the flags and vote with a reason: {1}", @case.ContentTitle, links.To($"/moderation/cases/{@case.Id}")]);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<Outcome> VoteAsync(Guid caseId, Guid memberId, VoteInput input, CancellationToken ct)
    {
        var @case = await db.Set<ModerationCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.NotFound;
        var errors = new FieldErrors();
        if (input.Vote is not { } vote || !Enum.IsDefined(vote)) errors.Add("vote", l["Vote Keep or Remove."]);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length < 10) errors.Add("reason", l["Give your reason in a sentence or two (at least 10 characters): it is published."]);
        else if (reason.Length > Flagging.MaxReasonLength) errors.Add("reason", l["The reason can be at most {0} characters.", Flagging.MaxReasonLength]);
        else if (UserText.ContainsScript(reason)) errors.Add("reason", l["The reason can't contain scripts or HTML."]);
        if (!errors.IsEmpty) return Outcome.Invalid(errors);
        if (@case.Status != CaseStatus.UnderReview) return Outcome.Invalid("vote", l["This case is decided; the vote is closed."]);
        if (!await db.Set<Juror>().AnyAsync(j => j.CaseId == caseId && j.Round == @case.Round && j.MemberId == memberId, ct))
            return Outcome.Forbidden;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // Only a juror who has not voted changes the row: a second vote is refused, even in parallel.
        var cast = await db.Set<Juror>().Where(j => j.CaseId == caseId && j.Round == @case.Round && j.MemberId == memberId && j.Vote == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Vote, input.Vote).SetProperty(j => j.Reason, reason).SetProperty(j => j.VotedAt, now), ct);
        if (cast == 0)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Invalid("vote", l["You have already voted on this case."]);
        }
        var votes = await db.Set<Juror>().Where(j => j.CaseId == caseId && j.Round == @case.Round && j.Vote != null).Select(j => j.Vote!.Value).ToListAsync(ct);
        var jury = await db.Set<Juror>().CountAsync(j => j.CaseId == caseId && j.Round == @case.Round, ct);
        var majority = jury / 2 + 1;
        CaseStatus? decided = votes.Count(v => v == JuryVote.Remove) >= majority ? CaseStatus.Removed
            : votes.Count(v => v == JuryVote.Keep) >= majority ? CaseStatus.Kept : null;
        if (decided is { } d)
        {
            // The status changes only from "under review": two last votes at once decide once.
            var changed = await db.Set<ModerationCase>().Where(c => c.Id == caseId && c.Status == CaseStatus.UnderReview)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, d).SetProperty(c => c.DecidedAt, now), ct);
            if (changed == 1)
            {
                var content = contents.First(c => c.ContentType == @case.ContentType);
                await content.SetHiddenAsync(@case.ContentId, d == CaseStatus.Removed, ct);
                audit.Record(null, d == CaseStatus.Removed ? "moderation.case.removed" : "moderation.case.kept", @case.ContentType, @case.ContentId);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>An author appeals a removal once: a new jury, drawn afresh, decides for good.</summary>
    public async Task<Outcome> AppealAsync(Guid caseId, Guid memberId, AppealInput input, CancellationToken ct)
    {
        var @case = await db.Set<ModerationCase>().SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.NotFound;
        var content = contents.First(c => c.ContentType == @case.ContentType);
        var target = await content.FindAsync(@case.ContentId, ct);
        if (target is null) return Outcome.NotFound;
        if (!(target.Authors ?? []).Contains(memberId)) return Outcome.Forbidden;
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length < 10) return Outcome.Invalid("reason", l["Explain in a sentence or two (at least 10 characters) why the jury should decide again."]);
        if (reason.Length > Flagging.MaxReasonLength) return Outcome.Invalid("reason", l["The reason can be at most {0} characters.", Flagging.MaxReasonLength]);
        if (@case.Status != CaseStatus.Removed) return Outcome.Invalid("caseId", l["Only a removal can be appealed."]);
        if (@case.Appealed) return Outcome.Invalid("caseId", l["This case was appealed already; the second jury's decision is final."]);
        var now = clock.GetUtcNow();
        var reopened = await db.Set<ModerationCase>().Where(c => c.Id == caseId && !c.Appealed && c.Status == CaseStatus.Removed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Appealed, true).SetProperty(c => c.AppealReason, reason)
                .SetProperty(c => c.Status, CaseStatus.UnderReview).SetProperty(c => c.Round, 2).SetProperty(c => c.DecidedAt, (DateTimeOffset?)null), ct);
        if (reopened == 0) return Outcome.Invalid("caseId", l["This case was appealed already; the second jury's decision is final."]);
        await db.Entry(@case).ReloadAsync(ct);
        audit.Record(memberId, "moderation.case.appeal", @case.ContentType, @case.ContentId);
        await DrawJuryAsync(@case, target, ct);
        return Outcome.Ok;
    }

    public async Task<CaseView?> FindAsync(Guid caseId, Guid? viewer, CancellationToken ct)
    {
        var c = await db.Set<ModerationCase>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return null;
        var jurors = await db.Set<Juror>().AsNoTracking().Where(j => j.CaseId == caseId).ToListAsync(ct);
        var canAppeal = false;
        if (viewer is { } me && c.Status == CaseStatus.Removed && !c.Appealed)
        {
            var target = await contents.First(x => x.ContentType == c.ContentType).FindAsync(c.ContentId, ct);
            canAppeal = (target?.Authors ?? []).Contains(me);
        }
        return View(c, jurors, viewer, canAppeal);
    }

    /// <summary>The public log: one query for the page of cases, one for their jurors.</summary>
    public async Task<Page<CaseView>> LogAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var total = await db.Set<ModerationCase>().CountAsync(ct);
        var cases = await db.Set<ModerationCase>().AsNoTracking().OrderByDescending(c => c.OpenedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var jurors = (await db.Set<Juror>().AsNoTracking().Where(j => ids.Contains(j.CaseId)).ToListAsync(ct)).ToLookup(j => j.CaseId);
        return new Page<CaseView>(cases.Select(c => View(c, [.. jurors[c.Id]], null, false)).ToList(), p, size, total);
    }

    private static CaseView View(ModerationCase c, List<Juror> jurors, Guid? viewer, bool canAppeal)
    {
        var current = jurors.Where(j => j.Round == c.Round).ToList();
        var mine = viewer is { } v ? current.SingleOrDefault(j => j.MemberId == v) : null;
        // Votes and reasons are public; jurors' names are not.
        var votes = jurors.Where(j => j.Vote is not null).OrderBy(j => j.Round).ThenBy(j => j.VotedAt)
            .Select(j => new JurorVoteView(j.Vote!.Value, j.Reason ?? "", j.Round)).ToList();
        return new CaseView(c.Id, c.ContentType, c.ContentId, c.ContentTitle, c.Status, c.Round, c.Appealed, c.AppealReason, c.OpenedAt, c.DecidedAt,
            current.Count, votes, mine is not null, mine?.Vote is not null, canAppeal);
    }

    /// <summary>True while the content is hidden (under review or removed).</summary>
    public Task<bool> IsHiddenAsync(string contentType, string contentId, CancellationToken ct) =>
        db.Set<ModerationCase>().AnyAsync(c => c.ContentType == contentType && c.ContentId == contentId && c.Status != CaseStatus.Kept, ct);

    public async Task<Guid?> OpenCaseForAsync(string contentType, string contentId, Guid memberId, CancellationToken ct) =>
        await db.Set<ModerationCase>().Where(c => c.ContentType == contentType && c.ContentId == contentId && c.Status == CaseStatus.UnderReview
                && db.Set<Juror>().Any(j => j.CaseId == c.Id && j.Round == c.Round && j.MemberId == memberId))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
}
