using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Convention;

/// <summary>
/// A member who deletes their account: their registrations, officer roles and delegate seats go (an assembly whose only creator
/// leaves keeps its chairs, who go on chairing), and any invitation to chair lapses. Their ballots stay: a counted
/// ballot is part of a published, hash-chained count and can't be taken out without breaking it; the roll of who
/// voted shows "Former member". A vote still open keeps their ballot too, as a ballot posted before a voter dies is counted.
/// </summary>
internal sealed class LeavingConvention(AppDbContext db) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        await db.AssemblyRegistrations.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.AssemblyOfficers.Where(o => o.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.DelegateNominations.Where(n => n.MemberId == memberId).ExecuteDeleteAsync(ct);
    }
}

/// <summary>What the convention holds about a member, for their data export: registrations, officer roles, ballots (their own choices, trackers).</summary>
internal sealed class ConventionPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var registrations = await db.AssemblyRegistrations.AsNoTracking().Where(r => r.MemberId == memberId)
            .Join(db.Assemblies, r => r.AssemblyId, a => a.Id, (r, a) => new { assembly = a.Name, a.Slug, attendance = r.Attendance.ToString(), r.RegisteredAt }).ToListAsync(ct);
        var roles = await db.AssemblyOfficers.AsNoTracking().Where(o => o.MemberId == memberId)
            .Join(db.Assemblies, o => o.AssemblyId, a => a.Id, (o, a) => new { assembly = a.Name, role = o.Role.ToString(), o.NamedAt, o.AcceptedAt }).ToListAsync(ct);
        // That they voted (the public roll says as much); their choices only while a vote is open: at close the server
        // forgets which ballot was whose, so there is nothing more to give.
        var voted = await db.BallotCasts.AsNoTracking().Where(c => c.MemberId == memberId)
            .Join(db.Motions, c => c.MotionId, m => m.Id, (c, m) => new { motion = m.Title, m.Number, c.CastAt, c.Sequence, c.MotionId })
            .ToListAsync(ct);
        var open = await db.BallotCasts.AsNoTracking().Where(c => c.MemberId == memberId && c.Sequence > 0)
            .Join(db.BoardBallots, c => new { c.MotionId, c.Sequence }, b => new { b.MotionId, b.Sequence }, (c, b) => new { c.MotionId, b.Tracker, b.Choices })
            .ToListAsync(ct);
        var ballots = voted.Select(v => new { v.motion, v.Number, v.CastAt, open.FirstOrDefault(o => o.MotionId == v.MotionId)?.Tracker, open.FirstOrDefault(o => o.MotionId == v.MotionId)?.Choices }).ToList();
        var delegate_ = await db.DelegateNominations.AsNoTracking().Where(n => n.MemberId == memberId)
            .Join(db.Assemblies, n => n.AssemblyId, a => a.Id, (n, a) => new { assembly = a.Name, n.GroupId, n.NamedAt, n.AcceptedAt }).ToListAsync(ct);
        return [("assemblyRegistrations", registrations), ("assemblyRoles", roles), ("delegateSeats", delegate_), ("ballots", ballots)];
    }
}
