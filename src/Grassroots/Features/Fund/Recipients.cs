using Grassroots.Features.Candidates;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>Who may receive a share of a gift: the central fund, and candidates the movement backs (endorsed, filed, on the ballot).</summary>
public static class Recipients
{
    public static async Task<bool> EndorsedAsync(AppDbContext db, string account, CancellationToken ct) =>
        FundAccounts.CandidateOf(account) is { } id && await db.Candidacies.AnyAsync(c => c.Id == id && Stages.Backed.Contains(c.Stage), ct);
}
