using System.Security.Claims;
using FluentValidation;
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
public sealed class Editing(AppDbContext db, ZipCodes zips, UserText text, IValidator<GroupInput> validator, Access access, AuditLog audit,
    IOutputCacheStore cache, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> EditAsync(ClaimsPrincipal actor, Guid groupId, GroupInput input, CancellationToken ct)
    {
        // Frozen while a jury reviews it (and after a removal): the jurors judge what was flagged, not a cleaned-up copy.
        if (await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var actorId = actor.RequiredMemberId();
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return Outcome.Invalid(FieldErrors.From(validation));
        var changed = GroupRules.Build(input, zips, text);
        // Loaded only while the actor still organizes it and no jury froze it in the meantime.
        var group = await db.Groups.Where(g => g.Id == groupId).Where(GroupPolicies.OrganizedBy(db.Memberships, actorId)).SingleOrDefaultAsync(ct);
        if (group is null) return Outcome.Refused(l["Only the group's organizers may do that."]);
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
        await cache.EvictByTagAsync(GroupsModule.DirectoryTag, ct);
        return Outcome.Ok;
    }
}
