using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund;

/// <summary>One itemized receipt: a donor's share of a gift to one recipient, with what Schedule A reports of them.</summary>
public sealed record ItemizedReceipt(Guid GiftId, DateTimeOffset Date, long Cents, long RefundedCents, long AggregateCents, string DonorName, string Street, string City,
    string State, string Zip, string? Employer, string? Occupation);

/// <summary>
/// A recipient's receipts report: who it is, what it holds, and a page of its itemized receipts, newest first. Paged by
/// a cursor (<see cref="Older"/>: the next page's <c>before</c>), not by counting: a candidate with a million
/// receipts pages as fast as one with ten.
/// </summary>
public sealed record ReceiptsReport(string Recipient, string Name, long HeldCents, string Period, long ThresholdCents, IReadOnlyList<ItemizedReceipt> Items, int PageSize,
    Guid? Older);

/// <summary>
/// The receipts the law asks a committee to itemize (FEC Schedule A, line 11(a)(i)): every gift from a donor whose
/// gifts to that recipient in the period pass the threshold (Fund:ItemizationThresholdCents, $200) — the calendar year
/// for the central fund, the election for a candidate — with the donor's name, address, employer and occupation and
/// their aggregate to date. Treasurers only; every read goes to the audit log. The CSV follows Schedule A's columns.
/// </summary>
public sealed class ItemizedReceipts(AppDbContext db, Books books, Treasurers treasurers, AuditLog audit, IOptions<FundOptions> options, IStringLocalizer<SharedResource> l)
{
    // Init-only members, not a constructor: EF orders and pages by them after the projection.
    private sealed class Row
    {
        public Guid GiftId { get; init; }
        public Guid DonorId { get; init; }
        public DateTimeOffset Date { get; init; }
        public long Cents { get; init; }
        public long RefundedCents { get; init; }
        public long Total { get; init; }
        public string DonorName { get; init; } = "";
        public string Street { get; init; } = "";
        public string City { get; init; } = "";
        public string State { get; init; } = "";
        public string Zip { get; init; } = "";
        public string? Employer { get; init; }
        public string? Occupation { get; init; }
    }

