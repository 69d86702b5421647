using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>An owner asks a member who offered to be asked for help; the member's address stays private.</summary>
public sealed class AskModel(ProjectPage page, Helpers helpers, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, Guid memberId, CancellationToken ct) =>
        ActAsync(slug, "ask", ct, p => helpers.InviteAsync(User, p.Id, memberId, null, ct), l["Your request is on its way."]);
}
