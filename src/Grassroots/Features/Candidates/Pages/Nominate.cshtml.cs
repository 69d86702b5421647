using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates.Pages;

/// <summary>Find an office (by state and words), then nominate yourself or someone else for it.</summary>
[Authorize]
public sealed class NominateModel(Offices offices, Nominating nominating, IStringLocalizer<SharedResource> l) : FormPage
{
    public Page<OfficeView> Found { get; private set; } = null!;
    public OfficeView? Office { get; private set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public NominateForm Input { get; set; } = new();

    public string PageLink(int page) => $"/candidates/nominate?state={Uri.EscapeDataString(State ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&p={page}";

    private async Task LoadAsync(Guid? office, int? page, CancellationToken ct)
    {
        Found = await offices.ListAsync(State, null, null, Q, page, 10, ct);
        Office = office is { } id ? await offices.ReadAsync(id, ct) : null;
    }

    public async Task OnGetAsync(Guid? office, int? p, CancellationToken ct)
    {
        await LoadAsync(office, p, ct);
        Input = new NominateForm { OfficeId = Office?.Id, Self = true };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (c, outcome) = await nominating.NominateAsync(User, new NominationInput(Input.OfficeId, Input.Self, Input.Self ? null : Input.Name, Input.Self ? null : Input.Email), ct);
        if (outcome.Kind == OutcomeKind.Ok)
        {
            if (Input.Self) return Redirect($"/candidates/{c!.Id}");
            TempData["Flash"] = l["We emailed {0} a link to accept or decline. Their name shows nowhere unless they accept.", c!.Name].Value;
            return Redirect("/candidates/mine");
        }
        await LoadAsync(Input.OfficeId, null, ct);
        return Refused(outcome, l, "Input");
    }
}

public sealed class NominateForm
{
    public Guid? OfficeId { get; set; }
    public bool Self { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
}
