using Grassroots.Infrastructure.Data;

namespace Grassroots.Features.Fund;

/// <summary>Who may receive a share of a gift: the central fund, and candidates the movement endorsed.</summary>
public static class Recipients
{
    /// <summary>The account is an endorsed candidate's. (Candidates arrive with their feature: until then, none is.)</summary>
    public static Task<bool> EndorsedAsync(AppDbContext db, string account, CancellationToken ct) => Task.FromResult(false);
}
