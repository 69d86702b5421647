using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Conversations.Pages;

/// <summary>Moderators accept or reject statements (the conversation's creator, the document's facilitators).</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class ModerateModel(Deliberating deliberating, IStringLocalizer<SharedResource> l) : FormPage
{
    public ConversationView C { get; private set; } = null!;
    public Page<StatementView> Statements { get; private set; } = null!;
    /// <summary>Statements no moderator has read yet (in a pre-moderated conversation, nobody votes on them until then).</summary>
    public int Waiting { get; private set; }
    /// <summary>Only the waiting ones are listed (?waiting=true).</summary>
    public bool OnlyWaiting { get; private set; }
    public string PageLink(int n) => $"?page={n}" + (OnlyWaiting ? "&waiting=true" : "");

    public async Task<IActionResult> OnGetAsync(string slug, int? page, bool waiting, CancellationToken ct) => await LoadAsync(slug, page, waiting, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, int number, bool accept, RejectionReason? reason, int? page, bool waiting, CancellationToken ct)
    {
        if (await LoadAsync(slug, page, waiting, ct) is { } missing) return missing;
        var outcome = await deliberating.ModerateAsync(User, C.Id, number, new ModerationInput(accept, reason), ct);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            // A missing reason belongs next to that statement's list of reasons; anything else above the list.
            var errors = outcome.Errors?.ToDictionary() ?? [];
            if (errors.TryGetValue("reason", out var why)) foreach (var m in why) ModelState.AddModelError(ReasonKey(number), m);
            var rest = errors.Where(e => e.Key != "reason").SelectMany(e => e.Value).ToList();
            if (outcome.Detail is { } detail) rest.Insert(0, detail);
            if (rest.Count > 0) ModelState.AddModelError("", string.Join(" ", rest));
            return Page();
        }
        TempData["Flash"] = l["Saved. The map is drawn again shortly."].Value;
        return Redirect($"/conversations/{C.Slug}/moderate?waiting={waiting.ToString().ToLowerInvariant()}" + (page is > 1 ? $"&page={page}" : ""));
    }

    /// <summary>The field of one statement's reason for rejecting it.</summary>
    public static string ReasonKey(int number) => $"reason-{number}";

    private async Task<IActionResult?> LoadAsync(string slug, int? page, bool waiting, CancellationToken ct)
    {
        if (await deliberating.ReadAsync(slug, User, ct) is not { IModerate: true } c) return NotFound();
        C = c;
        OnlyWaiting = waiting;
        Waiting = await deliberating.WaitingAsync(c.Id, ct);
        Statements = await deliberating.StatementsAsync(c.Id, waiting ? StatementStatus.Unmoderated : null, User.MemberId(), page, 50, ct);
        return null;
    }
}
