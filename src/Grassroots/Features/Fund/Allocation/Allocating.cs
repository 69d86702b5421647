using System.Security.Claims;
using Grassroots.Accounting.Allocation;
using Grassroots.Accounting.Ledger;
using Grassroots.Features.Candidates;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Allocation;

public sealed record AllocationView(Guid Id, long Number, DateTimeOffset At, AllocationRule Rule, long PoolCents, long ReserveCents, long AllocatedCents,
    IReadOnlyList<RecipientTotal> Shares);

/// <summary>The published rule, as the fund page and the API state it.</summary>
public sealed record AllocationPolicy(AllocationRule Rule, TimeSpan? Every, long ReserveCents, IReadOnlyDictionary<OfficeLevel, long> GoalCents, DateTimeOffset? NextAt);

/// <summary>
/// Shares the central pool among the candidates the movement backs (endorsed, filed, on the ballot), by the rule in
/// Fund:AllocationRule, in one transaction: the pool's balance less the reserve, split by <see cref="PoolAllocation"/>,
/// written as one balanced entry (debit the pool, credit each candidate) with the run that explains it. Run by the
/// schedule (<see cref="AllocationSchedule"/>) or by a treasurer.
/// </summary>
public sealed class Allocating(AppDbContext db, GroupCommit writes, Treasurers treasurers, TimeProvider clock, IOptions<FundOptions> options,
    IStringLocalizer<SharedResource> l, ILogger<Allocating> log)
{
    /// <summary>A treasurer runs an allocation now. A retry with the same key answers the run it made.</summary>
    public async Task<(AllocationView? Run, bool Replayed, Outcome Outcome)> RunNowAsync(ClaimsPrincipal actor, string? idempotencyKey, CancellationToken ct)
    {
        if (await treasurers.CheckAsync(actor, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, false, refused);
        var (sent, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return (null, false, badKey);
        var key = sent ?? Guid.NewGuid().ToString("N");
        if (await ViewAsync(r => r.Key == key, ct) is { } earlier) return (earlier, true, Outcome.Ok);
        var (run, problem) = await RunAsync(key, actor.RequiredMemberId(), ct);
        if (run is null)
            return (await ViewAsync(r => r.Key == key, ct) is { } same ? same : null, true, problem ?? Outcome.Invalid("pool", l["Another allocation ran at the same moment; look at the latest run."]));
        return (await ViewAsync(r => r.Id == run.Id, ct), false, Outcome.Ok);
    }

    /// <summary>
    /// Runs once under <paramref name="key"/>. Null with a reason when there is nothing to do (an empty pool, nobody
    /// backed); null without one when another run took the same number or key at the same moment (nothing was written).
    /// </summary>
    public async Task<(AllocationRun? Run, Outcome? Problem)> RunAsync(string key, Guid? by, CancellationToken ct)
    {
        try
        {
            return await writes.RunAsync(db, (writer, token) => RunInAsync(writer, key, by, token), ct, hotRow: true);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            log.LogInformation(e, "An allocation run lost the race for its number or key {Key}; the other run stands", key);
            return (null, null);
        }
    }

    private async Task<(AllocationRun?, Outcome?)> RunInAsync(AppDbContext writer, string key, Guid? by, CancellationToken ct)
    {
        var o = options.Value;
        var number = (await writer.AllocationRuns.MaxAsync(r => (long?)r.Number, ct) ?? 0) + 1;
        var pool = (await new Books(writer).HeldAsync([FundAccounts.Fund], ct)).GetValueOrDefault(FundAccounts.Fund);
        var amount = pool - o.AllocationReserveCents;
        if (pool < 0)
            return (null, Outcome.Invalid("pool", l["The pool is short {0}: refunds of gifts to the fund took more than it held after an allocation. Nothing can be shared out until new gifts cover it; a reserve (Fund:AllocationReserveCents) keeps this from happening.", Money.Format(-pool)]));
        if (amount <= 0) return (null, Outcome.Invalid("pool", l["The pool holds {0} and keeps {1} in reserve: there is nothing to share out.", Money.Format(pool), Money.Format(o.AllocationReserveCents)]));

        var backed = await writer.Candidacies.AsNoTracking().Where(c => Stages.Backed.Contains(c.Stage))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Office!.Level }).Take(MaxRecipients).ToListAsync(ct);
        if (backed.Count == 0) return (null, Outcome.Invalid("pool", l["No candidate is endorsed yet: the pool waits for one."]));
        var accounts = backed.Select(c => FundAccounts.Candidate(c.Id)).ToList();
        var held = await new Books(writer).HeldAsync(accounts, ct);
        var claims = backed.Select((c, i) => new PoolClaim(GoalOf(c.Level), held.GetValueOrDefault(accounts[i]))).ToArray();
        var parts = PoolAllocation.Share(amount, claims, o.AllocationRule);

        var now = clock.GetUtcNow();
        var run = new AllocationRun
        {
            Number = number, At = now, Rule = o.AllocationRule, PoolCents = pool, ReserveCents = o.AllocationReserveCents, AllocatedCents = amount,
            Recipients = parts.Count(p => p > 0), ById = by, Key = key,
        };
        var lines = new List<JournalLine> { new(FundAccounts.Fund, Side.Debit, amount) };
        lines.AddRange(accounts.Select((a, i) => new JournalLine(a, Side.Credit, parts[i])).Where(x => x.Cents > 0));
        var entry = Books.Write(writer, now, "allocation", new JournalEntry(lines), runId: run.Id, memo: $"Allocation {number} ({o.AllocationRule})");
        await writer.SaveChangesAsync(ct);
        run.EntryId = entry.Id;
        writer.AllocationRuns.Add(run);
        await writer.SaveChangesAsync(ct);
        return (run, null);
    }

    /// <summary>How many candidates one run shares among, at most (one entry's lines; the rest wait for the next run).</summary>
    public const int MaxRecipients = 5_000;

    private long GoalOf(OfficeLevel level) => options.Value.AllocationGoalCents.TryGetValue(level, out var goal) ? goal : 0;

    /// <summary>The rule; the next run is an interval after the last one (before the first, none is promised: the schedule runs it at its next check once the pool has money for a backed candidate).</summary>
    public AllocationPolicy Policy(DateTimeOffset? lastAt)
    {
        var o = options.Value;
        var every = o.AllocationInterval > TimeSpan.Zero ? o.AllocationInterval : (TimeSpan?)null;
        var goals = Enum.GetValues<OfficeLevel>().ToDictionary(x => x, GoalOf);
        return new AllocationPolicy(o.AllocationRule, every, o.AllocationReserveCents, goals, every is { } e && lastAt is { } last ? last + e : null);
    }

    /// <summary>The runs, newest first, with each candidate's share (public: the rule's results are the fund's to publish).</summary>
    public async Task<Page<AllocationView>> ListAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var total = await db.AllocationRuns.CountAsync(ct);
        var runs = await db.AllocationRuns.AsNoTracking().OrderByDescending(r => r.Number).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Page<AllocationView>(await ViewsAsync(runs, ct), p, size, total);
    }

    public Task<DateTimeOffset?> LastAtAsync(CancellationToken ct) => db.AllocationRuns.OrderByDescending(r => r.Number).Select(r => (DateTimeOffset?)r.At).FirstOrDefaultAsync(ct);

    private async Task<AllocationView?> ViewAsync(System.Linq.Expressions.Expression<Func<AllocationRun, bool>> which, CancellationToken ct) =>
        await db.AllocationRuns.AsNoTracking().SingleOrDefaultAsync(which, ct) is { } run ? (await ViewsAsync([run], ct))[0] : null;

    /// <summary>The runs with their shares: the credit lines of all their entries and the recipients' names, in one query each.</summary>
    private async Task<List<AllocationView>> ViewsAsync(List<AllocationRun> runs, CancellationToken ct)
    {
        var entries = runs.Select(r => r.EntryId).ToList();
        var lines = await db.LedgerLines.AsNoTracking().Where(x => entries.Contains(x.EntryId) && x.Side == Side.Credit).ToListAsync(ct);
        var names = await RecipientNames.OfAsync(db, lines.Select(x => x.Account).Distinct().ToList(), ct);
        var byEntry = lines.ToLookup(x => x.EntryId);
        return runs.Select(run => new AllocationView(run.Id, run.Number, run.At, run.Rule, run.PoolCents, run.ReserveCents, run.AllocatedCents,
            byEntry[run.EntryId].OrderByDescending(x => x.Cents).ThenBy(x => x.Id).Select(x => new RecipientTotal(x.Account, RecipientNames.Name(names, x.Account, l), x.Cents)).ToList())).ToList();
    }
}