    public async Task<(ReceiptsReport? Report, Outcome Outcome)> ReportAsync(ClaimsPrincipal viewer, string recipient, Guid? before, int? pageSize, CancellationToken ct)
    {
        if (await treasurers.CheckAsync(viewer, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        if (await KnownAsync(recipient, ct) is not { } account) return (null, Outcome.NotFound);
        var (_, size) = Paging.Clamp(1, pageSize);
        audit.Record(viewer.RequiredMemberId(), "fund.receipts.read", "account", account, before is null ? "newest" : $"before {before}");
        await db.SaveChangesAsync(ct);
        return (await PageAsync(recipient, account, before, size, ct), Outcome.Ok);
    }

    /// <summary>A page of the report, unchecked: for <see cref="ReportAsync"/> (which checked the reader) and the benchmark.</summary>
    public async Task<ReceiptsReport> PageAsync(string recipient, string account, Guid? before, int size, CancellationToken ct)
    {
        var query = Itemized(account);
        if (before is { } cursor) query = query.Where(r => r.GiftId < cursor);
        // Gift ids are version 7 (time-ordered): newest first is the splits' (Account, GiftId) index read backwards (the
        // projection takes the split's GiftId, not the gift's Id, so the database orders by the index instead of sorting).
        var rows = await query.OrderByDescending(r => r.GiftId).Take(size + 1).ToListAsync(ct);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(size);
        // On a page the aggregate is the donor's total for the period so far (the CSV gives it as of each gift).
        var jobs = await JobsAsync(account, rows.Where(r => r.Employer is null || r.Occupation is null).Select(r => r.DonorId).Distinct().ToList(), ct);
        var items = rows.Select(r =>
        {
            var (employer, occupation) = JobOf(r, jobs);
            return new ItemizedReceipt(r.GiftId, r.Date, r.Cents, r.RefundedCents, r.Total, r.DonorName, r.Street, r.City, r.State, r.Zip, employer, occupation);
        }).ToList();
        var names = await RecipientNames.OfAsync(db, [account], ct);
        var held = (await books.HeldAsync([account], ct)).GetValueOrDefault(account);
        return new ReceiptsReport(recipient, RecipientNames.Name(names, account, l), held, PeriodLabel(account), options.Value.ItemizationThresholdCents,
            items, size, more ? items[^1].GiftId : null);
    }

    /// <summary>
    /// Checks the reader and the recipient and writes the audit line; the CSV itself is written by <see cref="WriteCsvAsync"/>
    /// as the response streams (a candidate with a million receipts is never held in memory).
    /// </summary>
    public async Task<(string? Account, Outcome Outcome)> OpenCsvAsync(ClaimsPrincipal viewer, string recipient, CancellationToken ct)
    {
        if (await treasurers.CheckAsync(viewer, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        if (await KnownAsync(recipient, ct) is not { } account) return (null, Outcome.NotFound);
        audit.Record(viewer.RequiredMemberId(), "fund.receipts.export", "account", account, "Schedule A CSV");
        await db.SaveChangesAsync(ct);
        return (account, Outcome.Ok);
    }

    public static readonly string[] Columns =
    [
        "FORM TYPE", "TRANSACTION ID", "ENTITY TYPE", "CONTRIBUTOR NAME", "CONTRIBUTOR STREET 1", "CONTRIBUTOR CITY", "CONTRIBUTOR STATE", "CONTRIBUTOR ZIP",
        "ELECTION CODE", "CONTRIBUTION DATE", "CONTRIBUTION AMOUNT", "CONTRIBUTION AGGREGATE", "CONTRIBUTOR EMPLOYER", "CONTRIBUTOR OCCUPATION", "MEMO TEXT",
    ];

    // Names, streets and jobs are the donors' own words: a cell starting with = + - @ is kept as text, not run as a formula.
    private static readonly CsvWriterOptions Csv = new() { Injection = CsvInjection.Escape };

    /// <summary>
    /// Schedule A as CSV, oldest first: amounts in dollars with two decimals, dates as YYYYMMDD (the FEC's forms), the
    /// aggregate as of each gift (net of refunds), a memo for what was refunded.
    /// </summary>
    public async Task WriteCsvAsync(string account, Stream output, CancellationToken ct)
    {
        var election = account == FundAccounts.Fund ? "" : "G" + options.Value.Election;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await using var csv = CsvWriter.Create(writer, Csv, leaveOpen: true);
        csv.WriteRecord(Columns);
        var aggregate = new Dictionary<(Guid, string), long>();
        var jobs = await JobsAsync(account, null, ct);
        await foreach (var r in Itemized(account).OrderBy(r => r.GiftId).AsAsyncEnumerable().WithCancellation(ct))
        {
            var period = account == FundAccounts.Fund ? r.Date.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture) : election;
            var sum = aggregate[(r.DonorId, period)] = aggregate.GetValueOrDefault((r.DonorId, period)) + r.Cents - r.RefundedCents;
            var (employer, occupation) = JobOf(r, jobs);
            csv.WriteRecord(["SA11AI", r.GiftId.ToString("N"), "IND", r.DonorName, r.Street, r.City, r.State, r.Zip, election,
                r.Date.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Dollars(r.Cents), Dollars(sum), employer ?? "", occupation ?? "",
                r.RefundedCents > 0 ? $"Refunded {Dollars(r.RefundedCents)}" : ""]);
        }
        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// The latest employer and occupation each itemized donor gave with a gift to this recipient (of those in
    /// <paramref name="donors"/>, or all): a gift made before the donor was asked for them is reported with what they
    /// said later, as the law's "best efforts" expect, instead of blank.
    /// </summary>
    private async Task<Dictionary<Guid, (string Employer, string Occupation)>> JobsAsync(string account, List<Guid>? donors, CancellationToken ct)
    {
        if (donors is { Count: 0 }) return [];
        var rows = Itemized(account).Where(r => r.Employer != null && r.Occupation != null);
        if (donors is not null) rows = rows.Where(r => donors.Contains(r.DonorId));
        var jobs = new Dictionary<Guid, (string, string)>();
        await foreach (var r in rows.OrderBy(r => r.GiftId).Select(r => new { r.DonorId, r.Employer, r.Occupation }).AsAsyncEnumerable().WithCancellation(ct))
            jobs[r.DonorId] = (r.Employer!, r.Occupation!);
        return jobs;
    }

    private static (string? Employer, string? Occupation) JobOf(Row r, Dictionary<Guid, (string Employer, string Occupation)> jobs) =>
        r.Employer is not null && r.Occupation is not null ? (r.Employer, r.Occupation)
        : jobs.TryGetValue(r.DonorId, out var known) ? known : (r.Employer, r.Occupation);

    private static string Dollars(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private string PeriodLabel(string account) => account == FundAccounts.Fund ? l["the calendar year"] : l["the {0} election", options.Value.Election];

    /// <summary>The account, when it is the fund or a candidate that exists (a nominee's name is not a treasurer's secret, but a made-up id is a 404).</summary>
    private async Task<string?> KnownAsync(string recipient, CancellationToken ct) =>
        FundAccounts.Named(recipient) is not { } account ? null
        : account == FundAccounts.Fund || await db.Candidacies.AnyAsync(c => c.Id == FundAccounts.CandidateOf(account)!.Value, ct) ? account : null;

    /// <summary>
    /// The shares to <paramref name="account"/> of charged gifts whose donor passed the threshold for that period: one
    /// join on the splits' (Account, GiftId) index and the totals' key.
    /// </summary>
    private IQueryable<Row> Itemized(string account)
    {
        var threshold = options.Value.ItemizationThresholdCents;
        var gifts = db.Gifts.AsNoTracking().Where(g => g.Status == GiftStatus.Charged || g.Status == GiftStatus.Refunded);
        var splits = db.GiftSplits.AsNoTracking().Where(s => s.Account == account);
        var totals = db.DonorTotals.AsNoTracking().Where(d => d.Account == account && d.Cents > threshold);
        return account == FundAccounts.Fund
            ? from s in splits
              join g in gifts on s.GiftId equals g.Id
              join d in totals on new { g.DonorId, Period = g.Year.ToString() } equals new { d.DonorId, d.Period }
              select new Row
              {
                  GiftId = s.GiftId, DonorId = g.DonorId, Date = g.CreatedAt, Cents = s.Cents, RefundedCents = s.RefundedCents, Total = d.Cents, DonorName = g.DonorName,
                  Street = g.Street, City = g.City, State = g.State, Zip = g.Zip, Employer = g.Employer, Occupation = g.Occupation,
              }
            : from s in splits
              join g in gifts on s.GiftId equals g.Id
              join d in totals on new { g.DonorId, Period = g.Election } equals new { d.DonorId, d.Period }
              select new Row
              {
                  GiftId = s.GiftId, DonorId = g.DonorId, Date = g.CreatedAt, Cents = s.Cents, RefundedCents = s.RefundedCents, Total = d.Cents, DonorName = g.DonorName,
                  Street = g.Street, City = g.City, State = g.State, Zip = g.Zip, Employer = g.Employer, Occupation = g.Occupation,
              };
    }
}
