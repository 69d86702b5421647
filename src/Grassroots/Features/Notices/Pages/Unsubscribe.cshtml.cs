using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Notices.Pages;

/// <summary>
/// The one-click unsubscribe of notice emails, without signing in. GET only asks (mail scanners open links);
/// POST unsubscribes, from the page's button or a mail client's RFC 8058 one-click POST
/// ("List-Unsubscribe=One-Click"), which cannot carry an antiforgery token: the signed token in the
/// address is what authorizes it, so only this page is exempt.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(Unsubscribing unsubscribing, IStringLocalizer<SharedResource> l) : PageModel
{
    public Unsubscribing.State State { get; private set; }
    public string What { get; private set; } = "";
    public string? Token { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        await ReadAsync(token, ct);
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct)
    {
        // A one-click POST carries the token in the address; the page's button in the form, too.
        token ??= Request.Query["token"];
        await ReadAsync(token, ct);
        if (State == Unsubscribing.State.Ready) Done = await unsubscribing.UnsubscribeAsync(token, ct) == Unsubscribing.State.Ready;
        return Answer();
    }

    private async Task ReadAsync(string? token, CancellationToken ct)
    {
        var (state, _, kind) = await unsubscribing.ReadAsync(token, ct);
        (State, Token) = (state, token);
        What = kind is { } k ? NoticeKinds.Name(k, l) : l["The daily digest"];
    }

    private IActionResult Answer()
    {
        if (State == Unsubscribing.State.Invalid) Response.StatusCode = StatusCodes.Status400BadRequest;
        // Not indexed, not cached: the address holds a member's token.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return Page();
    }
}
