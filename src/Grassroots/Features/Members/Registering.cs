using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// Joining, for the sign-up page and POST /api/auth/register alike. The answer is the same, in the
/// same time, whether or not the address already has an account (no one learns who is a member): a
/// new account gets its confirmation link; an unconfirmed one gets a new link; a confirmed one gets
/// a note that someone tried, with links to sign in or reset the password. No password is asked
/// here (an API client may send one, which the confirmation replaces): whoever opens the link
/// chooses it, so an address registered by someone else stays its owner's.
/// </summary>
public sealed class Registering(AppDbContext db, UserManager<Member> users, ZipCodes zips, MemberEmails emails, AlikeInTime alike,
    TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Field errors, or none when the email has gone out (whichever one it was).</summary>
    /// <param name="returnUrl">A page of this site the confirmation link leads back to.</param>
    public async Task<FieldErrors> RegisterAsync(SignUpInput input, string culture, string? returnUrl, CancellationToken ct)
    {
        var member = new Member { CreatedAt = clock.GetUtcNow(), Culture = culture is "es" ? "es" : "en" };
        var errors = Profile.Apply(member, new ProfileInput { DisplayName = input.DisplayName, Zip = input.Zip, Culture = member.Culture }, zips, l);
        var email = AccountRules.Email(errors, nameof(input.Email), input.Email, l);
        var password = string.IsNullOrEmpty(input.Password) ? null : input.Password;
        if (password is not null) AccountRules.NewPassword(errors, nameof(input.Password), password, l);
        if (!errors.IsEmpty) return errors;
        return await alike.RunAsync(() => RegisterAsync(member, email!, password, returnUrl, ct), ct);
    }

    private async Task<FieldErrors> RegisterAsync(Member member, string email, string? password, string? returnUrl, CancellationToken ct)
    {
        var existing = await users.FindByEmailAsync(email);
        if (existing is null)
        {
            member.UserName = member.Email = email;
            var (created, refused) = await CreateAsync(member, password);
            if (created)
            {
                await emails.SendConfirmationAsync(member, returnUrl, ct);
                return new FieldErrors();
            }
            if (refused is not null) // a rule of Identity's that ours let through: say so on the field it concerns
            {
                var errors = new FieldErrors();
                foreach (var field in refused.Select(e => e.Code.StartsWith("Password") ? nameof(SignUpInput.Password) : nameof(SignUpInput.Email)).Distinct())
                    errors.Add(field, field == nameof(SignUpInput.Password) ? l["Choose a password of at least 10 characters."] : l["Enter an email address like name@example.org."]);
                return errors;
            }
            // Someone registered the same address a moment ago (the unique index said so).
            existing = await users.FindByEmailAsync(email);
        }
        else if (password is not null) users.PasswordHasher.HashPassword(member, password); // the work creating the account would take

        if (existing is { DeletedAt: null, EmailConfirmed: false }) await emails.SendConfirmationAsync(existing, returnUrl, ct);
        else if (existing is { DeletedAt: null }) await emails.SendSignUpAttemptAsync(existing, ct);
        return new FieldErrors();
    }

    /// <summary>Created; or not, because the address was taken meanwhile (no errors) or Identity refused (its errors).</summary>
    private async Task<(bool Created, IEnumerable<IdentityError>? Refused)> CreateAsync(Member member, string? password)
    {
        try
        {
            var result = password is null ? await users.CreateAsync(member) : await users.CreateAsync(member, password);
            if (result.Succeeded) return (true, null);
            return (false, result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName") ? null : result.Errors);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups of one address at the same moment: the unique index on the user name keeps one.
            db.Entry(member).State = EntityState.Detached;
            return (false, null);
        }
    }
}
