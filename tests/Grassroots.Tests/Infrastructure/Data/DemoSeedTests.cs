using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;

namespace Grassroots.Tests.Infrastructure.Data;

/// <summary>A first visitor of a new installation finds a small movement to look at: groups, projects with needs, events.</summary>
public abstract class DemoSeedTests(DbKind kind)
{
    private sealed class DemoApp(DbKind kind) : AppFactory(kind)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:SeedDemo"] = "true" };
    }

    [Fact]
    public async Task An_empty_database_gets_the_demo_groups_and_projects_through_the_founding_rules()
    {
        await using var app = new DemoApp(kind);
        await app.InitializeAsync();
        var visitor = app.CreateClient();
        Assert.Equal(10, (await visitor.GetFromJsonAsync<Page<GroupSummary>>("/api/groups?pageSize=50"))!.Total);
        var projects = (await visitor.GetFromJsonAsync<Page<ProjectSummary>>("/api/projects"))!;
        Assert.Equal(3, projects.Total);
        var mural = await visitor.GetFromJsonAsync<ProjectView>($"/api/projects/{projects.Items.Single(p => p.Title.StartsWith("Community mural")).Slug}");
        Assert.Equal(("Philadelphia Chapter", 3), (mural!.GroupName, mural.Needs.Count));
        Assert.Contains(mural.Needs, n => n.Kind == NeedKind.Money && n.Quantity == 30_000);
        // Events in the coming weeks, on the map near their ZIPs, two of them under a house-party weekend.
        Assert.Equal(6, (await visitor.GetFromJsonAsync<Page<Grassroots.Features.Events.EventSummary>>("/api/events"))!.Total);
        Assert.Single((await visitor.GetFromJsonAsync<Page<Grassroots.Features.Events.EventSummary>>("/api/events?zip=19107&miles=25"))!.Items);
        var weekend = Assert.Single((await visitor.GetFromJsonAsync<Page<Grassroots.Features.Events.CampaignSummary>>("/api/campaigns"))!.Items);
        Assert.Equal(2, weekend.Events);
    }
}

public sealed class DemoSeedTests_Sqlite() : DemoSeedTests(DbKind.Sqlite);
public sealed class DemoSeedTests_Postgres() : DemoSeedTests(DbKind.Postgres);
