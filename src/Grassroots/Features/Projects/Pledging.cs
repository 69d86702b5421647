using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using FluentValidation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Projects;

/// <summary>"I'll give $25 (2500)", "I'll do it": the amount in the need's unit (people and venues count one), and a note.</summary>
public sealed record PledgeInput(long? Amount, string? Note)
{
    public const int MaxNoteLength = 1000;
}

/// <summary>What a pledge says on its own; what depends on the need (its unit, what is left) is checked when pledging.</summary>
public sealed class PledgeInputValidator : AbstractValidator<PledgeInput>
{
    public PledgeInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => (x.Note ?? "").Trim())
            .MaximumLength(PledgeInput.MaxNoteLength).OverridePropertyName("note").WithMessage(_ => l["The note can be at most {0} characters.", PledgeInput.MaxNoteLength])
            .Must(n => !UserText.ContainsScript(n)).WithMessage(_ => l["The note can't contain scripts or HTML."]);
    }
}

public sealed record PledgeView(Guid Id, Guid NeedId, Guid ProjectId, long Amount, string? Note, PledgeStatus Status, DateTimeOffset CreatedAt)
{
    public static PledgeView Of(Pledge p) => new(p.Id, p.NeedId, p.ProjectId, p.Amount, p.Note, p.Status, p.CreatedAt);
}

