using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates.Pages;

/// <summary>
/// A candidate's public profile; for the candidate also their profile, questionnaire and the endorsement vote's
/// button, and the moves after it; for stewards the state's decisions.
/// </summary>
public sealed class CandidateModel(CandidatesReports reports, Nominating nominating, Questionnaires questionnaires, Endorsing endorsing, Progressing progressing,
    Microsoft.Extensions.Options.IOptions<CandidatesOptions> options, IStringLocalizer<SharedResource> l) : FormPage
{
    /// <summary>How long an endorsement vote lasts, in words ("7 days", "1 minute").</summary>
    public string VoteLength => options.Value.VoteLength is var t && t.TotalDays >= 1 ? l[t.TotalDays == 1 ? "1 day" : "{0} days", (int)t.TotalDays].Value
        : t.TotalHours >= 1 ? l[(int)t.TotalHours == 1 ? "1 hour" : "{0} hours", (int)t.TotalHours].Value : l[(int)t.TotalMinutes == 1 ? "1 minute" : "{0} minutes", (int)t.TotalMinutes].Value;

    public CandidateView Candidate { get; private set; } = null!;
    [BindProperty] public ProfileForm Profile { get; set; } = new();
    [BindProperty] public List<AnswerForm> Answers { get; set; } = [];

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await reports.ProfileAsync(id, User, ct) is not { } c) return false;
        Candidate = c;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Profile = new ProfileForm { Name = Candidate.Name, Statement = Candidate.Statement };
        Answers = Candidate.Questionnaire.Planks.Select(p => new AnswerForm { Plank = p.Key, Choice = p.Pledge switch { true => "pledge", false => "disagree", _ => null }, Why = p.Why }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(Guid id, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        var outcome = await nominating.EditAsync(User, id, new ProfileInput(Profile.Name, Profile.Statement), ct);
        if (outcome.Kind == OutcomeKind.Ok) { TempData["Flash"] = l["Saved."].Value; return Redirect($"/candidates/{id}"); }
        if (!await LoadAsync(id, ct)) return NotFound();
        return Refused(outcome, l, "Profile");
    }

    public async Task<IActionResult> OnPostAnswersAsync(Guid id, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        var given = Answers.Where(a => a.Choice is "pledge" or "disagree").Select(a => new PlankAnswerInput(a.Plank, a.Choice == "pledge", a.Why)).ToList();
        var (_, outcome) = await questionnaires.AnswerAsync(User, id, new QuestionnaireInput(given), ct);
        if (outcome.Kind == OutcomeKind.Ok) { TempData["Flash"] = l["Your answers are saved."].Value; return Redirect($"/candidates/{id}#questionnaire"); }
        if (!await LoadAsync(id, ct)) return NotFound();
        // Errors name answers by their place among those given: show them beside the plank they are about.
        ModelState.Clear();
        if (outcome.Kind == OutcomeKind.Forbidden) ModelState.AddModelError("", outcome.Detail ?? l["You can't do that."]);
        var errors = outcome.Errors?.ToDictionary() ?? [];
        for (var i = 0; i < given.Count; i++)
            if (errors.TryGetValue($"answers[{i}]", out var messages))
                ModelState.AddModelError($"Answers[{Answers.FindIndex(a => a.Plank == given[i].Plank)}]", string.Join(" ", messages));
        if (errors.TryGetValue("answers", out var general)) ModelState.AddModelError("", string.Join(" ", general));
        return Page();
    }

    public async Task<IActionResult> OnPostEndorsementAsync(Guid id, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        var (motion, outcome) = await endorsing.AskAsync(User, id, ct);
        if (outcome.Kind == OutcomeKind.Ok) { TempData["Flash"] = (motion!.Roll == 1 ? l["The endorsement vote is open: 1 member is on its roll."] : l["The endorsement vote is open: {0} members are on its roll.", motion.Roll]).Value; return Redirect($"/candidates/{id}"); }
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        foreach (var message in outcome.Errors?.ToDictionary().Values.SelectMany(v => v) ?? [outcome.Detail ?? l["You can't do that."]]) ModelState.AddModelError("", message);
        ReloadForms();
        return Page();
    }

    public async Task<IActionResult> OnPostStageAsync(Guid id, Stage stage, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        var outcome = await progressing.MoveAsync(User, id, new StageInput(stage), ct);
        if (outcome.Kind == OutcomeKind.Ok) { TempData["Flash"] = l["Recorded: {0}.", l[CandidateNames.Stage(stage)]].Value; return Redirect($"/candidates/{id}"); }
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        foreach (var message in outcome.Errors?.ToDictionary().Values.SelectMany(v => v) ?? [outcome.Detail ?? l["You can't do that."]]) ModelState.AddModelError("", message);
        ReloadForms();
        return Page();
    }

    private void ReloadForms()
    {
        Profile = new ProfileForm { Name = Candidate.Name, Statement = Candidate.Statement };
        Answers = Candidate.Questionnaire.Planks.Select(p => new AnswerForm { Plank = p.Key, Choice = p.Pledge switch { true => "pledge", false => "disagree", _ => null }, Why = p.Why }).ToList();
    }
}

public sealed class ProfileForm
{
    public string? Name { get; set; }
    public string? Statement { get; set; }
}

public sealed class AnswerForm
{
    public Guid Plank { get; set; }
    /// <summary>"pledge" or "disagree"; none leaves the plank unanswered.</summary>
    public string? Choice { get; set; }
    public string? Why { get; set; }
}
