using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Pledging to a need, and taking a pledge back.</summary>
public sealed class PledgeModel(ProjectPage page, Pledging pledging, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, Guid needId, decimal? amount, string? note, string? key, CancellationToken ct) =>
        ActAsync(slug, $"pledge.{needId}", ct, async p =>
        {
            var need = p.Needs.FirstOrDefault(n => n.Id == needId);
            var units = need is null ? null : Amounts.FromForm(amount, need.Kind);
            return (await pledging.PledgeAsync(User, p.Id, needId, new PledgeInput(units, note), key, ct)).Outcome;
        }, l["Thank you! Your pledge is recorded."]);

    public Task<IActionResult> OnPostWithdrawAsync(string slug, Guid pledgeId, CancellationToken ct) =>
        ActAsync(slug, "pledge", ct, p => pledging.WithdrawAsync(User, p.Id, pledgeId, ct), l["Your pledge is withdrawn."]);
}
