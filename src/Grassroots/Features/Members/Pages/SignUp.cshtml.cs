using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class SignUpModel(UserManager<Member> users, ZipCodes zips, AccountLinks links, IEmailSender<Member> emails,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : FormPage
{
    public sealed class Form
    {
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? Zip { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = new Member { CreatedAt = clock.GetUtcNow(), Culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName };
        var errors = Profile.Apply(member, new ProfileInput { DisplayName = Input.DisplayName, Zip = Input.Zip, Culture = member.Culture }, zips, l);
        var email = Input.Email?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 254)
            errors.Add(nameof(Form.Email), l["Enter an email address like name@example.org."]);
        if (string.IsNullOrEmpty(Input.Password)) errors.Add(nameof(Form.Password), l["Choose a password of at least 10 characters."]);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState, nameof(Input));
            return Page();
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Don't reveal who has an account: answer as if new, and remind the owner instead.
            if (!existing.EmailConfirmed) await emails.SendConfirmationLinkAsync(existing, email, await links.ConfirmationAsync(Request, existing));
            Sent = true;
            return Page();
        }

        member.UserName = member.Email = email;
        var result = await users.CreateAsync(member, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.StartsWith("Password") ? "Input.Password" : "Input.Email", Describe(e));
            return Page();
        }
        await emails.SendConfirmationLinkAsync(member, email, await links.ConfirmationAsync(Request, member));
        Sent = true;
        return Page();
    }

    private string Describe(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => l["Choose a password of at least 10 characters."],
        "DuplicateEmail" or "DuplicateUserName" => l["Check your email: we sent a link there."],
        "InvalidEmail" or "InvalidUserName" => l["Enter an email address like name@example.org."],
        _ => e.Description,
    };
}
