using Grassroots.Features.Candidates;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>Who may receive a share of a gift: the central fund, and candidates the movement backs (endorsed, filed, on the ballot).</summary>
public static class Recipients
{
    public static async Task<bool> EndorsedAsync(AppDbContext db, string account, CancellationToken ct) =>
        FundAccounts.CandidateOf(account) is { } id && await db.Candidacies.AnyAsync(c => c.Id == id && Stages.Backed.Contains(c.Stage), ct);

    /// <summary>Those of <paramref name="accounts"/> that may receive a share now, in one query (the fund always may).</summary>
    public static async Task<HashSet<string>> BackedAsync(AppDbContext db, IEnumerable<string> accounts, CancellationToken ct)
    {
        var list = accounts.Distinct().ToList();
        var ids = list.Select(FundAccounts.CandidateOf).OfType<Guid>().ToList();
        var backed = ids.Count == 0 ? []
            : await db.Candidacies.AsNoTracking().Where(c => ids.Contains(c.Id) && Stages.Backed.Contains(c.Stage)).Select(c => c.Id).ToListAsync(ct);
        var set = backed.Select(FundAccounts.Candidate).ToHashSet(StringComparer.Ordinal);
        if (list.Contains(FundAccounts.Fund)) set.Add(FundAccounts.Fund);
        return set;
    }
}
