using Microsoft.AspNetCore.OutputCaching;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>An organizer changes the group's name, kind, place or description. Its address (slug) stays, so links keep working.</summary>
public sealed class Editing(AppDbContext db, ZipCodes zips, UserText text, AuditLog audit, Roster roster, IOutputCacheStore cache, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> EditAsync(Guid groupId, Guid actorId, GroupInput input, CancellationToken ct)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null) return Outcome.NotFound;
        if (!await roster.IsOrganizerAsync(groupId, actorId, ct)) return Outcome.Forbidden;
        // Frozen while a jury reviews it (and after a removal): the jurors judge what was flagged, not a cleaned-up copy.
        if (group.Moderation.IsFrozen()) return Outcome.Invalid("groupId", GroupRules.Frozen(group.Moderation, l));
        var (changed, errors) = GroupRules.Validate(input, zips, text, l);
        if (changed is null) return Outcome.Invalid(errors);
        if (await db.Groups.AnyAsync(g => g.Id != groupId && g.Kind == changed.Kind && g.PlaceKey == changed.PlaceKey && g.NameSkeleton == changed.NameSkeleton, ct))
            return Outcome.Invalid(nameof(GroupInput.Name), l["Another group of this kind in this place already has that name. Choose another name."]);

        (group.Kind, group.Name, group.NameSkeleton, group.PlaceKey) = (changed.Kind, changed.Name, changed.NameSkeleton, changed.PlaceKey);
        (group.Description, group.DescriptionHtml) = (changed.Description, changed.DescriptionHtml);
        (group.Zip, group.City, group.State, group.Latitude, group.Longitude, group.RadiusMiles) =
            (changed.Zip, changed.City, changed.State, changed.Latitude, changed.Longitude, changed.RadiusMiles);
        audit.Record(actorId, "group.edit", "group", groupId, group.Name);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(nameof(GroupInput.Name), l["Another group of this kind in this place already has that name. Choose another name."]);
        }
        await cache.EvictByTagAsync(ServiceDefaults.GroupsTag, ct);
        return Outcome.Ok;
    }
}
