using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Members.Pages;

public sealed class PublicProfileModel(UserManager<Member> users) : PageModel
{
    public PublicMemberView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } m) return NotFound();
        View = PublicMemberView.Of(m);
        return Page();
    }
}
