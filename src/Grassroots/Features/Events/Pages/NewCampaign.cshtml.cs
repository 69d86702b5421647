using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

public sealed class CampaignForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateOnly? FirstDay { get; set; }
    public DateOnly? LastDay { get; set; }
    public Guid? GroupId { get; set; }
    public EventKind Kind { get; set; } = EventKind.HouseParty;
    public string? TemplateTitle { get; set; }
    public string? TemplateDescription { get; set; }
    public int? TemplateCapacity { get; set; }
    public int TemplateGuests { get; set; }

    public CampaignInput ToInput() => new()
    {
        Title = Title, Description = Description, FirstDay = FirstDay, LastDay = LastDay, GroupId = GroupId, Kind = Kind,
        TemplateTitle = TemplateTitle, TemplateDescription = TemplateDescription, TemplateCapacity = TemplateCapacity, TemplateGuests = TemplateGuests,
    };
}

/// <summary>Any member starts a campaign (or a group's organizers, under its name): no approval.</summary>
[Authorize]
public sealed class NewCampaignModel(Campaigns campaigns, AppDbContext db, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public CampaignForm Input { get; set; } = new();
    public IReadOnlyList<(Guid Id, string Name)> MyGroups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ExplainUnreadableInput(l)) return Page();
        var (c, outcome) = await campaigns.CreateAsync(User, Input.ToInput(), ct);
        if (c is null)
        {
            if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
            outcome.Errors!.CopyTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = l["Your campaign is up. Share its page: hosts start their events from it."].Value;
        return Redirect($"/campaigns/{c.Slug}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        MyGroups = await OrganizedGroups.ListAsync(db, me, ct);
    }
}
