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

        // The People's Platform, two amendments (one co-signed), and a conversation on it whose map has groups and common ground.
        var platform = Assert.Single((await visitor.GetFromJsonAsync<Page<Grassroots.Features.Platform.DocumentSummary>>("/api/platform"))!.Items);
        Assert.Equal(("The People's Platform", 2), (platform.Title, platform.OpenAmendments));
        var doc = (await visitor.GetFromJsonAsync<Grassroots.Features.Platform.DocumentView>($"/api/platform/{platform.Slug}"))!;
        Assert.Equal(4, doc.Sections.Count);
        Assert.Equal(2, doc.Facilitators.Count);
        var amendments = (await visitor.GetFromJsonAsync<Page<Grassroots.Features.Platform.AmendmentSummary>>($"/api/platform/{platform.Slug}/amendments"))!.Items;
        Assert.Equal([3, 0], amendments.Select(a => a.Cosigners));
        var talk = Assert.Single((await visitor.GetFromJsonAsync<Page<Grassroots.Features.Conversations.ConversationSummary>>($"/api/conversations?document={platform.Id}"))!.Items);
        Assert.True(talk.Participants >= 40, $"{talk.Participants} participants");
        Assert.Equal(12, talk.Statements);
        var map = (await visitor.GetFromJsonAsync<Grassroots.Features.Conversations.OpinionMapView>($"/api/conversations/{talk.Slug}/map"))!;
        Assert.InRange(map.Groups.Count, 2, 5);
        Assert.Equal(talk.Votes, map.VotesSeen);
        Assert.Contains(map.Consensus, s => s.Text.StartsWith("Getting big money out of politics"));
        // The counters equal the rows (the numbered participants were written as an import writes them).
        var statements = (await visitor.GetFromJsonAsync<Page<Grassroots.Features.Conversations.StatementView>>($"/api/conversations/{talk.Slug}/statements?pageSize=50"))!.Items;
        Assert.Equal(talk.Votes, statements.Sum(s => s.Agrees + s.Disagrees + s.Passes));
        Assert.Contains("Getting big money", await visitor.GetStringAsync($"/conversations/{talk.Slug}/map"));
    }
}

public sealed class DemoSeedTests_Sqlite() : DemoSeedTests(DbKind.Sqlite);
public sealed class DemoSeedTests_Postgres() : DemoSeedTests(DbKind.Postgres);
