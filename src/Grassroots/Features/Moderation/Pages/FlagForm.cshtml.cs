using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Moderation.Pages;

[Authorize]
public sealed class FlagFormModel(Flagging flagging, IEnumerable<IFlaggableContent> contents, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public string Title { get; private set; } = "";
    public string ContentUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var (_, outcome) = await flagging.FlagAsync(User.RequiredMemberId(), new FlagInput(Type, Id, Value, Reason), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            outcome.Errors!.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = l["Thank you. Your flag is recorded in the public moderation log."].Value;
        return LocalRedirect(ContentUrl);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var content = contents.FirstOrDefault(c => c.ContentType == Type);
        if (content is null || string.IsNullOrEmpty(Id) || await content.FindAsync(Id, ct) is not { } target) return false;
        (Title, ContentUrl) = (target.Title, target.Url);
        return true;
    }
}
