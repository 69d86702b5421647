using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Members;

public sealed record ExportedMembership(Guid GroupId, string GroupName, string Role, DateTimeOffset JoinedAt);
public sealed record ExportedFlag(string ContentType, string ContentId, string Value, string Reason, DateTimeOffset CreatedAt);
public sealed record ExportedPledge(Guid ProjectId, string ProjectTitle, string Need, long Amount, string? Note, string Status, DateTimeOffset CreatedAt);
public sealed record ExportedProject(Guid ProjectId, string Title, DateTimeOffset OwnerSince);
public sealed record ExportedAccess(DateTimeOffset At, string Action, bool ByMe);
public sealed record ExportedMessage(Guid GroupId, string Subject, string Body, DateTimeOffset SentAt, int Recipients);

/// <summary>Everything Grassroots holds about a member, as they can download it.</summary>
public sealed record MemberDataExport(DateTimeOffset ExportedAt, ProfileView Profile,
    IReadOnlyList<ExportedMembership> Memberships, IReadOnlyList<ExportedFlag> FlagsRaised, IReadOnlyList<ExportedMessage> MessagesSent,
    IReadOnlyList<ExportedAccess> AccessLog, IReadOnlyList<ExportedProject> ProjectsOwned, IReadOnlyList<ExportedPledge> Pledges);

public sealed class DataExport(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<MemberDataExport?> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.DeletedAt == null, ct);
        if (member is null) return null;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.MemberId == memberId).OrderBy(m => m.JoinedAt)
            .Select(m => new ExportedMembership(m.GroupId, m.Group!.Name, m.Role.ToString(), m.JoinedAt)).ToListAsync(ct);
        var flags = await db.Flags.AsNoTracking().Where(f => f.ReporterId == memberId).OrderBy(f => f.CreatedAt)
            .Select(f => new ExportedFlag(f.ContentType, f.ContentId, f.Value, f.Reason, f.CreatedAt)).ToListAsync(ct);
        var messages = await db.GroupMessages.AsNoTracking().Where(m => m.SenderId == memberId).OrderBy(m => m.SentAt)
            .Select(m => new ExportedMessage(m.GroupId, m.Subject, m.Body, m.SentAt, m.Recipients)).ToListAsync(ct);
        // Who did what with this member's data: the audit entries about them (the last 1,000).
        var key = memberId.ToString();
        var access = await db.AuditLog.AsNoTracking().Where(a => a.SubjectType == "member" && a.SubjectId == key)
            .OrderByDescending(a => a.At).Take(1000).Select(a => new ExportedAccess(a.At, a.Action, a.ActorId == memberId)).ToListAsync(ct);
        var owned = await db.ProjectOwners.AsNoTracking().Where(o => o.MemberId == memberId).OrderBy(o => o.AddedAt)
            .Join(db.Projects, o => o.ProjectId, p => p.Id, (o, p) => new ExportedProject(p.Id, p.Title, o.AddedAt)).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.MemberId == memberId).OrderBy(p => p.CreatedAt)
            .Select(p => new ExportedPledge(p.ProjectId, db.Projects.Where(x => x.Id == p.ProjectId).Select(x => x.Title).First(), p.Need!.Title,
                p.Amount, p.Note, p.Status.ToString(), p.CreatedAt)).ToListAsync(ct);
        audit.Record(memberId, "member.export", "member", memberId);
        await db.SaveChangesAsync(ct);
        return new MemberDataExport(clock.GetUtcNow(), ProfileView.Of(member), memberships, flags, messages, access, owned, pledges);
    }
}
