using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates.Pages;

/// <summary>The emailed link: accept (signed in: the candidacy is yours) or decline (no account needed).</summary>
public sealed class AnswerModel(Nominating nominating, IStringLocalizer<SharedResource> l) : FormPage
{
    public (Candidacy Candidacy, Office Office, string Nominator)? Waiting { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Waiting = await nominating.WaitingAsync(token, ct);
        // The token is in the address: keep it out of the next site's Referer.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken ct)
    {
        if (User.MemberId() is null) return Redirect($"/account/signin?returnUrl={Uri.EscapeDataString($"/candidates/answer/{token}")}");
        var (c, outcome) = await nominating.AcceptAsync(User, token, ct);
        if (outcome.Kind == OutcomeKind.Ok)
        {
            TempData["Flash"] = l["You are a candidate now. Next: answer the platform questionnaire."].Value;
            return Redirect($"/candidates/{c!.Id}#questionnaire");
        }
        (Token, Waiting) = (token, await nominating.WaitingAsync(token, ct));
        return Refused(outcome, l);
    }

    public async Task<IActionResult> OnPostDeclineAsync(string token, CancellationToken ct)
    {
        var outcome = await nominating.DeclineAsync(token, ct);
        if (outcome.Kind == OutcomeKind.Ok) { TempData["Flash"] = l["You declined. Nobody will see your name."].Value; return Redirect("/candidates"); }
        (Token, Waiting) = (token, null);
        return Refused(outcome, l);
    }
}
