using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

// The inputs of the account use cases: each is read by one validator below, which the page and
// the API (/api/auth) both call, so a limit holds whichever door a request comes through.

/// <summary>Joining Grassroots (the sign-up form, POST /api/auth/register).</summary>
public sealed record SignUpInput
{
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    /// <summary>
    /// Optional, and only through the API: the form asks for none. Whoever opens the confirmation
    /// link chooses the password that counts, so a password set here never outlives it.
    /// </summary>
    public string? Password { get; init; }
    /// <summary>Optional: finds groups near the member.</summary>
    public string? Zip { get; init; }
}

/// <summary>Signing in with a password (the sign-in form, POST /api/auth/login).</summary>
public sealed record SignInInput
{
    public string? Email { get; init; }
    public string? Password { get; init; }
    /// <summary>
    /// API clients: the device token a previous sign-in on this device returned. It keeps this
    /// device signing in while strangers' failed attempts pause sign-ins from unknown devices.
    /// </summary>
    public string? DeviceToken { get; init; }
}

/// <summary>An address to send a link to (forgotten password, a new confirmation link).</summary>
public sealed record EmailInput
{
    public string? Email { get; init; }
}

/// <summary>A link from an email (confirmation or reset: its userId and code) and the password chosen with it.</summary>
public sealed record LinkPasswordInput
{
    public string? UserId { get; init; }
    public string? Code { get; init; }
    public string? Password { get; init; }
}

/// <summary>A signed-in member changes their password.</summary>
public sealed record ChangePasswordInput
{
    public string? CurrentPassword { get; init; }
    public string? NewPassword { get; init; }
}

public sealed record RefreshInput
{
    public string? RefreshToken { get; init; }
}

/// <summary>The rules for addresses and passwords, one place for page and API.</summary>
public static class AccountRules
{
    public const int MaxEmailLength = 254; // RFC 5321
    public const int MinPasswordLength = 10; // length over composition rules (NIST SP 800-63B)
    public const int MaxPasswordLength = 256;

    /// <summary>
    /// The address as it is stored, or null with an error on <paramref name="field"/>. It must read
    /// the same to System.Net.Mail and to MimeKit, which sends the mail: an address only one of them
    /// accepts ("x.@example.net") would be an account that can never get its link.
    /// </summary>
    public static string? Email(FieldErrors errors, string field, string? email, IStringLocalizer l)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxEmailLength
            || !System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
            || !MimeKit.MailboxAddress.TryParse(MimeKit.ParserOptions.Default, trimmed, out var mailbox) || mailbox.Address != trimmed || mailbox.Route.Count > 0)
        {
            errors.Add(field, l["Enter an email address like name@example.org."]);
            return null;
        }
        return trimmed;
    }

    public static void NewPassword(FieldErrors errors, string field, string? password, IStringLocalizer l)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            errors.Add(field, l["Choose a password of at least 10 characters."]);
        else if (password.Length > MaxPasswordLength)
            errors.Add(field, l["A password can be at most {0} characters.", MaxPasswordLength]);
    }

    /// <summary>
    /// A page of this site to return to ("/projects/kensington-mural"), or null: links in mail and
    /// redirects after signing up never lead to another site.
    /// </summary>
    public static string? LocalUrl(string? url) =>
        url is { Length: > 0 and <= 500 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl)
            ? url : null;

    public static FieldErrors SignIn(SignInInput input, IStringLocalizer l)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Email)) errors.Add(nameof(input.Email), l["Enter your email address."]);
        else if (input.Email.Length > MaxEmailLength) errors.Add(nameof(input.Email), l["Enter an email address like name@example.org."]);
        if (string.IsNullOrEmpty(input.Password)) errors.Add(nameof(input.Password), l["Enter your password."]);
        else if (input.Password.Length > MaxPasswordLength) errors.Add(nameof(input.Password), l["A password can be at most {0} characters.", MaxPasswordLength]);
        return errors;
    }

    public static FieldErrors EmailOnly(EmailInput input, IStringLocalizer l)
    {
        var errors = new FieldErrors();
        Email(errors, nameof(input.Email), input.Email, l);
        return errors;
    }
}
