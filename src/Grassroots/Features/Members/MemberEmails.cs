using System.Text;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// The account emails (confirmation, password reset, "someone tried to sign up with your
/// address"), in the recipient's language, with links from <see cref="SiteLinks"/>; written to the
/// outbox and committed at once. They greet by name only an account whose mailbox owner confirmed
/// it: before that, the name is whatever the person who typed the address chose (a link, an insult),
/// and anyone can type anyone's address.
/// </summary>
public sealed class MemberEmails(UserManager<Member> users, Outbox outbox, AppDbContext db, SiteLinks links,
    IMemoryCache recent, Microsoft.Extensions.Options.IOptions<AccountOptions> options, IStringLocalizer<SharedResource> l)
{
    /// <summary>False when the account was sent this kind of email within <see cref="AccountOptions.AccountMailInterval"/> (in this process).</summary>
    private bool Paced(Member member, string kind)
    {
        var interval = options.Value.AccountMailInterval;
        if (interval <= TimeSpan.Zero) return true;
        var key = ("account-mail", kind, member.Id);
        if (recent.TryGetValue(key, out _)) return false;
        recent.Set(key, true, interval);
        return true;
    }

    /// <param name="returnUrl">A page of this site to come back to once confirmed (kept only when local).</param>
    public async Task SendConfirmationAsync(Member member, string? returnUrl, CancellationToken ct)
    {
        if (!Paced(member, "confirm")) return;
        var back = AccountRules.LocalUrl(returnUrl) is { } local ? "&returnUrl=" + Uri.EscapeDataString(local) : "";
        var link = links.To($"/account/confirm?userId={member.Id}&code={AccountTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(member))}{back}");
        using (RecipientCulture.Use(member.Culture))
            Enqueue(member, l["Confirm your Grassroots account"],
                l["Confirm your email address and choose your password to finish joining Grassroots:\n{0}\n\nIf you did not sign up, ignore this message: without this link nobody can use the account.", link]);
        await db.SaveChangesAsync(ct);
    }

    public async Task SendResetAsync(Member member, CancellationToken ct)
    {
        if (!Paced(member, "reset")) return;
        var link = links.To($"/account/reset?userId={member.Id}&code={AccountTokens.Encode(await users.GeneratePasswordResetTokenAsync(member))}");
        using (RecipientCulture.Use(member.Culture))
            Enqueue(member, l["Reset your Grassroots password"],
                l["Choose a new password here:\n{0}\n\nIf you did not ask for this, ignore this message; your password stays the same.", link]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sign-up answers alike whether or not the address has an account; the owner hears of it instead.</summary>
    public async Task SendSignUpAttemptAsync(Member member, CancellationToken ct)
    {
        if (!Paced(member, "signup-attempt")) return;
        using (RecipientCulture.Use(member.Culture))
            Enqueue(member, l["Someone tried to join Grassroots with your address"],
                l["Someone (perhaps you) tried to create a Grassroots account with this address, which already has one. Nothing was changed.\n\nSign in: {0}\nForgot your password? Choose a new one: {1}\n\nIf it was not you, ignore this message.",
                    links.To("/account/signin"), links.To("/account/forgot")]);
        await db.SaveChangesAsync(ct);
    }

    private void Enqueue(Member member, string subject, string body)
    {
        var greeting = member.EmailConfirmed && member.DisplayName.Length > 0 ? l["Hello {0},", member.DisplayName] : l["Hello,"];
        outbox.Enqueue(member.Email!, subject, greeting + "\n\n" + body);
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
