using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>An assembly's page: when and where, the stream, registering, your credential, the agenda and its votes.</summary>
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class AssemblyModel(Assemblies assemblies, Delegations delegations, IStringLocalizer<SharedResource> l) : FormPage
{
    public AssemblyView A { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostRegisterAsync(string slug, Attendance? attendance, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        var outcome = await assemblies.RegisterAsync(User, A.Id, new RegistrationInput(attendance), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = (attendance == Attendance.InPerson && A.Venue is not null
            ? l["You are registered to attend in person, and on the venue's list: check in at the door to vote."]
            : l["You are registered."]).Value;
        return Redirect($"/assemblies/{A.Slug}");
    }

    public async Task<IActionResult> OnPostUnregisterAsync(string slug, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        await assemblies.UnregisterAsync(User, A.Id, ct);
        TempData["Flash"] = l["Your registration is withdrawn."].Value;
        return Redirect($"/assemblies/{A.Slug}");
    }

    public async Task<IActionResult> OnPostAnswerAsync(string slug, bool accept, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        var outcome = await assemblies.AnswerChairAsync(User, A.Id, accept, ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = (accept ? l["You chair this assembly now."] : l["You declined."]).Value;
        return Redirect($"/assemblies/{A.Slug}");
    }

    public async Task<IActionResult> OnPostDelegateAsync(string slug, bool accept, Attendance? attendance, CancellationToken ct, bool stepDown = false)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        var outcome = await delegations.AnswerAsync(User, A.Id, new DelegateAnswer(accept, attendance), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = (accept ? l["You are a delegate now: you are credentialed to vote."]
            : stepDown ? l["You stepped down: you are no longer a delegate. Your group's organizers may name someone else."] : l["You declined."]).Value;
        return Redirect($"/assemblies/{A.Slug}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await assemblies.ReadAsync(slug, User, ct) is not { } a) return NotFound();
        A = a;
        return null;
    }
}
