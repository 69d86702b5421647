using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// Identity's account emails (confirmation, password reset), written to the outbox and committed
/// at once. A singleton (Identity's endpoints resolve it from the root), so it opens its own scope.
/// </summary>
public sealed class MemberEmails(IServiceScopeFactory scopes) : IEmailSender<Member>
{
    public Task SendConfirmationLinkAsync(Member user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your Grassroots account",
            "Hello {0},\n\nConfirm your email address to finish joining Grassroots:\n{1}\n\nIf you did not sign up, ignore this message.", user.DisplayName, confirmationLink);

    public Task SendPasswordResetLinkAsync(Member user, string email, string resetLink) =>
        SendAsync(email, "Reset your Grassroots password",
            "Hello {0},\n\nChoose a new password here:\n{1}\n\nIf you did not ask for this, ignore this message; your password stays the same.", user.DisplayName, resetLink);

    public Task SendPasswordResetCodeAsync(Member user, string email, string resetCode) =>
        SendAsync(email, "Your Grassroots password reset code",
            "Hello {0},\n\nYour password reset code is:\n{1}\n\nIf you did not ask for this, ignore this message.", user.DisplayName, resetCode);

    private async Task SendAsync(string email, string subject, string body, string name, string value)
    {
        // Identity's API endpoints pass links HTML-encoded (for HTML mail); ours is plain text.
        value = System.Net.WebUtility.HtmlDecode(value);
        await using var scope = scopes.CreateAsyncScope();
        var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(email, l[subject], l[body, name, value]);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }
}
