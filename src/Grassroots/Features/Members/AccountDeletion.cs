using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Members;

/// <summary>
/// Deleting an account erases the person (name, email, place, profile, credentials) but keeps
/// an anonymous row so what they contributed (groups founded, flags) stays, attributed to
/// "Former member". Each feature hands over or releases what the member held (a group's last
/// organizer, a project run alone, open pledges) through its <see cref="IAccountDeletionStep"/>.
/// </summary>
public sealed class AccountDeletion(AppDbContext db, AuditLog audit, TimeProvider clock, IEnumerable<IAccountDeletionStep> steps)
{
    public async Task DeleteAsync(Guid memberId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var member = await db.Users.SingleOrDefaultAsync(m => m.Id == memberId && m.DeletedAt == null, ct);
        if (member is null) return;

        foreach (var step in steps) await step.MemberLeavingAsync(memberId, ct);

        await db.UserLogins.Where(x => x.UserId == memberId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(x => x.UserId == memberId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(x => x.UserId == memberId).ExecuteDeleteAsync(ct);
        await db.UserPasskeys.Where(x => x.UserId == memberId).ExecuteDeleteAsync(ct);

        var tombstone = $"deleted-{member.Id:N}@invalid";
        member.Email = member.UserName = tombstone;
        member.NormalizedEmail = member.NormalizedUserName = tombstone.ToUpperInvariant();
        member.EmailConfirmed = false;
        member.PasswordHash = null;
        member.PhoneNumber = null;
        member.SecurityStamp = Guid.NewGuid().ToString(); // signs out every session
        member.LockoutEnabled = true;
        member.LockoutEnd = DateTimeOffset.MaxValue;
        member.DisplayName = "";
        member.Zip = member.City = member.State = member.Bio = member.Culture = null;
        member.Latitude = member.Longitude = null;
        member.Skills = []; member.Tags = []; member.Issues = []; member.Availability = [];
        member.ShowFullName = member.ShowSkills = member.ShowIssues = member.OpenToAsks = false;
        member.DeletedAt = clock.GetUtcNow();
        audit.Record(memberId, "member.delete", "member", memberId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
