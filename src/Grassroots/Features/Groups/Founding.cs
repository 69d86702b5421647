using FluentValidation;
using Microsoft.AspNetCore.OutputCaching;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>Anyone may found a group, at once: no approval, the founder becomes its first organizer.</summary>
public sealed class Founding(AppDbContext db, ZipCodes zips, UserText text, IValidator<GroupInput> validator, AuditLog audit, TimeProvider clock,
    IOutputCacheStore cache, GrassrootsMetrics metrics, IStringLocalizer<SharedResource> l)
{
    public async Task<(Group? Group, Outcome Outcome)> FoundAsync(Guid founderId, GroupInput input, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        var group = GroupRules.Build(input, zips, text);

        if (await IsDuplicateAsync(group, ct)) return (null, Duplicate(group));

        var wanted = group.Slug;
        if (await db.Groups.AnyAsync(g => g.Slug == wanted, ct)) group.Slug = Slugs.Retry(wanted, group.Id, 0);

        var now = clock.GetUtcNow();
        group.FounderId = founderId;
        group.CreatedAt = now;
        group.MemberCount = 1;
        db.Groups.Add(group);
        db.Memberships.Add(new Membership { GroupId = group.Id, MemberId = founderId, Role = GroupRole.Organizer, JoinedAt = now });
        audit.Record(founderId, "group.found", "group", group.Id, group.Name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Two founders raced: for the same name and place (the unique index decided: say so), or
                // only for the address (take another one and try again).
                if (await IsDuplicateAsync(group, ct))
                {
                    db.ChangeTracker.Clear();
                    return (null, Duplicate(group));
                }
                var (slug, id) = (group.Slug, group.Id);
                if (!await db.Groups.AnyAsync(g => g.Slug == slug && g.Id != id, ct)) throw;
                group.Slug = Slugs.Retry(wanted, group.Id, attempt);
            }
        }
        await cache.EvictByTagAsync(GroupsModule.DirectoryTag, ct);
        metrics.GroupsFounded.Add(1, new KeyValuePair<string, object?>("kind", group.Kind.ToString()));
        return (group, Outcome.Ok);
    }

    /// <summary>
    /// Chapters whose area already covers the place of a ZIP, nearest first: the founding form shows them
    /// ("… covers this place — join it?") before a second chapter is founded there. Never a refusal.
    /// </summary>
    public async Task<IReadOnlyList<GroupSummary>> ChaptersCoveringAsync(string? zip, CancellationToken ct)
    {
        if (zips.Find(zip) is not { } place) return [];
        var near = await db.Groups.AsNoTracking().Where(g => g.HiddenAt == null && g.Kind == GroupKind.Chapter)
            .WithinCells(place, GroupRules.MaxRadius).OrderBy(x => x.D2).Take(50).Select(x => x.Item).ToListAsync(ct);
        return near.Select(g => (Group: g, Miles: place.MilesFrom(g.Latitude, g.Longitude)))
            .Where(x => x.Miles <= (x.Group.RadiusMiles ?? 0))
            .Select(x => new GroupSummary(x.Group.Id, x.Group.Slug, x.Group.Name, x.Group.Kind, x.Group.City, x.Group.State, false,
                x.Group.MemberCount, x.Miles, x.Group.CreatedAt))
            .Take(3).ToList();
    }

    /// <summary>The group a refused name collides with, so the form can link to it ("Join it").</summary>
    public async Task<(string Slug, string Name)?> DuplicateOfAsync(GroupInput input, CancellationToken ct)
    {
        if (!(await validator.ValidateAsync(input, ct)).IsValid) return null;
        var g = GroupRules.Build(input, zips, text);
        var found = await db.Groups.AsNoTracking().Where(x => x.Kind == g.Kind && x.PlaceKey == g.PlaceKey && x.NameSkeleton == g.NameSkeleton)
            .Select(x => new { x.Slug, x.Name }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Slug, found.Name);
    }

    private Task<bool> IsDuplicateAsync(Group g, CancellationToken ct) =>
        db.Groups.AnyAsync(x => x.Kind == g.Kind && x.PlaceKey == g.PlaceKey && x.NameSkeleton == g.NameSkeleton, ct);

    private Outcome Duplicate(Group g) => Outcome.Invalid(nameof(GroupInput.Name),
        g.IsNationwide
            ? l["There is already a nationwide {0} group called \"{1}\". Join it, or choose another name.", l[g.Kind.ToString()], g.Name]
            : l["There is already a {0} group called \"{1}\" in {2}, {3}. Join it, or choose another name.", l[g.Kind.ToString()], g.Name, g.City!, g.State!]);
}
