using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund;

/// <summary>
/// The fund's treasurers: the confirmed accounts whose addresses the operator named (Fund:Treasurers). Confirmed,
/// because anyone may sign up with an address before its owner does; an unconfirmed one proves nothing.
/// </summary>
public sealed class Treasurers(AppDbContext db, IOptions<FundOptions> options, IStringLocalizer<SharedResource> l)
{
    public async Task<bool> IsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.MemberId() is not { } me || options.Value.Treasurers.Length == 0) return false;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == me && u.EmailConfirmed && u.DeletedAt == null).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return account is not null && options.Value.Treasurers.Any(t => string.Equals(t.Trim(), account, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await IsAsync(user, ct) ? Outcome.Ok : Outcome.Refused(l["Only the fund's treasurers may do that."]);
}
