using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>The roll (everyone registered, who is credentialed) and the public log; the credentials committee decides here.</summary>
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class RollModel(Assemblies assemblies, IStringLocalizer<SharedResource> l) : FormPage
{
    public Assembly A { get; private set; } = null!;
    public Roll Roll { get; private set; } = null!;
    public Page<AssemblyLogView> Log { get; private set; } = null!;
    public bool Committee { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? page, int? log, CancellationToken ct) => await LoadAsync(slug, page, log, ct) ?? Page();

    public async Task<IActionResult> OnPostDecideAsync(string slug, Guid memberId, bool seated, string? reason, int? page, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, page, null, ct) is { } missing) return missing;
        var outcome = await assemblies.DecideCredentialAsync(User, A.Id, new CredentialInput(memberId, seated, reason), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = (seated ? l["Seated. The log shows it with your reason."] : l["Unseated. The log shows it with your reason."]).Value;
        return Redirect($"/assemblies/{A.Slug}/roll{(page is > 1 ? $"?page={page}" : "")}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int? page, int? log, CancellationToken ct)
    {
        if (await assemblies.FindAsync(slug, ct) is not { } a) return NotFound();
        A = a;
        Roll = (await assemblies.RollAsync(a.Id.ToString(), page, 50, ct))!;
        Log = await assemblies.LogAsync(a.Id, log, 50, ct);
        Committee = await assemblies.RoleAsync(a.Id, User.MemberId(), ct) is not null;
        return null;
    }
}
