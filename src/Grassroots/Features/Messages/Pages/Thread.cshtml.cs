using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Messages.Pages;

/// <summary>The private conversation between a message's sender and one recipient: both sides, and a reply form.</summary>
[Authorize]
public sealed class ThreadModel(Reading reading, Replying replying, IStringLocalizer<SharedResource> l) : FormPage
{
    public MessageView Message { get; private set; } = null!;
    public ThreadView Thread { get; private set; } = null!;
    public Page<ReplyView> Replies { get; private set; } = null!;
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid threadId, CancellationToken ct) =>
        await LoadAsync(id, threadId, ct) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid threadId, CancellationToken ct)
    {
        if (await LoadAsync(id, threadId, ct) is { } refused) return refused;
        var result = await replying.ReplyAsync(id, threadId, User.RequiredMemberId(), Body, null, ct);
        switch (result.Outcome.Kind)
        {
            case OutcomeKind.Invalid:
                result.Outcome.Errors!.CopyTo(ModelState);
                return Page();
            case OutcomeKind.Ok:
                TempData["Flash"] = l["Your reply is on its way. Your address stays private."].Value;
                return Redirect($"/messages/{id}/threads/{threadId}#reply-{result.ReplyId}");
            default:
                return Pages.Answer(this, result.Outcome);
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid threadId, CancellationToken ct)
    {
        var (message, thread, replies, outcome) = await reading.ThreadAsync(id, threadId, User.RequiredMemberId(), 1, Paging.MaxSize, ct);
        if (message is null) return Pages.Answer(this, outcome);
        (Message, Thread, Replies) = (message, thread!, replies!);
        return null;
    }
}
