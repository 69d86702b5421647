using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>
/// A guest who later joins with the same address, once they prove it, finds the RSVPs they made as a guest
/// under their account (cancel them there, see them in "my events"). An unconfirmed sign-up claims nothing:
/// otherwise registering someone else's address would reveal where they said they'd go.
/// </summary>
public sealed class GuestRsvps(AppDbContext db) : IEmailConfirmedStep
{
    public Task EmailConfirmedAsync(Guid memberId, string normalizedEmail, CancellationToken ct) =>
        db.Rsvps.Where(r => r.MemberId == null && r.EmailKey == normalizedEmail && !r.WalkIn)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.MemberId, memberId), ct);
}
