using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Conversations.Pages;

/// <summary>Vote on statements one at a time (plain forms: it works without script) and add your own.</summary>
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class ConversationModel(Deliberating deliberating, PolisImport import, ConversationModeration moderation, IStringLocalizer<SharedResource> l) : FormPage
{
    public ConversationView C { get; private set; } = null!;
    /// <summary>A community jury's notice: the placeholder instead of the conversation, or a banner above it for whoever started it and its jurors.</summary>
    public Moderation.ModerationNotice Notice { get; private set; } = Moderation.ModerationNotice.None;
    public string Topic { get; private set; } = "";
    public StatementView? Next { get; private set; }
    /// <summary>An imported conversation takes no votes: its statements are listed instead, by number.</summary>
    public Page<StatementView>? Imported { get; private set; }
    public Func<int, string> PageLink => n => $"/conversations/{C.Slug}?page={n}";
    [BindProperty] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? page, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        if (Notice.ShowContent && C.Imported) Imported = await deliberating.StatementsAsync(C.Id, null, User.MemberId(), page, 50, ct);
        return Page();
    }

    /// <summary>The importer undoes an import.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string slug, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await deliberating.FindAsync(slug, ct) is not { } c) return NotFound();
        var outcome = await import.DeleteAsync(User, c, ct);
        if (outcome.Kind != OutcomeKind.Ok) { await LoadAsync(slug, ct); return Refused(outcome, l); }
        TempData["Flash"] = l["The imported conversation is deleted."].Value;
        return Redirect("/conversations");
    }


    public async Task<IActionResult> OnPostVoteAsync(string slug, int? statement, int? vote, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        if (Frozen() is { } frozen) return frozen;
        var outcome = await deliberating.VoteAsync(User, C.Id, new VoteInput(statement, vote), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        // The card changes to the next statement: say the vote went in, or a tap looks like it did nothing.
        TempData["Flash"] = (vote switch { 1 => l["Vote saved: you agree."], -1 => l["Vote saved: you disagree."], _ => l["Vote saved: you passed."] }).Value;
        return Redirect($"/conversations/{C.Slug}");
    }

    public async Task<IActionResult> OnPostWriteAsync(string slug, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        if (Frozen() is { } frozen) return frozen;
        var (_, outcome) = await deliberating.SubmitAsync(User, C.Id, new StatementInput(Text), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = (C.StatementsNeedApproval ? l["Added. You agree with it; others vote on it once a moderator has read it."] : l["Added. You agree with it; others vote on it now."]).Value;
        return Redirect($"/conversations/{C.Slug}");
    }

    /// <summary>A conversation a jury reviews or removed takes no statements or votes: the page says so.</summary>
    private IActionResult? Frozen() =>
        !Notice.ShowContent ? Page()
        : Platform.PlatformModeration.Frozen(C.Moderation, l) is { } frozen ? Refused(frozen, l) : null;

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await deliberating.FindAsync(slug, ct, hidden: true) is not { } found) return NotFound();
        Topic = found.Topic;
        Notice = await moderation.ForViewerAsync(found, User, ct);
        if (!Notice.ShowContent)
        {
            if (Notice.State == Moderation.ContentModeration.Removed) Response.StatusCode = StatusCodes.Status410Gone;
            return null;
        }
        if (await deliberating.ReadAsync(found.Id.ToString(), User, ct, hidden: true) is not { } c) return NotFound();
        C = c;
        if (!c.Imported) Next = await deliberating.NextAsync(c.Id, User.MemberId(), ct);
        return null;
    }
}
