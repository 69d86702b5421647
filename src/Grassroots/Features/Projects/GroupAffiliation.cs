using System.Security.Claims;
using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>
/// A project done for a group shows on the group's page. Its owners attach it (only to a group they
/// belong to: <see cref="ProjectText.CheckGroupAsync"/>); the group's organizers may detach it, so no
/// one speaks for a group that did not agree.
/// </summary>
public sealed class GroupAffiliation(AppDbContext db, Access access, AuditLog audit, IStringLocalizer<SharedResource> l)
{
    /// <summary>The audit entry of a detachment is also the organizers' standing no (see <see cref="ProjectText.CheckGroupAsync"/>).</summary>
    public const string DetachAction = "project.group.detach";
    public static string DetachDetail(Guid groupId) => $"group {groupId}";

    public async Task<Outcome> DetachAsync(ClaimsPrincipal organizer, Guid projectId, CancellationToken ct)
    {
        var groupId = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => (Guid?)p.GroupId).SingleOrDefaultAsync(ct);
        if (groupId is null) return await db.Projects.AnyAsync(p => p.Id == projectId, ct) ? Outcome.Ok : Outcome.NotFound;
        // Organizers may detach even while a jury reviews their group: it lets them disown what speaks in its name.
        if (!await access.CanAsync(organizer, new GroupResource(groupId.Value), GroupPolicies.Organizer))
            return Outcome.Refused(l["Only the organizers of the project's group may detach it from the group."]);
        var me = organizer.RequiredMemberId();
        // Detaches from this group only (if the owners moved it meanwhile, nothing changes), and only while the actor organizes it.
        var organized = db.Groups.Where(g => g.Id == groupId).Where(GroupPolicies.OrganizedBy(db.Memberships, me, frozenToo: true));
        await db.Projects.Where(p => p.Id == projectId && p.GroupId == groupId && organized.Any())
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.GroupId, (Guid?)null), ct);
        audit.Record(me, DetachAction, "project", projectId, DetachDetail(groupId.Value));
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}

/// <summary>The model of the projects part of a group's page.</summary>
public sealed record GroupProjects(GroupView Group, IReadOnlyList<ProjectSummary> Projects, bool CanLaunch, bool CanDetach);

/// <summary>Lists the group's projects on its page, with a way to launch one (members) or detach one (organizers).</summary>
internal sealed class GroupProjectsSection(ProjectDirectory directory) : IGroupPageSection
{
    public int Order => 10;

    public async Task<GroupPageSection?> LoadAsync(GroupView group, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var projects = (await directory.SearchAsync(new ProjectQuery { GroupId = group.Id, PageSize = 20 }, ct)).Page?.Items ?? [];
        // A group a jury reviews or removed takes no new projects (it is frozen like its own page).
        var frozen = group.Moderation.IsFrozen();
        return new GroupPageSection("/Features/Projects/Pages/_GroupProjects.cshtml",
            new GroupProjects(group, projects, CanLaunch: group.MyRole is not null && !frozen, CanDetach: group.MyRole == GroupRole.Organizer));
    }
}
