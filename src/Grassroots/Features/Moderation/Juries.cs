using System.Security.Claims;
using FluentValidation;
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

/// <param name="JurySize">Seats of the current round held by jurors who can still vote.</param>
/// <param name="VoteBy">While under review: the viewer's own deadline if they are a juror, else when the last seat still waiting for a vote runs out.</param>
public sealed record CaseView(Guid Id, string ContentType, string ContentId, string ContentTitle, CaseStatus Status, int Round, bool Appealed,
    string? AppealReason, DateTimeOffset OpenedAt, DateTimeOffset? DecidedAt, int JurySize, IReadOnlyList<JurorVoteView> Votes,
    bool IAmJuror, bool IVoted, bool ICanAppeal, DateTimeOffset? VoteBy = null);

public sealed record VoteInput(JuryVote? Vote, string? Reason);
public sealed record AppealInput(string? Reason);

/// <summary>
/// Moderation without a center: when flags from enough distinct members reach the threshold the
/// content is hidden and a jury of randomly drawn members decides by majority, giving reasons
/// that are published. Jurors are members who can act; a seat left without a vote past the
/// deadline goes to another member. The author may appeal once; a new jury decides for good.
/// </summary>
public sealed class Juries(AppDbContext db, IEnumerable<IFlaggableContent> contents, Outbox outbox, SiteLinks links, AuditLog audit, TimeProvider clock,
    IOptions<ModerationOptions> options, Access access, IValidator<VoteInput> votes, IValidator<AppealInput> appeals, IStringLocalizer<SharedResource> l)
{
    private ModerationOptions O => options.Value;

    /// <summary>
    /// Called after each flag: opens a case when enough members flagged the content since the last
    /// decision (a kept item holds against the flaggers the jury already heard), never a second open one.
    /// </summary>
    public async Task OpenIfDueAsync(IFlaggableContent content, FlagTarget target, CancellationToken ct)
    {
        var type = content.ContentType;
        var cases = db.ModerationCases.Where(c => c.ContentType == type && c.ContentId == target.Id);
        if (await cases.AnyAsync(c => c.Status == CaseStatus.UnderReview, ct)) return;
        var lastDecision = await cases.Where(c => c.DecidedAt != null).OrderByDescending(c => c.DecidedAt).Select(c => c.DecidedAt).FirstOrDefaultAsync(ct);
        // Only flags from accounts older than MinimumAccountAge when they flagged count toward hiding (they stay in the log all the same).
        var flags = db.Flags.Where(f => f.ContentType == type && f.ContentId == target.Id && f.Counts && (lastDecision == null || f.CreatedAt > lastDecision));
        var flaggers = await flags.CountAsync(ct);
        if (flaggers < O.HideThreshold) return;
        var @case = new ModerationCase
        {
            ContentType = type, ContentId = target.Id, ContentTitle = target.Title.Length > 200 ? target.Title[..200] : target.Title,
            Status = CaseStatus.UnderReview, OpenedAt = clock.GetUtcNow(),
        };
        db.ModerationCases.Add(@case);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); return; } // another flag opened it at the same moment: one open case per item
        await content.SetModerationAsync(target.Id, ContentModeration.UnderReview, ct);
        audit.Record(null, "moderation.case.open", type, target.Id, $"{flaggers} flags");
        await DrawSeatsAsync(@case, target.Authors ?? [], O.JurySize, ct);
    }

    /// <summary>
    /// Draws up to <paramref name="seats"/> jurors among members who can act: confirmed, signed in
    /// within <see cref="ModerationOptions.JurorActiveWithin"/> (the demo's members never have), able
    /// to sign in (a password or a passkey), not under review themselves; never the authors, the
    /// flaggers or anyone who already sat on this case.
    /// </summary>
    private async Task<int> DrawSeatsAsync(ModerationCase @case, IReadOnlyList<Guid> authors, int seats, CancellationToken ct)
    {
        if (seats <= 0) return 0;
        var now = clock.GetUtcNow();
        var activeSince = now - O.JurorActiveWithin;
        var oldEnough = O.MinimumAccountAge > TimeSpan.Zero ? now - O.MinimumAccountAge : DateTimeOffset.MaxValue;
        var flaggers = db.Flags.Where(f => f.ContentType == @case.ContentType && f.ContentId == @case.ContentId).Select(f => f.ReporterId);
        var sat = db.Jurors.Where(j => j.CaseId == @case.Id).Select(j => j.MemberId);
        // Ids come from the (DeletedAt, EmailConfirmed, LastSignInAt, Id) index alone; a few more than
        // needed, because the rows read next may still turn some down.
        var ids = await db.Users.AsNoTracking()
            .Where(m => m.DeletedAt == null && m.EmailConfirmed && m.LastSignInAt >= activeSince
                && !authors.Contains(m.Id) && !flaggers.Contains(m.Id) && !sat.Contains(m.Id))
            .OrderBy(_ => EF.Functions.Random()).Take(seats * 4 + 4).Select(m => m.Id).ToListAsync(ct);
        var able = await db.Users.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.HiddenAt == null && (m.ConfirmedAt ?? m.CreatedAt) <= oldEnough && (m.PasswordHash != null || db.UserPasskeys.Any(p => p.UserId == m.Id)))
            .Select(m => new { m.Id, m.Email, m.Culture }).ToListAsync(ct);
        var chosen = ids.Join(able, id => id, a => a.Id, (_, a) => a).Take(seats).ToList();
        foreach (var m in chosen)
        {
            db.Jurors.Add(new Juror { CaseId = @case.Id, Round = @case.Round, MemberId = m.Id, DrawnAt = now });
            using (RecipientCulture.Use(m.Culture))
                outbox.Enqueue(m.Email!, l["You were drawn for a community jury"],
                    l["Members flagged \"{0}\" against the community values. You were drawn at random, with others, to decide whether it stays. Read the flags and vote with a reason within {1}; after that your seat goes to another member: {2}",
                        @case.ContentTitle, TimeLeft.Describe(l, O.VoteWithin), links.To($"/moderation/cases/{@case.Id}")]);
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two draws for one case at once picked the same member: this one gives way, the next check fills the seats.
            db.ChangeTracker.Clear();
            return 0;
        }
        return chosen.Count;
    }

    public async Task<Outcome> VoteAsync(ClaimsPrincipal juror, Guid caseId, VoteInput input, CancellationToken ct)
    {
        var @case = await db.ModerationCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.NotFound;
        var validation = await votes.ValidateAsync(input, ct);
        if (!validation.IsValid) return Outcome.Invalid(FieldErrors.From(validation));
        var (memberId, reason) = (juror.RequiredMemberId(), input.Reason!.Trim());
        if (@case.Status != CaseStatus.UnderReview) return Outcome.Invalid("vote", l["This case is decided; the vote is closed."]);
        if (await access.CheckAsync(juror, new CaseResource(caseId), JuryPolicies.Serve) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var seat = await db.Jurors.AsNoTracking().SingleAsync(j => j.CaseId == caseId && j.Round == @case.Round && j.MemberId == memberId, ct);
        if (seat.LapsedAt is not null) return Outcome.Invalid("vote", l["The time to vote ran out and your seat went to another member. Thank you all the same."]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // Only a seated juror who has not voted changes the row: a second vote is refused, even in
        // parallel, and so is a vote racing the seat check that gives the seat away.
        var cast = await db.Jurors.Where(j => j.CaseId == caseId && j.Round == @case.Round && j.MemberId == memberId && j.Vote == null && j.LapsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Vote, input.Vote).SetProperty(j => j.Reason, reason).SetProperty(j => j.VotedAt, now), ct);
        if (cast == 0)
        {
            await tx.RollbackAsync(ct);
            return (await db.Jurors.AsNoTracking().AnyAsync(j => j.CaseId == caseId && j.Round == @case.Round && j.MemberId == memberId && j.LapsedAt != null, ct))
                ? Outcome.Invalid("vote", l["The time to vote ran out and your seat went to another member. Thank you all the same."])
                : Outcome.Invalid("vote", l["You have already voted on this case."]);
        }
        var decided = await DecideIfDueAsync(@case, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (decided is { } d) await TellAuthorsAsync(@case, d, ct);
        return Outcome.Ok;
    }

    /// <summary>A majority of the seated jurors decides; the status changes only from "under review", so two last votes at once decide once.</summary>
    private async Task<CaseStatus?> DecideIfDueAsync(ModerationCase @case, DateTimeOffset now, CancellationToken ct)
    {
        var seats = db.Jurors.Where(j => j.CaseId == @case.Id && j.Round == @case.Round && j.LapsedAt == null);
        var votes = await seats.Where(j => j.Vote != null).Select(j => j.Vote!.Value).ToListAsync(ct);
        var jury = await seats.CountAsync(ct);
        if (jury == 0) return null;
        var majority = jury / 2 + 1;
        CaseStatus? decided = votes.Count(v => v == JuryVote.Remove) >= majority ? CaseStatus.Removed
            : votes.Count(v => v == JuryVote.Keep) >= majority ? CaseStatus.Kept : null;
        if (decided is not { } d) return null;
        var changed = await db.ModerationCases.Where(c => c.Id == @case.Id && c.Status == CaseStatus.UnderReview && c.Round == @case.Round)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, d).SetProperty(c => c.DecidedAt, now), ct);
        if (changed == 0) return null;
        var content = contents.First(c => c.ContentType == @case.ContentType);
        await content.SetModerationAsync(@case.ContentId, d == CaseStatus.Removed ? ContentModeration.Removed : ContentModeration.Visible, ct);
        audit.Record(null, d == CaseStatus.Removed ? "moderation.case.removed" : "moderation.case.kept", @case.ContentType, @case.ContentId);
        return d;
    }

    /// <summary>The authors hear the decision from us, in their language, with the reasons and (after a first removal) how to appeal.</summary>
    private async Task TellAuthorsAsync(ModerationCase @case, CaseStatus decision, CancellationToken ct)
    {
        var target = await contents.First(c => c.ContentType == @case.ContentType).FindAsync(@case.ContentId, ct);
        var authors = target?.Authors ?? [];
        if (authors.Count == 0) return;
        var people = await db.Users.AsNoTracking().Where(u => authors.Contains(u.Id) && u.DeletedAt == null && u.Email != null)
            .Select(u => new { u.Email, u.Culture }).ToListAsync(ct);
        var link = links.To($"/moderation/cases/{@case.Id}");
        foreach (var p in people)
            using (RecipientCulture.Use(p.Culture))
            {
                var body = decision == CaseStatus.Kept
                    ? l["A jury of randomly drawn members decided that \"{0}\" stays: it is visible again. The jurors' reasons are public: {1}", @case.ContentTitle, link]
                    : @case.Appealed
                        ? l["After your appeal, a second jury decided to remove \"{0}\". This decision is final. The jurors' reasons are public: {1}", @case.ContentTitle, link]
                        : l["A jury of randomly drawn members decided to remove \"{0}\": only you can still see it. The jurors' reasons are public. You may appeal once, on this page, and a new jury will decide: {1}", @case.ContentTitle, link];
                outbox.Enqueue(p.Email!, l["The community jury decided about \"{0}\"", @case.ContentTitle], body);
            }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The background seat check: seats whose time to vote ran out go to other members, open cases
    /// short of jurors (too few could be drawn when they opened) get more, and a jury that a lapse
    /// left with a majority decides.
    /// </summary>
    public async Task<int> CheckSeatsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var deadline = now - O.VoteWithin;
        var changed = 0;
        var open = await db.ModerationCases.AsNoTracking().Where(c => c.Status == CaseStatus.UnderReview).OrderBy(c => c.OpenedAt).Take(200).ToListAsync(ct);
        foreach (var @case in open)
        {
            // Conditional, like the vote: a juror who votes at this moment keeps the seat.
            var lapsed = await db.Jurors.Where(j => j.CaseId == @case.Id && j.Round == @case.Round && j.Vote == null && j.LapsedAt == null && j.DrawnAt <= deadline)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LapsedAt, now), ct);
            var seated = await db.Jurors.CountAsync(j => j.CaseId == @case.Id && j.Round == @case.Round && j.LapsedAt == null, ct);
            var drawn = 0;
            if (seated < O.JurySize)
            {
                var target = await contents.First(c => c.ContentType == @case.ContentType).FindAsync(@case.ContentId, ct);
                drawn = await DrawSeatsAsync(@case, target?.Authors ?? [], O.JurySize - seated, ct);
            }
            if (lapsed > 0) audit.Record(null, "moderation.jurors.redrawn", @case.ContentType, @case.ContentId, $"{lapsed} lapsed, {drawn} drawn");
            if (lapsed > 0 || drawn > 0)
            {
                changed++;
                if (await DecideIfDueAsync(@case, now, ct) is { } d) await TellAuthorsAsync(@case, d, ct);
            }
            await db.SaveChangesAsync(ct);
        }
        return changed;
    }

    /// <summary>An author appeals a removal once: a new jury, drawn afresh, decides for good.</summary>
    public async Task<Outcome> AppealAsync(ClaimsPrincipal author, Guid caseId, AppealInput input, CancellationToken ct)
    {
        var @case = await db.ModerationCases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.NotFound;
        if (await access.CheckAsync(author, new CaseResource(caseId), JuryPolicies.Appeal) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var content = contents.First(c => c.ContentType == @case.ContentType);
        var target = await content.FindAsync(@case.ContentId, ct);
        if (target is null) return Outcome.NotFound;
        var validation = await appeals.ValidateAsync(input, ct);
        if (!validation.IsValid) return Outcome.Invalid(FieldErrors.From(validation));
        var (memberId, reason) = (author.RequiredMemberId(), input.Reason!.Trim());
        if (@case.Status != CaseStatus.Removed) return Outcome.Invalid("caseId", l["Only a removal can be appealed."]);
        if (@case.Appealed) return Outcome.Invalid("caseId", l["This case was appealed already; the second jury's decision is final."]);
        int reopened;
        try
        {
            reopened = await db.ModerationCases.Where(c => c.Id == caseId && !c.Appealed && c.Status == CaseStatus.Removed)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Appealed, true).SetProperty(c => c.AppealReason, reason)
                    .SetProperty(c => c.Status, CaseStatus.UnderReview).SetProperty(c => c.Round, 2).SetProperty(c => c.DecidedAt, (DateTimeOffset?)null), ct);
        }
        catch (DbUpdateException) { reopened = 0; }
        if (reopened == 0) return Outcome.Invalid("caseId", l["This case was appealed already; the second jury's decision is final."]);
        await db.Entry(@case).ReloadAsync(ct);
        await content.SetModerationAsync(@case.ContentId, ContentModeration.UnderReview, ct);
        audit.Record(memberId, "moderation.case.appeal", @case.ContentType, @case.ContentId);
        await DrawSeatsAsync(@case, target.Authors ?? [], O.JurySize, ct);
        return Outcome.Ok;
    }

    public async Task<CaseView?> FindAsync(Guid caseId, Guid? viewer, CancellationToken ct)
    {
        var c = await db.ModerationCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return null;
        var jurors = await db.Jurors.AsNoTracking().Where(j => j.CaseId == caseId).ToListAsync(ct);
        var canAppeal = false;
        if (viewer is { } me && c.Status == CaseStatus.Removed && !c.Appealed)
        {
            var target = await contents.First(x => x.ContentType == c.ContentType).FindAsync(c.ContentId, ct);
            canAppeal = (target?.Authors ?? []).Contains(me);
        }
        return View(c, jurors, viewer, canAppeal, O.VoteWithin);
    }

    /// <summary>The public log: one query for the page of cases, one for their jurors.</summary>
    public async Task<Page<CaseView>> LogAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var total = await db.ModerationCases.CountAsync(ct);
        var cases = await db.ModerationCases.AsNoTracking().OrderByDescending(c => c.OpenedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var jurors = (await db.Jurors.AsNoTracking().Where(j => ids.Contains(j.CaseId)).ToListAsync(ct)).ToLookup(j => j.CaseId);
        return new Page<CaseView>(cases.Select(c => View(c, [.. jurors[c.Id]], null, false, O.VoteWithin)).ToList(), p, size, total);
    }

    private static CaseView View(ModerationCase c, List<Juror> jurors, Guid? viewer, bool canAppeal, TimeSpan voteWithin)
    {
        var seated = jurors.Where(j => j.Round == c.Round && j.LapsedAt is null).ToList();
        var mine = viewer is { } v ? seated.SingleOrDefault(j => j.MemberId == v) : null;
        DateTimeOffset? voteBy = null;
        if (c.Status == CaseStatus.UnderReview)
            voteBy = mine is { Vote: null } ? mine.DrawnAt + voteWithin
                : seated.Where(j => j.Vote is null).Select(j => (DateTimeOffset?)(j.DrawnAt + voteWithin)).Max();
        // Votes and reasons are public; jurors' names are not.
        var votes = jurors.Where(j => j.Vote is not null).OrderBy(j => j.Round).ThenBy(j => j.VotedAt)
            .Select(j => new JurorVoteView(j.Vote!.Value, j.Reason ?? "", j.Round)).ToList();
        return new CaseView(c.Id, c.ContentType, c.ContentId, c.ContentTitle, c.Status, c.Round, c.Appealed, c.AppealReason, c.OpenedAt, c.DecidedAt,
            seated.Count, votes, mine is not null, mine?.Vote is not null, canAppeal, voteBy);
    }

    /// <summary>The open case on this content where the member holds a seat, if any: jurors may read what they judge.</summary>
    public async Task<Guid?> OpenCaseForAsync(string contentType, string contentId, Guid memberId, CancellationToken ct) =>
        await db.ModerationCases.Where(c => c.ContentType == contentType && c.ContentId == contentId && c.Status == CaseStatus.UnderReview
                && db.Jurors.Any(j => j.CaseId == c.Id && j.Round == c.Round && j.MemberId == memberId && j.LapsedAt == null))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

    /// <summary>The latest case on this content (the one its notice links to), if any.</summary>
    public async Task<(Guid Id, CaseStatus Status, DateTimeOffset? DecidedAt)?> LatestCaseAsync(string contentType, string contentId, CancellationToken ct)
    {
        var c = await db.ModerationCases.AsNoTracking().Where(c => c.ContentType == contentType && c.ContentId == contentId)
            .OrderByDescending(c => c.OpenedAt).Select(c => new { c.Id, c.Status, c.DecidedAt }).FirstOrDefaultAsync(ct);
        return c is null ? null : (c.Id, c.Status, c.DecidedAt);
    }
}
