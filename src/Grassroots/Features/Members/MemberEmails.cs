using System.Text;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// The account emails (confirmation, password reset, "someone tried to sign up with your
/// address"), in the recipient's language, with links from <see cref="SiteLinks"/>; written to the
/// outbox and committed at once.
/// </summary>
public sealed class MemberEmails(UserManager<Member> users, Outbox outbox, AppDbContext db, SiteLinks links, IStringLocalizer<SharedResource> l)
{
    public async Task SendConfirmationAsync(Member member, CancellationToken ct)
    {
        var link = links.To($"/account/confirm?userId={member.Id}&code={AccountTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(member))}");
        await SendAsync(member, "Confirm your Grassroots account",
            "Hello {0},\n\nConfirm your email address and choose your password to finish joining Grassroots:\n{1}\n\nIf you did not sign up, ignore this message: without this link nobody can use the account.", link, ct);
    }

    public async Task SendResetAsync(Member member, CancellationToken ct)
    {
        var link = links.To($"/account/reset?userId={member.Id}&code={AccountTokens.Encode(await users.GeneratePasswordResetTokenAsync(member))}");
        await SendAsync(member, "Reset your Grassroots password",
            "Hello {0},\n\nChoose a new password here:\n{1}\n\nIf you did not ask for this, ignore this message; your password stays the same.", link, ct);
    }

    /// <summary>Sign-up answers alike whether or not the address has an account; the owner hears of it instead.</summary>
    public Task SendSignUpAttemptAsync(Member member, CancellationToken ct) =>
        SendAsync(member, "Someone tried to join Grassroots with your address",
            "Hello {0},\n\nSomeone (perhaps you) tried to create a Grassroots account with this address, which already has one. Nothing was changed.\n\nSign in: {1}\nForgot your password? Choose a new one: {2}\n\nIf it was not you, ignore this message.",
            links.To("/account/signin"), ct, links.To("/account/forgot"));

    private async Task SendAsync(Member member, string subject, string body, string link, CancellationToken ct, string? second = null)
    {
        using (RecipientCulture.Use(member.Culture))
            outbox.Enqueue(member.Email!, l[subject], second is null ? l[body, member.DisplayName, link] : l[body, member.DisplayName, link, second]);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Identity's tokens travel in links base64url-encoded (they contain '+', '/' and '=').</summary>
public static class AccountTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
