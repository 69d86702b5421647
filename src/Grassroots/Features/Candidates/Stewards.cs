using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
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
    public Task<bool> IsAsync(ClaimsPrincipal user, CancellationToken ct) => NamedAccounts.IsNamedAsync(db, user, options.Value.Stewards, ct);

    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await IsAsync(user, ct) ? Outcome.Ok : Outcome.Refused(l["Only the candidates' stewards may do that."]);
}
