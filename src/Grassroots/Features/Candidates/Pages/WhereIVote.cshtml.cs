using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates.Pages;

/// <summary>Where I vote: it puts me on the roll of my district's endorsement votes.</summary>
[Authorize]
public sealed class WhereIVoteModel(Residences residences, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public ResidenceForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await residences.MineAsync(User.RequiredMemberId(), ct);
        Input = new ResidenceForm { State = r?.State, County = r?.County, District = r?.District, Precinct = r?.Precinct };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await residences.SaveAsync(User, new ResidenceInput(Input.State, Input.County, Input.District, Input.Precinct), ct);
        if (outcome.Kind == OutcomeKind.Ok) { TempData["Flash"] = l["Saved: you are on the roll of your district's next endorsement votes."].Value; return Redirect("/candidates"); }
        return Refused(outcome, l, "Input");
    }
}

public sealed class ResidenceForm
{
    public string? State { get; set; }
    public string? County { get; set; }
    public string? District { get; set; }
    public string? Precinct { get; set; }
}
