using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Infrastructure.Web;

/// <summary>A page with a form: tells the markup which fields have errors (aria-invalid).</summary>
public abstract class FormPage : PageModel
{
    /// <summary>"true" when the field has errors, else null so the attribute is left out.</summary>
    public string? Invalid(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    /// <summary>The messages for a key that has no property of its own on the form.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>
    /// Numbers or dates the browser sent that could not be read: say so in our words (the binder's
    /// are English and technical). True when there were any; the rules check everything else.
    /// </summary>
    protected bool ExplainUnreadableInput(IStringLocalizer l)
    {
        var unread = ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList();
        foreach (var key in unread)
        {
            ModelState.Remove(key);
            ModelState.AddModelError(key, l["Enter a number here."]);
        }
        return unread.Count > 0;
    }

    /// <summary>
    /// A use case's answer other than done, shown on the page: not found is a 404; a refusal's reason goes on top of
    /// the form and field errors beside their fields (under <paramref name="prefix"/> for a nested form). Binding
    /// errors are dropped: the rules said what is wrong, in the reader's words.
    /// </summary>
    protected IActionResult Refused(Outcome outcome, IStringLocalizer l, string prefix = "")
    {
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        ModelState.Clear();
        if (outcome.Kind == OutcomeKind.Forbidden) ModelState.AddModelError("", outcome.Detail ?? l["You can't do that."]);
        outcome.Errors?.CopyTo(ModelState, prefix);
        return Page();
    }

    /// <summary>
    /// Too many attempts on one account from this address: 429 with no body, so the status-code
    /// page says so in the visitor's language.
    /// </summary>
    protected IActionResult TooManyAttempts()
    {
        Response.Headers.RetryAfter = "60";
        return StatusCode(StatusCodes.Status429TooManyRequests);
    }
}
