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
    public IReadOnlyList<string> Counties { get; private set; } = [];
    public IReadOnlyList<string> Precincts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await residences.MineAsync(User.RequiredMemberId(), ct);
        Input = new ResidenceForm { State = r?.State, County = r?.County, District = r?.District, Precinct = r?.Precinct };
        (Counties, Precincts) = await residences.KnownAsync(Input.State, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await residences.SaveAsync(User, new ResidenceInput(Input.State, Input.County, Input.District, Input.Precinct), ct);
        if (outcome.Kind == OutcomeKind.Ok)
        {
            var saved = (await residences.MineAsync(User.RequiredMemberId(), ct))!;
            var matches = await residences.MatchesAsync(saved, ct);
            TempData["Flash"] = (matches == 1 ? l["Saved: 1 listed office is in your district; you are on the roll of its next endorsement votes."] : matches > 0 ? l["Saved: {0} listed offices are in your district; you are on the roll of their next endorsement votes.", matches]
                : l["Saved. No listed office in your state matches your county, district or precinct yet: check the spelling against the suggestions. You are on the roll of your state's and the movement's votes."]).Value;
            return Redirect(matches > 0 ? "/candidates" : "/candidates/where-i-vote");
        }
        (Counties, Precincts) = await residences.KnownAsync(Input.State, ct);
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
