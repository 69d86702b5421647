using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Projects;

/// <summary>Launching a project, and what its owners change later: its text and place, needs, co-owners, status. No approval anywhere.</summary>
public sealed class Launching(AppDbContext db, ZipCodes zips, UserText text, AuditLog audit, TimeProvider clock,
    IOptions<ProjectsOptions> options, IStringLocalizer<SharedResource> l)
{
    public async Task<(Project? Project, Outcome Outcome)> LaunchAsync(Guid founderId, ProjectInput input, CancellationToken ct)
    {
        var (project, errors) = ProjectRules.Validate(input, zips, text, options.Value, l);
        if (project is null) return (null, Outcome.Invalid(errors));
        if (project.GroupId is { } gid && !await db.Groups.AnyAsync(g => g.Id == gid, ct))
            return (null, Outcome.Invalid(nameof(ProjectInput.GroupId), l["There is no such group."]));
        if (await db.Projects.AnyAsync(p => p.Slug == project.Slug, ct))
            project.Slug = $"{project.Slug}-{project.Id.ToString("N")[^6..]}";

        var now = clock.GetUtcNow();
        project.FounderId = founderId;
        project.CreatedAt = now;
        foreach (var n in project.Needs) n.CreatedAt = now;
        db.Projects.Add(project);
        db.ProjectOwners.Add(new ProjectOwner { ProjectId = project.Id, MemberId = founderId, AddedAt = now });
        db.Set<ProjectFollower>().Add(new ProjectFollower { ProjectId = project.Id, MemberId = founderId, FollowedAt = now, NotifiedThrough = now });
        audit.Record(founderId, "project.launch", "project", project.Id, project.Title);
        await db.SaveChangesAsync(ct);
        return (project, Outcome.Ok);
    }

    /// <summary>
    /// An owner changes what the project says: title, goal, description, place, dates, group and
    /// (if given) status. Needs are changed one by one; the address (slug) stays, so links keep working.
    /// </summary>
    public async Task<Outcome> EditAsync(Guid projectId, Guid actorId, ProjectInput input, CancellationToken ct)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return Outcome.NotFound;
        if (!await IsOwnerAsync(projectId, actorId, ct)) return Outcome.Forbidden;
        var (changed, errors) = ProjectRules.Validate(input with { Needs = null }, zips, text, options.Value, l);
        if (changed is null) return Outcome.Invalid(errors);
        if (changed.GroupId is { } gid && gid != project.GroupId && !await db.Groups.AnyAsync(g => g.Id == gid, ct))
            return Outcome.Invalid(nameof(ProjectInput.GroupId), l["There is no such group."]);

        project.Title = changed.Title;
        project.Goal = changed.Goal;
        project.Description = changed.Description;
        project.DescriptionHtml = changed.DescriptionHtml;
        project.Online = changed.Online;
        (project.Zip, project.City, project.State, project.Latitude, project.Longitude, project.RadiusMiles) =
            (changed.Zip, changed.City, changed.State, changed.Latitude, changed.Longitude, changed.RadiusMiles);
        project.GroupId = changed.GroupId;
        (project.StartsOn, project.EndsOn) = (changed.StartsOn, changed.EndsOn);
        if (input.Status is not null) project.Status = changed.Status;
        await CloseNeedsIfOverAsync(projectId, project.Status, ct);
        audit.Record(actorId, "project.edit", "project", projectId, project.Title);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<(Need? Need, Outcome Outcome)> AddNeedAsync(Guid projectId, Guid actorId, NeedInput input, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return (null, Outcome.NotFound);
        if (!await IsOwnerAsync(projectId, actorId, ct)) return (null, Outcome.Forbidden);
        var (need, errors) = ProjectRules.ValidateNeed(input, options.Value, l);
        if (need is null) return (null, Outcome.Invalid(errors));
        if (await db.Needs.CountAsync(n => n.ProjectId == projectId, ct) >= ProjectRules.MaxNeeds)
            return (null, Outcome.Invalid("needs", l["A project can list at most {0} needs.", ProjectRules.MaxNeeds]));
        need.ProjectId = projectId;
        need.CreatedAt = clock.GetUtcNow();
        db.Needs.Add(need);
        audit.Record(actorId, "project.need.add", "project", projectId, need.Title);
        await db.SaveChangesAsync(ct);
        return (need, Outcome.Ok);
    }

    /// <summary>
    /// An owner closes a need the project no longer has (found elsewhere, plans changed): no more
    /// pledges; those made stay. Reopening works while the need still lacks something.
    /// </summary>
    public async Task<Outcome> SetNeedClosedAsync(Guid projectId, Guid needId, Guid actorId, bool closed, CancellationToken ct)
    {
        var need = await db.Needs.AsNoTracking().SingleOrDefaultAsync(n => n.Id == needId && n.ProjectId == projectId, ct);
        if (need is null) return Outcome.NotFound;
        if (!await IsOwnerAsync(projectId, actorId, ct)) return Outcome.Forbidden;
        if (!closed && need.Filled >= need.Quantity && !need.AllowOverfill)
            return Outcome.Invalid("needId", l["This need has all it asked for, so it stays closed."]);
        await db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s.SetProperty(n => n.Closed, closed), ct);
        audit.Record(actorId, closed ? "project.need.close" : "project.need.reopen", "project", projectId, need.Title);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// An owner steps down. Only oneself: no owner removes another (no one takes a project from its
    /// people), and the last owner stays until someone else owns it too.
    /// </summary>
    public async Task<Outcome> StepDownAsync(Guid projectId, Guid actorId, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return Outcome.NotFound;
        if (!await IsOwnerAsync(projectId, actorId, ct)) return Outcome.Forbidden;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the project's row first (SQLite: the write lock), then count: two owners stepping
        // down at once are serialized, so the second sees the first one gone and stays.
        await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, p => p.Status), ct);
        var removed = await db.ProjectOwners
            .Where(o => o.ProjectId == projectId && o.MemberId == actorId && db.ProjectOwners.Count(x => x.ProjectId == projectId) > 1)
            .ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Invalid("memberId", l["You are the only owner. Make someone a co-owner first, or archive the project."]);
        }
        audit.Record(actorId, "project.owner.leave", "project", projectId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>An owner makes another member a co-owner.</summary>
    public async Task<Outcome> AddOwnerAsync(Guid projectId, Guid actorId, Guid memberId, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return Outcome.NotFound;
        if (!await IsOwnerAsync(projectId, actorId, ct)) return Outcome.Forbidden;
        if (!await db.Users.AnyAsync(u => u.Id == memberId && u.DeletedAt == null, ct))
            return Outcome.Invalid("memberId", l["There is no such member."]);
        if (await IsOwnerAsync(projectId, memberId, ct)) return Outcome.Ok;
        db.ProjectOwners.Add(new ProjectOwner { ProjectId = projectId, MemberId = memberId, AddedAt = clock.GetUtcNow() });
        audit.Record(actorId, "project.owner.add", "project", projectId, $"member {memberId}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // added twice at once: the key kept one
        return Outcome.Ok;
    }

    public async Task<Outcome> SetStatusAsync(Guid projectId, Guid actorId, ProjectStatus? status, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return Outcome.NotFound;
        if (!await IsOwnerAsync(projectId, actorId, ct)) return Outcome.Forbidden;
        if (status is not { } s || !Enum.IsDefined(s)) return Outcome.Invalid("status", l["The status is one of Idea, Active, Done or Archived."]);
        await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, s), ct);
        await CloseNeedsIfOverAsync(projectId, s, ct);
        audit.Record(actorId, "project.status", "project", projectId, s.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A project that is done or archived takes no more pledges: its open needs close (owners may reopen one).</summary>
    private Task CloseNeedsIfOverAsync(Guid projectId, ProjectStatus status, CancellationToken ct) =>
        status is ProjectStatus.Done or ProjectStatus.Archived
            ? db.Needs.Where(n => n.ProjectId == projectId && !n.Closed).ExecuteUpdateAsync(x => x.SetProperty(n => n.Closed, true), ct)
            : Task.CompletedTask;

    public Task<bool> IsOwnerAsync(Guid projectId, Guid memberId, CancellationToken ct) =>
        db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId && o.MemberId == memberId, ct);
}
