using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Grassroots.Features.Messages.Pages;

/// <summary>A message as its sender, a recipient or the group's organizers / project's owners read it.</summary>
[Authorize]
public sealed class MessageModel(Reading reading) : PageModel
{
    public MessageView Message { get; private set; } = null!;
    public Page<ThreadView>? Threads { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? p, CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        var (message, outcome) = await reading.MessageAsync(id, me, ct);
        if (message is null) return Pages.Answer(this, outcome);
        Message = message;
        if (message.IAmSender) Threads = (await reading.ThreadsAsync(id, me, p, Paging.DefaultSize, ct)).Threads;
        return Page();
    }
}

internal static class Pages
{
    /// <summary>A refusal as a page answers it: 404, or 403 with the reason shown.</summary>
    public static IActionResult Answer(PageModel page, Outcome outcome)
    {
        if (outcome.Kind == OutcomeKind.NotFound) return page.NotFound();
        // A dictionary typed for the refusal's model: the page's own is typed for the page model and refuses a string.
        return new ViewResult
        {
            ViewName = "/Features/Messages/Pages/_Refused.cshtml", StatusCode = StatusCodes.Status403Forbidden,
            ViewData = new ViewDataDictionary<string?>(page.ViewData, outcome.Detail),
        };
    }
}
