using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>
/// A page that shows a project: its plain view (<see cref="DetailsModel"/>) and each use case that acts
/// on it (pledging, answering, needs, the team, updates, …), one page model per use case. A use case's
/// page takes the form's POST, runs the use case, and either goes back to the project with a note, or
/// shows the project again with what to fix next to the form that was sent.
/// </summary>
public abstract class ProjectPageModel(ProjectPage page) : FormPage
{
    public ProjectPageView View { get; private set; } = null!;
    public ProjectView Project => View.Project;

    /// <summary>The form's fields for adding a need, kept when the page is shown again with errors.</summary>
    public NeedForm NewNeed { get; protected set; } = new();
    public string NeedPrefix => "need";

    /// <summary>True when the form sent under <paramref name="prefix"/> came back with something to fix.</summary>
    public bool HasErrorsUnder(string prefix) =>
        ModelState.Any(e => (e.Key == prefix || e.Key.StartsWith(prefix + ".")) && e.Value!.Errors.Count > 0);

    protected async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await page.LoadAsync(slug, User, ct) is not { } view) return false;
        View = view;
        // Removed is gone for good (410), not a page that still stands; under review is a notice that will change.
        if (!view.Notice.ShowContent && view.Notice.State == Grassroots.Features.Moderation.ContentModeration.Removed)
            Response.StatusCode = StatusCodes.Status410Gone;
        return true;
    }

}

/// <summary>A use case acting on a project: takes posts only (a visit goes to the project page).</summary>
public abstract class ProjectActionModel(ProjectPage page) : ProjectPageModel(page)
{
    public IActionResult OnGet(string slug) => Redirect($"/projects/{slug}");

    protected async Task<IActionResult> ActAsync(string slug, string prefix, CancellationToken ct, Func<ProjectView, Task<Outcome>> act, LocalizedString done)
    {
        if (User.MemberId() is null) return Challenge();
        if (!await LoadAsync(slug, ct)) return NotFound();
        ModelState.Clear(); // numbers the browser could not parse reach the rules as missing, which say what to fix
        var outcome = await act(Project);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden when outcome.Detail is null: return Forbid();
            case OutcomeKind.Forbidden:
                ModelState.AddModelError(prefix, outcome.Detail);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                await LoadAsync(slug, ct);
                return Page();
            case OutcomeKind.Invalid:
                outcome.Errors!.CopyTo(ModelState, prefix);
                await LoadAsync(slug, ct);
                return Page();
        }
        TempData["Flash"] = done.Value;
        return Redirect($"/projects/{Project.Slug}");
    }
}
