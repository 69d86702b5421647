using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Shared;

/// <summary>The friendly page for any error status, in the visitor's language.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Title, Message) = status switch
        {
            400 => (l["That request could not be used"], l["The form may have expired (it protects you from forged requests). Go back, reload the page and send it again."]),
            403 => (l["Not allowed"], l["You don't have the role needed for this page. Group organizers can do more in their own group."]),
            404 => (l["Page not found"], l["There is nothing at this address. It may have moved, or the link may be mistyped."]),
            429 => (l["Too many requests"], l["You sent too many requests in a short time. Wait a minute and try again."]),
            _ => (l["Something went wrong on our side"], l["The error was logged. Nothing you sent was stored unless you saw a confirmation; please try again."]),
        };
        if (code is not null) Response.StatusCode = status;
    }
}
