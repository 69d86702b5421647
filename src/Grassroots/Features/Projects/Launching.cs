using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>Launching a project: anyone, at once, with no approval. The founder owns and follows it.</summary>
public sealed class Launching(AppDbContext db, ProjectText describe, IValidator<ProjectInput> validator, AuditLog audit, TimeProvider clock)
{
    public async Task<(Project? Project, Outcome Outcome)> LaunchAsync(ClaimsPrincipal founder, ProjectInput input, CancellationToken ct)
    {
        var me = founder.RequiredMemberId();
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        if (await describe.CheckGroupAsync(input.GroupId, null, null, me, ct) is { } refused) return (null, refused);

        var now = clock.GetUtcNow();
        var project = new Project { Slug = "", Title = "", Goal = "", Status = input.Status ?? ProjectStatus.Active, FounderId = me, CreatedAt = now };
        describe.Apply(project, input);
        project.Slug = Slugs.From(project.Title, "project");
        // Needs keep the order they were written in (a tick apart), and a project launched as done or archived takes no pledges.
        project.Needs = (input.Needs ?? []).Select((n, i) => NeedChanges.NewNeed(n, now.AddTicks(i))).ToList();
        if (!Project.TakesPledges(project.Status)) project.Needs.ForEach(n => n.Closed = true);
        project.Owners.Add(new ProjectOwner { ProjectId = project.Id, MemberId = me, AddedAt = now });
        db.Projects.Add(project);
        db.ProjectFollowers.Add(new ProjectFollower { ProjectId = project.Id, MemberId = me, FollowedAt = now, NotifiedThrough = now });
        audit.Record(me, "project.launch", "project", project.Id, project.Title);
        await SaveWithFreeSlugAsync(project, ct);
        return (project, Outcome.Ok);
    }

    /// <summary>
    /// Two launches of one title at the same moment both read the slug as free; the unique index lets
    /// one insert win and the other retries with part of its own id, so each gets its own address.
    /// </summary>
    private async Task SaveWithFreeSlugAsync(Project project, CancellationToken ct)
    {
        var wanted = project.Slug;
        if (await db.Projects.AnyAsync(p => p.Slug == wanted, ct)) project.Slug = Slugs.Retry(wanted, project.Id, 0);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                if (!await SlugTakenAsync(project, ct)) throw;
                project.Slug = Slugs.Retry(wanted, project.Id, attempt);
            }
        }
    }

    private Task<bool> SlugTakenAsync(Project project, CancellationToken ct)
    {
        var (slug, id) = (project.Slug, project.Id);
        return db.Projects.AsNoTracking().AnyAsync(p => p.Slug == slug && p.Id != id, ct);
    }
}

/// <summary>What a project says about itself (title, goal, description, place, dates, group), written the same way at launch and on edit.</summary>
public sealed class ProjectText(AppDbContext db, ZipCodes zips, UserText text, Roster roster, GroupDetails groups, IStringLocalizer<SharedResource> l)
{
    /// <summary>Copies a valid input onto the project; the ZIP becomes a place (an offline lookup).</summary>
    public void Apply(Project project, ProjectInput input)
    {
        var place = string.IsNullOrWhiteSpace(input.Zip) ? null : zips.Find(input.Zip);
        project.Title = UserText.Collapse(input.Title);
        project.Goal = UserText.Collapse(input.Goal);
        project.Description = input.Description?.Trim() ?? "";
        project.DescriptionHtml = text.ToSafeHtml(project.Description);
        project.Online = input.Online;
        (project.Zip, project.City, project.State, project.Latitude, project.Longitude) = (place?.Zip, place?.City, place?.State, place?.Latitude, place?.Longitude);
        project.RadiusMiles = place is null ? null : input.RadiusMiles ?? ProjectInput.DefaultRadius;
        project.GroupId = input.GroupId;
        (project.StartsOn, project.EndsOn) = (input.StartsOn, input.EndsOn);
    }

    /// <summary>
    /// A project says it is done for a group only if its owner is a member of that group: otherwise
    /// anyone could put "Official fundraiser" on any group's page. Keeping the group it already has is allowed.
    /// </summary>
    public async Task<Outcome?> CheckGroupAsync(Guid? groupId, Guid? projectId, Guid? current, Guid memberId, CancellationToken ct)
    {
        if (groupId is not { } gid || gid == current) return null;
        // A group's organizers who detached the project have said no: it is not attached again by its owners.
        if (projectId is { } pid && await db.AuditLog.AnyAsync(a => a.Action == GroupAffiliation.DetachAction && a.SubjectType == "project"
                && a.SubjectId == pid.ToString() && a.Detail == GroupAffiliation.DetachDetail(gid), ct))
            return Outcome.Invalid(nameof(ProjectInput.GroupId), l["The organizers of this group detached this project from it. Ask them before attaching it again."]);
        if (await groups.FindAsync(gid.ToString(), null, ct) is not { } group) return Outcome.Invalid(nameof(ProjectInput.GroupId), l["There is no such group."]);
        if (group.Moderation.IsFrozen()) return Outcome.Invalid(nameof(ProjectInput.GroupId), GroupRules.Frozen(group.Moderation, l));
        if (!await roster.IsMemberAsync(gid, memberId, ct))
            return Outcome.Invalid(nameof(ProjectInput.GroupId), l["Only members of a group can launch a project for it. Join the group first."]);
        return null;
    }
}
