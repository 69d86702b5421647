using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[Authorize]
public sealed class DeleteModel(AccountDeletion deletion, SignInManager<Member> signIn, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public string? Confirmation { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.Equals(Confirmation?.Trim(), "DELETE", StringComparison.Ordinal) && !string.Equals(Confirmation?.Trim(), l["DELETE"], StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), l["Type DELETE in capital letters to confirm."]);
            return Page();
        }
        await deletion.DeleteAsync(User.RequiredMemberId(), ct);
        await signIn.SignOutAsync();
        TempData["Flash"] = l["Your account is deleted. Thank you for everything you did."].Value;
        return LocalRedirect("/");
    }
}