/// <summary>
/// Pledges and the owners' answers. A pledge first raises the need's Reserved count with a
/// conditional UPDATE (Reserved + amount ≤ Quantity, unless overfill is allowed), in the same
/// transaction as the insert: parallel pledges queue on the need's row and the last slots go to
/// exactly as many people as there are slots. A retried request (same idempotency key) gets the
/// pledge it already made.
/// </summary>
public sealed class Pledging(AppDbContext db, GroupCommit writes, TimeProvider clock, IValidator<PledgeInput> validator, IOptions<ProjectsOptions> options,
    IStringLocalizer<SharedResource> l)
{
    public async Task<(PledgeView? Pledge, bool Replayed, Outcome Outcome)> PledgeAsync(
        ClaimsPrincipal member, Guid projectId, Guid needId, PledgeInput input, string? idempotencyKey, CancellationToken ct)
    {
        var memberId = member.RequiredMemberId();
        var (sent, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return (null, false, badKey);
        var key = sent ?? Guid.NewGuid().ToString("N");

        // Every query of a pledge runs on one open connection (opening one costs as much as a query).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await PledgeOnOpenConnectionAsync(projectId, needId, memberId, input, key, ct, retried: false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One read for the need, a pledge already made under this key, whether this member has an
    /// active pledge to the need, whether they follow the project, and whether a jury is reviewing
    /// it. Compiled once per model: this
    /// is the movement's busiest write, and translating the expression on every call was a fifth of
    /// its CPU. (A compiled query belongs to one model; the tests run two providers in one process.)
    /// </summary>
    private static readonly Expression<Func<AppDbContext, Guid, Guid, Guid, string, CancellationToken, PledgeTarget?>> TargetQuery =
        (db, projectId, needId, memberId, key, ct) =>
            db.Needs.AsNoTracking().Where(n => n.Id == needId && n.ProjectId == projectId)
                .Select(n => new PledgeTarget(
                    n,
                    db.Pledges.Where(p => p.MemberId == memberId && p.IdempotencyKey == key).Select(p => p.Id).FirstOrDefault(),
                    db.Pledges.Any(p => p.NeedId == needId && p.MemberId == memberId && (p.Status == PledgeStatus.Pending || p.Status == PledgeStatus.Accepted)),
                    db.ProjectFollowers.Any(f => f.ProjectId == projectId && f.MemberId == memberId),
                    db.Projects.Any(p => p.Id == projectId && p.HiddenAt != null)))
                .SingleOrDefault();

    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, Guid, Guid, string, CancellationToken, Task<PledgeTarget?>>> CompiledTarget = [];

    private static Task<PledgeTarget?> FindTarget(AppDbContext db, Guid projectId, Guid needId, Guid memberId, string key, CancellationToken ct) =>
        CompiledTarget.GetValue(db.Model, _ => EF.CompileAsyncQuery(TargetQuery))(db, projectId, needId, memberId, key, ct);

    private sealed record PledgeTarget(Need Need, Guid Earlier, bool Pledged, bool Following, bool UnderReview);

    private async Task<(PledgeView? Pledge, bool Replayed, Outcome Outcome)> PledgeOnOpenConnectionAsync(
        Guid projectId, Guid needId, Guid memberId, PledgeInput input, string key, CancellationToken ct, bool retried)
    {
        var found = await FindTarget(db, projectId, needId, memberId, key, ct);
        if (found is null || found.Earlier != Guid.Empty)
        {
            if (await FindByKeyAsync(memberId, key, ct) is { } earlier)
                return earlier.NeedId == needId ? (PledgeView.Of(earlier), true, Outcome.Ok)
                    : (null, false, Outcome.Invalid("Idempotency-Key", l["This idempotency key was already used for another pledge."]));
            if (found is null) return (null, false, Outcome.NotFound);
        }
        var need = found.Need;
        var ceiling = options.Value.Ceiling(need.Kind);
        var amount = need.Kind is NeedKind.People or NeedKind.Venue ? 1 : input.Amount ?? 0;
        var validation = await validator.ValidateAsync(input, ct);
        var errors = validation.IsValid ? new FieldErrors() : FieldErrors.From(validation);
        if (amount < 1) errors.Add("amount", need.Kind == NeedKind.Money ? l["Give an amount of at least 1 cent."] : l["Give an amount of at least 1."]);
        else if (amount > need.Quantity && !need.AllowOverfill) errors.Add("amount", l["The need asks for {0} in all; pledge at most that.", Amount(need.Kind, need.Quantity)]);
        else if (amount > ceiling) errors.Add("amount", l["One pledge can be at most {0}.", Amount(need.Kind, ceiling)]);
        if (!errors.IsEmpty) return (null, false, Outcome.Invalid(errors));
        var note = input.Note?.Trim();
        if (found.Pledged)
        {
            // The same request may have just committed in parallel: then this is its retry.
            if (await FindByKeyAsync(memberId, key, ct) is { } same && same.NeedId == needId) return (PledgeView.Of(same), true, Outcome.Ok);
            return (null, false, Outcome.Invalid("needId", l["You have already pledged to this need. Withdraw that pledge to change it."]));
        }
        if (need.Closed) return (null, false, Outcome.Invalid("needId", l["This need is closed: it takes no more pledges."]));
        // Flagged content waits for its jury: no one is asked to give to what may be a scam.
        if (found.UnderReview) return (null, false, Outcome.Invalid("needId", l["A community jury is reviewing this project; pledges wait until it decides."]));

        var accepted = need.AutoAccept;
        var now = clock.GetUtcNow();
        var pledge = new Pledge
        {
            NeedId = needId, ProjectId = projectId, MemberId = memberId, Amount = amount, Note = string.IsNullOrEmpty(note) ? null : note,
            Status = accepted ? PledgeStatus.Accepted : PledgeStatus.Pending, IdempotencyKey = key, CreatedAt = now, DecidedAt = accepted ? now : null,
        };
        // Pledgers hear how it goes: the follower row commits with the pledge.
        switch (await CommitAsync(pledge, ceiling, follow: !found.Following, ct))
        {
            case Commit.Done:
                return (PledgeView.Of(pledge), false, Outcome.Ok);
            case Commit.NoRoom:
                if (await FindByKeyAsync(memberId, key, ct) is { } same && same.NeedId == needId) return (PledgeView.Of(same), true, Outcome.Ok);
                return (null, false, Outcome.Invalid("amount", l["This need has only {0} left to pledge.", Amount(need.Kind, await RemainingAsync(needId, ceiling, ct))]));
            default:
                // The same request arrived twice at once, or the member pledged twice at once: the unique
                // indexes kept one, and this transaction (with its reservation) was undone.
                if (await FindByKeyAsync(memberId, key, ct) is { } kept) return (PledgeView.Of(kept), true, Outcome.Ok);
                if (!retried && !found.Following && !await db.Pledges.Where(Pledge.IsActive).AnyAsync(p => p.NeedId == needId && p.MemberId == memberId, ct))
                {
                    // Only the follower row collided (the member followed at the same moment): pledge again.
                    return await PledgeOnOpenConnectionAsync(projectId, needId, memberId, input, key, ct, retried: true);
                }
                return (null, false, Outcome.Invalid("needId", l["You have already pledged to this need. Withdraw that pledge to change it."]));
        }
    }

    private enum Commit { Done, NoRoom, Conflict }

    /// <summary>
    /// Raises the need's count only if there is room (a conditional UPDATE: parallel pledges queue on
    /// the need's row) and stores the pledge, in one transaction: on SQLite, in a batch of pledges
    /// committed together (see <see cref="GroupCommit"/>).
    /// </summary>
    private async Task<Commit> CommitAsync(Pledge pledge, long ceiling, bool follow, CancellationToken ct)
    {
        try
        {
            return await writes.RunAsync(db, (writer, token) => ReserveAndStoreAsync(writer, pledge, ceiling, follow, token), ct);
        }
        catch (DbUpdateException)
        {
            // A unique index refused the pledge or the follower row; its writes were undone.
            db.ChangeTracker.Clear();
            return Commit.Conflict;
        }
    }

    private static async Task<Commit> ReserveAndStoreAsync(AppDbContext db, Pledge pledge, long ceiling, bool follow, CancellationToken ct)
    {
        if (!await NeedCounters.ReserveAsync(db, pledge.NeedId, pledge.Amount, pledge.Status == PledgeStatus.Accepted, ceiling, ct)) return Commit.NoRoom;
        db.Pledges.Add(pledge);
        // Every owner hears of it, in the same commit as the pledge (an owner pledging to their own need is not told).
        var project = await db.Projects.Where(p => p.Id == pledge.ProjectId)
            .Select(p => new { p.Title, p.Slug, Need = db.Needs.Where(n => n.Id == pledge.NeedId).Select(n => n.Title).Single(),
                Owners = db.ProjectOwners.Where(o => o.ProjectId == p.Id && o.MemberId != pledge.MemberId).Select(o => o.MemberId).ToList() })
            .SingleAsync(ct);
        // Pledging, withdrawing and pledging again tells the owners once a day, not once a round: a loop
        // of those would otherwise be a way to flood their inboxes.
        var since = pledge.CreatedAt.AddDays(-1);
        var repeat = await db.Pledges.AnyAsync(p => p.NeedId == pledge.NeedId && p.MemberId == pledge.MemberId && p.Id != pledge.Id && p.CreatedAt > since, ct);
        var args = new Dictionary<string, string> { ["project"] = project.Title, ["need"] = project.Need };
        if (pledge.Note is { Length: > 0 } note) args["note"] = note;
        if (!repeat)
            foreach (var owner in project.Owners)
                Notices.Notices.Tell(db, owner, Notices.NoticeKind.PledgeReceived, $"/projects/{project.Slug}#pledges", pledge.CreatedAt, args, actorId: pledge.MemberId);
        if (follow)
            db.ProjectFollowers.Add(new ProjectFollower { ProjectId = pledge.ProjectId, MemberId = pledge.MemberId, FollowedAt = pledge.CreatedAt, NotifiedThrough = pledge.CreatedAt });
        await db.SaveChangesAsync(ct);
        return Commit.Done;
    }

    /// <summary>The pledger takes a pending or accepted pledge back; the need reopens if it falls short again.</summary>
    public async Task<Outcome> WithdrawAsync(ClaimsPrincipal member, Guid projectId, Guid pledgeId, CancellationToken ct)
    {
        var memberId = member.RequiredMemberId();
        var pledge = await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pledgeId && p.ProjectId == projectId && p.MemberId == memberId, ct);
        if (pledge is null) return Outcome.NotFound;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // Change the row only from the status we just read, so an owner's answer landing in between
        // is noticed (and we read again) rather than undone with the wrong amounts.
        PledgeStatus? from = null;
        for (var attempt = 0; attempt < 3 && from is null; attempt++)
        {
            var current = await db.Pledges.Where(p => p.Id == pledgeId).Select(p => p.Status).SingleAsync(ct);
            if (current is not (PledgeStatus.Pending or PledgeStatus.Accepted))
            {
                await tx.RollbackAsync(ct);
                return Outcome.Ok; // already withdrawn or declined: nothing is counted
            }
            if (await db.Pledges.Where(p => p.Id == pledgeId && p.Status == current)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Withdrawn).SetProperty(p => p.DecidedAt, now), ct) == 1)
                from = current;
        }
        if (from is null) return Outcome.Invalid("pledgeId", l["The pledge changed while you withdrew it. Try again."]);
        var wasAccepted = from == PledgeStatus.Accepted;
        await NeedCounters.GiveBackAsync(db, pledge.NeedId, pledge.Amount, wasAccepted, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    private Task<Pledge?> FindByKeyAsync(Guid memberId, string key, CancellationToken ct) =>
        db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId && p.IdempotencyKey == key, ct);

    /// <summary>Room left: up to the quantity, or up to the ceiling where more is welcome.</summary>
    private async Task<long> RemainingAsync(Guid needId, long ceiling, CancellationToken ct) =>
        await db.Needs.Where(n => n.Id == needId).Select(n => (n.AllowOverfill ? ceiling : n.Quantity) - n.Reserved).SingleAsync(ct) is var r && r > 0 ? r : 0;

    private static string Amount(NeedKind kind, long units) => kind == NeedKind.Money ? Money.Format(units) : Amounts.Format(units);
}
