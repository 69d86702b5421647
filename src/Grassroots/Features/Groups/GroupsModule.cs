using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

public static class GroupsModule
{
    public static IServiceCollection AddGroups(this IServiceCollection services) => services
        .AddScoped<Founding>()
        .AddScoped<Editing>()
        .AddScoped<Roster>()
        .AddScoped<GroupDirectory>()
        .AddScoped<GroupDetails>()
        .AddScoped<IFlaggableContent, FlaggableGroup>()
        .AddScoped<Members.IAccountDeletionStep, LeavingGroups>()
        .AddScoped<Members.IPersonalData, GroupsPersonalData>()
        .AddScoped<Infrastructure.Data.IDemoSeedStep, DemoGroups>();

    public static IEndpointRouteBuilder MapGroups(this IEndpointRouteBuilder app) => app.MapGroupsApi();
}

/// <summary>Groups can be flagged; their organizers see the flags.</summary>
internal sealed class FlaggableGroup(AppDbContext db, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache) : IFlaggableContent
{
    public string ContentType => "group";

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct) =>
        Guid.TryParse(contentId, out var id)
            ? await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new FlagTarget(g.Name, "/groups/" + g.Slug, g.Id,
                db.Memberships.Where(m => m.GroupId == g.Id && m.Role == GroupRole.Organizer).Select(m => m.MemberId).ToList())).SingleOrDefaultAsync(ct)
            : null;

    public async Task SetHiddenAsync(string contentId, bool hidden, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return;
        DateTimeOffset? at = hidden ? clock.GetUtcNow() : null;
        await db.Groups.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.HiddenAt, at), ct);
        await cache.EvictByTagAsync(Grassroots.Infrastructure.Web.ServiceDefaults.GroupsTag, ct); // visitors' cached searches must not show it

    }
}
