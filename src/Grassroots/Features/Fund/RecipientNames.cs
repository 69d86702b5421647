using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund;

/// <summary>The names of recipients' accounts, for receipts and pages: the central fund, or a candidate.</summary>
public static class RecipientNames
{
    /// <summary>The candidates' names among <paramref name="accounts"/> ("Ada Lovelace, PCO SEA 37-1234"); the fund is named by the reader's language.</summary>
    public static async Task<Dictionary<string, string>> OfAsync(AppDbContext db, IReadOnlyCollection<string> accounts, CancellationToken ct)
    {
        var ids = accounts.Select(FundAccounts.CandidateOf).OfType<Guid>().ToList();
        if (ids.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = await db.Candidacies.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name, Office = c.Office!.Name }).ToListAsync(ct);
        return rows.ToDictionary(r => FundAccounts.Candidate(r.Id), r => $"{r.Name}, {r.Office}", StringComparer.Ordinal);
    }

    public static string Name(IReadOnlyDictionary<string, string> names, string account, IStringLocalizer l) =>
        account == FundAccounts.Fund ? l["The central fund"] : names.GetValueOrDefault(account) ?? account;
}
