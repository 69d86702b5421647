using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Candidates;

/// <summary>
/// The candidates' stewards: the confirmed accounts whose addresses the operator named (Candidates:Stewards). They keep
/// the offices and filing windows and record what the states decide (on the ballot, won, lost). Confirmed, because
/// anyone may sign up with an address before its owner does.
/// </summary>
public sealed class Stewards(AppDbContext db, IOptions<CandidatesOptions> options, IStringLocalizer<SharedResource> l)
{
    public async Task<bool> IsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.MemberId() is not { } me || options.Value.Stewards.Length == 0) return false;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == me && u.EmailConfirmed && u.DeletedAt == null).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return account is not null && options.Value.Stewards.Any(t => string.Equals(t.Trim(), account, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await IsAsync(user, ct) ? Outcome.Ok : Outcome.Refused(l["Only the candidates' stewards may do that."]);
}
