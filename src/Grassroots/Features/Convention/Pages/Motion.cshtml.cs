using System.Text.Json;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>
/// A motion's page: the same for every voter, in the hall or at home. The ballot while the window is open (and
/// the receipt after casting it), the turnout live, and once it closes the result, the board and the audit.
/// </summary>
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class MotionModel(Assemblies assemblies, Motions motions, Voting voting, IStringLocalizer<SharedResource> l) : FormPage
{
    public MotionView M { get; private set; } = null!;
    public Receipt? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int number, CancellationToken ct)
    {
        if (await LoadAsync(slug, number, ct) is { } missing) return missing;
        if (TempData["Receipt"] is string json) Receipt = JsonSerializer.Deserialize<Receipt>(json);
        return Page();
    }

    /// <summary>The ballot as the form marks it: a choice (yes/no/abstain), approved options, or options by rank.</summary>
    public async Task<IActionResult> OnPostVoteAsync(string slug, int number, string? choice, int[]? approve, int?[]? rank, bool? none, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, number, ct) is { } missing) return missing;
        var choices = M.Method switch
        {
            "yes-no" => choice,
            "approval" => string.Join(',', approve ?? []),
            _ => string.Join('>', (rank ?? []).Where(r => r is not null)),
        };
        if (M.Method == "approval" && (approve ?? []).Length == 0 && none != true)
        {
            ModelState.AddModelError("choices", l["Mark the options you approve, or tick \"I approve none\"."]);
            return Page();
        }
        if (M.Method is "irv" or "stv" && (rank ?? []).Where(r => r is not null).GroupBy(r => r!.Value).FirstOrDefault(g => g.Count() > 1) is { } twice
            && M.Options.FirstOrDefault(o => o.Number == twice.Key) is { } option)
        {
            // Named by its label here; the counting library can only say "Option 2", and in English.
            ModelState.AddModelError("choices", l["You ranked {0} more than once: rank each option once.", option.Label]);
            return Page();
        }
        var result = await voting.CastAsync(User, (await motions.FindAsync(M.AssemblyId, M.Number, ct))!, new BallotInput(choices), Request.Form["idempotencyKey"], ct);
        if (result.Receipt is null) return Refused(result.Outcome, l);
        TempData["Receipt"] = JsonSerializer.Serialize(result.Receipt);
        TempData["Flash"] = (result.Receipt.Replaces is null ? l["Your ballot is cast. Keep its tracker to check it on the board."] : l["Your new ballot replaces the earlier one. Keep its tracker."]).Value;
        return Redirect($"/assemblies/{M.AssemblySlug}/motions/{M.Number}#receipt");
    }

    public async Task<IActionResult> OnPostOpenAsync(string slug, int number, int? minutes, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, number, ct) is { } missing) return missing;
        if (!ModelState.IsValid && ExplainUnreadableInput(l)) return Page();
        var outcome = await motions.OpenAsync(User, M.AssemblyId, M.Number, new OpenInput(minutes), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = l["Voting is open."].Value;
        return Redirect($"/assemblies/{M.AssemblySlug}/motions/{M.Number}");
    }

    public async Task<IActionResult> OnPostCloseAsync(string slug, int number, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, number, ct) is { } missing) return missing;
        var outcome = await motions.CloseAsync(User, M.AssemblyId, M.Number, ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = l["Voting is closed and counted."].Value;
        return Redirect($"/assemblies/{M.AssemblySlug}/motions/{M.Number}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int number, CancellationToken ct)
    {
        if (await assemblies.FindAsync(slug, ct) is not { } a || await motions.ReadAsync(a, number, User, ct) is not { } m) return NotFound();
        M = m;
        return null;
    }
}
