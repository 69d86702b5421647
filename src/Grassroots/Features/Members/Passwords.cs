using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// Setting a password: with the confirmation link, with a reset link, or knowing the current one.
/// Each gives the account a new security stamp, which ends every earlier session and token at once
/// (<see cref="SessionCheck"/>).
/// </summary>
public sealed class Passwords(UserManager<Member> users, AppDbContext db, SignInThrottle throttle, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l, IEnumerable<IEmailConfirmedStep> confirmedSteps)
{
    /// <summary>
    /// The confirmation link proves the mailbox, so whoever opens it chooses the password now,
    /// whatever the registration set: an address someone else registered stays its owner's. The
    /// link works once (the new stamp invalidates it).
    /// </summary>
    public async Task<(FieldErrors Errors, Member? Member)> ConfirmAsync(LinkPasswordInput input, CancellationToken ct)
    {
        var (errors, member) = await CheckConfirmationLinkAsync(input);
        AccountRules.NewPassword(errors, nameof(input.Password), input.Password, l);
        if (!errors.IsEmpty) return (errors, null);

        member!.PasswordHash = users.PasswordHasher.HashPassword(member, input.Password!);
        member.ConfirmedAt ??= clock.GetUtcNow();
        member.EmailConfirmed = true;
        // One write: the password, "confirmed" and a new stamp (two confirmations at once: the second fails on the concurrency stamp).
        var saved = await users.UpdateSecurityStampAsync(member);
        if (!saved.Succeeded)
            return (FieldErrors.Single(nameof(input.Code), l["This confirmation link has expired or was already replaced by a newer one. Ask for a new link below."]), null);
        audit.Record(member.Id, "member.confirm", "member", member.Id);
        await ProvedAsync(member, ct);
        await db.SaveChangesAsync(ct);
        return (errors, member);
    }

    /// <summary>Whether a confirmation link can still be used (the page checks before asking for the password).</summary>
    public async Task<(FieldErrors Errors, Member? Member)> CheckConfirmationLinkAsync(LinkPasswordInput input)
    {
        var errors = new FieldErrors();
        var (member, token) = await FromLinkAsync(input);
        if (member is null || token is null)
            errors.Add(nameof(input.Code), l["This confirmation link is incomplete. Copy the whole link from the email, or ask for a new one."]);
        else if (member.EmailConfirmed)
            errors.Add(nameof(input.Code), l["This address is already confirmed. Sign in, or reset your password if you forgot it."]);
        else if (!await users.VerifyUserTokenAsync(member, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<Member>.ConfirmEmailTokenPurpose, token))
            errors.Add(nameof(input.Code), l["This confirmation link has expired or was already replaced by a newer one. Ask for a new link below."]);
        return (errors, errors.IsEmpty ? member : null);
    }

    /// <summary>The reset link also proves the mailbox: it confirms an unconfirmed address and lifts the pause on unknown devices.</summary>
    public async Task<(FieldErrors Errors, Member? Member)> ResetAsync(LinkPasswordInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (member, token) = await FromLinkAsync(input);
        if (member is null || token is null)
            errors.Add(nameof(input.Code), l["This reset link is incomplete or expired. Ask for a new one."]);
        AccountRules.NewPassword(errors, nameof(input.Password), input.Password, l);
        if (!errors.IsEmpty) return (errors, null);

        var wasConfirmed = member!.EmailConfirmed;
        if (!wasConfirmed) member.ConfirmedAt ??= clock.GetUtcNow();
        member.EmailConfirmed = true; // saved with the password below
        var result = await users.ResetPasswordAsync(member, token!, input.Password!);
        if (!result.Succeeded)
        {
            member.EmailConfirmed = wasConfirmed;
            return (FieldErrors.Single(nameof(input.Code), l["This reset link is incomplete or expired. Ask for a new one."]), null);
        }
        throttle.Clear(SignInThrottle.UnknownDevices(member.NormalizedEmail!));
        audit.Record(member.Id, "member.password.reset", "member", member.Id);
        if (!wasConfirmed) await ProvedAsync(member, ct);
        await db.SaveChangesAsync(ct);
        return (errors, member);
    }

    private async Task ProvedAsync(Member member, CancellationToken ct)
    {
        foreach (var step in confirmedSteps) await step.EmailConfirmedAsync(member.Id, member.NormalizedEmail!, ct);
    }

    public async Task<FieldErrors> ChangeAsync(Member member, ChangePasswordInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(input.CurrentPassword) || input.CurrentPassword.Length > AccountRules.MaxPasswordLength
            || !await users.CheckPasswordAsync(member, input.CurrentPassword))
            errors.Add(nameof(input.CurrentPassword), l["That is not your current password."]);
        AccountRules.NewPassword(errors, nameof(input.NewPassword), input.NewPassword, l);
        if (!errors.IsEmpty) return errors;
        var result = await users.ChangePasswordAsync(member, input.CurrentPassword!, input.NewPassword!);
        if (!result.Succeeded) return FieldErrors.Single(nameof(input.CurrentPassword), l["That is not your current password."]);
        audit.Record(member.Id, "member.password.change", "member", member.Id);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private async Task<(Member?, string?)> FromLinkAsync(LinkPasswordInput input)
    {
        var member = Guid.TryParse(input.UserId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        return member is { DeletedAt: null } ? (member, AccountTokens.Decode(input.Code)) : (null, null);
    }
}
