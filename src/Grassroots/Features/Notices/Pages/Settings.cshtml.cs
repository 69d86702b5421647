using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Notices.Pages;

/// <summary>The member's delivery per kind of notice; the same rules as PUT /api/me/notices/settings.</summary>
[Authorize]
public sealed class SettingsModel(Inbox inbox, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public Dictionary<string, string?> Delivery { get; set; } = [];

    public IReadOnlyList<NoticeSettingView> Current { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Current = await inbox.SettingsAsync(User.RequiredMemberId(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        var errors = inbox.Parse(Delivery, out var parsed);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState);
            Current = await inbox.SettingsAsync(me, ct);
            return Page();
        }
        await inbox.SetAsync(me, parsed, ct);
        TempData["Flash"] = l["Saved. You will hear of notices as you chose."].Value;
        return RedirectToPage();
    }
}
