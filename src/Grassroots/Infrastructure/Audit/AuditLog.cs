using Grassroots.Infrastructure.Data;

namespace Grassroots.Infrastructure.Audit;

/// <summary>
/// Adds an entry to the caller's unit of work, so the record commits with the action it
/// describes (for reads, the caller saves right away).
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    public void Record(Guid? actor, string action, string subjectType, object subjectId, string? detail = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), ActorId = actor, Action = action,
            SubjectType = subjectType, SubjectId = subjectId.ToString() ?? "", Detail = detail,
        });
}
