using Grassroots.Infrastructure.Data;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund;

/// <summary>The names of recipients' accounts, for receipts and pages: the central fund, or a candidate.</summary>
public static class RecipientNames
{
    /// <summary>The candidates' names among <paramref name="accounts"/> (the fund is named by the reader's language).</summary>
    public static Task<Dictionary<string, string>> OfAsync(AppDbContext db, IReadOnlyCollection<string> accounts, CancellationToken ct) =>
        // Candidates arrive with the Candidates feature; until then the fund is the only recipient.
        Task.FromResult(new Dictionary<string, string>(StringComparer.Ordinal));

    public static string Name(IReadOnlyDictionary<string, string> names, string account, IStringLocalizer l) =>
        account == FundAccounts.Fund ? l["The central fund"] : names.GetValueOrDefault(account) ?? account;
}
