using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Members;

/// <summary>
/// Asking for a link by email, for the pages and the API alike: a password reset, or a new
/// confirmation link. The answer is the same, in the same time, whether or not the address has an
/// account (<see cref="AlikeInTime"/>); only its owner learns, by the mail.
/// </summary>
public sealed class LinkRequests(UserManager<Member> users, MemberEmails emails, AlikeInTime alike)
{
    /// <param name="email">An address that passed <see cref="AccountRules.Email"/>.</param>
    public Task SendResetAsync(string email, CancellationToken ct) => alike.RunAsync(async () =>
    {
        if (await users.FindByEmailAsync(email.Trim()) is { DeletedAt: null } member)
            await emails.SendResetAsync(member, ct);
    }, ct);

    /// <param name="returnUrl">Where the new link leads once confirmed (a page of this site).</param>
    public Task SendConfirmationAsync(string email, string? returnUrl, CancellationToken ct) => alike.RunAsync(async () =>
    {
        if (await users.FindByEmailAsync(email.Trim()) is { EmailConfirmed: false, DeletedAt: null } member)
            await emails.SendConfirmationAsync(member, returnUrl, ct);
    }, ct);
}
