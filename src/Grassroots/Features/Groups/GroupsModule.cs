using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

public static class GroupsModule
{
    /// <summary>The output-cache policy of visitors' directory searches (the directory page, its API, the front page).</summary>
    public const string DirectoryCache = "directory";
    /// <summary>What founding, editing or hiding a group evicts from that cache.</summary>
    public const string DirectoryTag = "groups";

    public static IHostApplicationBuilder AddGroups(this IHostApplicationBuilder builder)
    {
        var caching = builder.Configuration.GetSection(DirectoryCacheOptions.Section).Get<DirectoryCacheOptions>() ?? new();
        builder.Services.AddOutputCache(o => o.AddPolicy(DirectoryCache, b =>
        {
            // Visitors' directory searches: the same question from many people gets one answer for a few
            // seconds. Signed-in requests are never cached (the default policy), new and edited groups
            // evict the entries at once; member counts may lag by up to the expiry.
            if (caching.DirectorySeconds <= 0) { b.NoCache(); return; }
            b.Expire(TimeSpan.FromSeconds(caching.DirectorySeconds))
             .SetVaryByQuery("q", "kind", "near", "within", "sort", "page", "pageSize")
             .VaryByValue(_ => new KeyValuePair<string, string>("culture", System.Globalization.CultureInfo.CurrentUICulture.Name))
             .Tag(DirectoryTag);
        }));
        builder.Services.AddGroupServices();
        return builder;
    }

    private static IServiceCollection AddGroupServices(this IServiceCollection services) => services
        .AddGroupPolicies()
        .AddScoped<Founding>()
        .AddScoped<Home.IHomeSection, MyGroupsSection>()
        .AddScoped<Editing>()
        .AddScoped<Roster>()
        .AddScoped<GroupDirectory>()
        .AddScoped<GroupDetails>()
        .AddScoped<IFlaggableContent, FlaggableGroup>()
        .AddScoped<Members.IAccountDeletionStep, LeavingGroups>()
        .AddScoped<Members.IPersonalData, GroupsPersonalData>()
        .AddScoped<Infrastructure.Data.IDemoSeedStep, DemoGroups>()
        .AddHostedService<GroupNameSkeletons>();

    public static IEndpointRouteBuilder MapGroups(this IEndpointRouteBuilder app) => app.MapGroupsApi();
}

/// <summary>
/// Groups can be flagged; their organizers see the flags, are its authors for moderation and are
/// told the jury's decision. The state is stored on the group; Details, the API and Roster apply it.
/// </summary>
internal sealed class FlaggableGroup(AppDbContext db, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache) : IFlaggableContent
{
    public string ContentType => "group";

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var g = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Name, g.Slug,
            Organizers = db.Memberships.Where(m => m.GroupId == g.Id && m.Role == GroupRole.Organizer).Select(m => m.MemberId).ToList() }).SingleOrDefaultAsync(ct);
        // The canonical id is formatted here, not in SQL (SQLite would answer its stored upper-case text).
        return g is null ? null : new FlagTarget(id.ToString(), g.Name, "/groups/" + g.Slug, id, g.Organizers);
    }

    public async Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct)
    {
        var groupId = Guid.Parse(id);
        DateTimeOffset? hiddenAt = state == ContentModeration.Visible ? null : clock.GetUtcNow();
        await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.Moderation, state).SetProperty(g => g.HiddenAt, hiddenAt), ct);
        await cache.EvictByTagAsync(GroupsModule.DirectoryTag, ct); // visitors' cached searches must not show it
    }
}

public sealed class DirectoryCacheOptions
{
    public const string Section = "Caching";
    /// <summary>How long a visitor's directory search is served from memory; 0 turns the cache off.</summary>
    public int DirectorySeconds { get; set; } = 15;
}
