using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund;

/// <summary>
/// The fund's treasurers: the confirmed accounts whose addresses the operator named (Fund:Treasurers). Confirmed,
/// because anyone may sign up with an address before its owner does; an unconfirmed one proves nothing.
/// </summary>
public sealed class Treasurers(AppDbContext db, IOptions<FundOptions> options, IStringLocalizer<SharedResource> l)
{
    public Task<bool> IsAsync(ClaimsPrincipal user, CancellationToken ct) => NamedAccounts.IsNamedAsync(db, user, options.Value.Treasurers, ct);

    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await IsAsync(user, ct) ? Outcome.Ok : Outcome.Refused(l["Only the fund's treasurers may do that."]);
}
