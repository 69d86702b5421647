using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Messages.Pages;

/// <summary>An owner writes to the accepted volunteers of the whole project or of one need.</summary>
[Authorize]
public sealed class WriteModel(ProjectDetails projects, Access access, Sending sending, IStringLocalizer<SharedResource> l) : FormPage
{
    public ProjectView Project { get; private set; } = null!;
    /// <summary>Empty: the whole project; else a need's id.</summary>
    [BindProperty] public Guid? To { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, Guid? need, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        To = need;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var input = To is { } need ? new MessageInput(Subject, Body, NeedId: need) : new MessageInput(Subject, Body, ProjectId: Project.Id);
        if (To is { } n && Project.Needs.All(x => x.Id != n)) return BadRequest();
        var result = await sending.SendAsync(User, input, ct);
        switch (result.Outcome.Kind)
        {
            case OutcomeKind.Invalid:
                result.Outcome.Errors!.CopyTo(ModelState);
                return Page();
            case OutcomeKind.Ok:
                var count = result.Message!.Recipients;
                TempData["Flash"] = (count == 1 ? l["Your message is on its way to 1 volunteer."] : l["Your message is on its way to {0} volunteers.", count]).Value;
                return Redirect($"/messages/{result.Message.Id}");
            default:
                return Pages.Answer(this, result.Outcome);
        }
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await projects.FindAsync(slug, User, ct) is not { } p) return NotFound();
        var can = await access.CheckAsync(User, new ProjectResource(p.Id), ProjectPolicies.Run);
        if (can.Kind != OutcomeKind.Ok) return Pages.Answer(this, can);
        Project = p;
        return null;
    }
}
