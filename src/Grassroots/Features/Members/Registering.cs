using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// Joining, for the sign-up page and POST /api/auth/register alike. The answer is the same
/// whether or not the address already has an account (no one learns who is a member): a new
/// account gets its confirmation link; an unconfirmed one gets a new link (whoever opens it
/// chooses the password then, so an address registered by someone else stays its owner's); a
/// confirmed one gets a note that someone tried, with links to sign in or reset the password.
/// </summary>
public sealed class Registering(AppDbContext db, UserManager<Member> users, ZipCodes zips, MemberEmails emails,
    TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Field errors, or none when the email has gone out (whichever one it was).</summary>
    public async Task<FieldErrors> RegisterAsync(SignUpInput input, string culture, CancellationToken ct)
    {
        var member = new Member { CreatedAt = clock.GetUtcNow(), Culture = culture is "es" ? "es" : "en" };
        var errors = Profile.Apply(member, new ProfileInput { DisplayName = input.DisplayName, Zip = input.Zip, Culture = member.Culture }, zips, l);
        var email = AccountRules.Email(errors, nameof(input.Email), input.Email, l);
        AccountRules.NewPassword(errors, nameof(input.Password), input.Password, l);
        if (!errors.IsEmpty) return errors;

        var existing = await users.FindByEmailAsync(email!);
        if (existing is null)
        {
            member.UserName = member.Email = email;
            var (created, refused) = await CreateAsync(member, input.Password!);
            if (created)
            {
                await emails.SendConfirmationAsync(member, ct);
                return errors;
            }
            if (refused is not null) // a rule of Identity's that ours let through: say so on the field it concerns
            {
                foreach (var e in refused)
                    errors.Add(e.Code.StartsWith("Password") ? nameof(input.Password) : nameof(input.Email),
                        e.Code.StartsWith("Password") ? l["Choose a password of at least 10 characters."] : l["Enter an email address like name@example.org."]);
                return errors;
            }
            // Someone registered the same address a moment ago (the unique index said so).
            existing = await users.FindByEmailAsync(email!);
        }
        else users.PasswordHasher.HashPassword(member, input.Password!); // the work creating an account takes, so the answer takes as long

        if (existing is { DeletedAt: null, EmailConfirmed: false }) await emails.SendConfirmationAsync(existing, ct);
        else if (existing is { DeletedAt: null }) await emails.SendSignUpAttemptAsync(existing, ct);
        return errors;
    }

    /// <summary>Created; or not, because the address was taken meanwhile (no errors) or Identity refused (its errors).</summary>
    private async Task<(bool Created, IEnumerable<IdentityError>? Refused)> CreateAsync(Member member, string password)
    {
        try
        {
            var result = await users.CreateAsync(member, password);
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
