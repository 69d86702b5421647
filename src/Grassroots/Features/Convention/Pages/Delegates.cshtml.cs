using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>The published allocation of delegate seats; creators publish it here, and each group's organizers name its delegates.</summary>
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class DelegatesModel(Assemblies assemblies, Delegations delegations, TimeProvider clock, IStringLocalizer<SharedResource> l) : FormPage
{
    public Assembly A { get; private set; } = null!;
    public AllocationView Allocation { get; private set; } = null!;
    public bool CanPublish { get; private set; }
    public List<DelegationView> Mine { get; } = [];
    public Dictionary<Guid, List<NomineeView>> Nominees { get; } = [];
    /// <summary>The group whose naming form the field error belongs to.</summary>
    public Guid? ErrorGroup { get; private set; }
    public int? Seats { get; private set; }
    public int? MinimumMembers { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? page, CancellationToken ct) => await LoadAsync(slug, page, ct) ?? Page();

    public async Task<IActionResult> OnPostPublishAsync(string slug, int? seats, int? minimumMembers, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await assemblies.FindAsync(slug, ct) is not { } a) return NotFound();
        var outcome = await delegations.PublishAsync(User, a.Id, new AllocationInput(seats, minimumMembers), ct);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            (Seats, MinimumMembers) = (seats, minimumMembers);
            return await LoadAsync(slug, null, ct) ?? Refused(outcome, l);
        }
        TempData["Flash"] = l["The allocation is published."].Value;
        return Redirect($"/assemblies/{a.Slug}/delegates");
    }

    public async Task<IActionResult> OnPostNameAsync(string slug, Guid groupId, Guid? memberId, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await assemblies.FindAsync(slug, ct) is not { } a) return NotFound();
        var outcome = await delegations.NameAsync(User, a.Id, groupId, new NominationInput(memberId), ct);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            ErrorGroup = groupId;
            return await LoadAsync(slug, null, ct) ?? Refused(outcome, l);
        }
        TempData["Flash"] = l["Named. They are a delegate once they accept: they were told."].Value;
        return Redirect($"/assemblies/{a.Slug}/delegates#group-{groupId}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string slug, Guid groupId, Guid memberId, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await assemblies.FindAsync(slug, ct) is not { } a) return NotFound();
        var outcome = await delegations.WithdrawAsync(User, a.Id, groupId, memberId, ct);
        if (outcome.Kind != OutcomeKind.Ok) return await LoadAsync(slug, null, ct) ?? Refused(outcome, l);
        TempData["Flash"] = l["Withdrawn. The log says so."].Value;
        return Redirect($"/assemblies/{a.Slug}/delegates#group-{groupId}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int? page, CancellationToken ct)
    {
        if (await assemblies.FindAsync(slug, ct) is not { } a) return NotFound();
        A = a;
        Allocation = (await delegations.AllocationAsync(a.Id, page, 50, ct))!;
        CanPublish = a.CredentialRule == CredentialRule.Delegates && clock.GetUtcNow() < a.StartsAt
            && await assemblies.RoleAsync(a.Id, User.MemberId(), ct) == AssemblyRole.Creator;
        foreach (var g in await delegations.OrganizedAsync(a.Id, User.MemberId(), ct))
        {
            Mine.Add((await delegations.DelegationAsync(a.Id, g, User, ct))!);
            Nominees[g] = await delegations.NomineesAsync(a.Id, g, ct);
        }
        return null;
    }
}
