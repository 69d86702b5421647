using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Groups;

public abstract class GroupsApiTests(AppFactory app)
{
    private static object NewGroup(string name, string? zip = "19107", string kind = "Chapter", string description = "We organize **together**.") =>
        new { name, kind, zip, description };

    [Fact]
    public async Task Anyone_founds_a_group_at_once_and_becomes_its_organizer()
    {
        var (_, client) = await app.MemberAsync("Rosa Martínez");
        var name = $"Millennials {Guid.NewGuid():N}"[..30];
        var created = await client.PostAsJsonAsync("/api/groups", NewGroup(name, null, "Constituency"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = (await created.Content.ReadFromJsonAsync<GroupView>())!;
        Assert.Equal(name, group.Name);
        Assert.True(group.Nationwide);
        Assert.Equal(1, group.MemberCount);
        Assert.Equal(GroupRole.Organizer, group.MyRole);
        Assert.Contains("<strong>together</strong>", group.DescriptionHtml);

        var members = await client.GetFromJsonAsync<Page<GroupMemberView>>($"/api/groups/{group.Id}/members");
        var only = Assert.Single(members!.Items);
        Assert.Equal("Rosa", only.Name); // only the first name is public by default
        Assert.Equal(GroupRole.Organizer, only.Role);
    }

    [Fact]
    public async Task A_duplicate_name_in_the_same_kind_and_place_is_refused_with_a_clear_message()
    {
        var (_, client) = await app.MemberAsync();
        var name = $"Chapter {Guid.NewGuid():N}"[..24];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/groups", NewGroup(name))).StatusCode);
        var again = await client.PostAsJsonAsync("/api/groups", NewGroup(name.ToUpperInvariant()));
        var errors = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.Contains("already", errors["Name"][0]);
        // Same name, another city: allowed.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/groups", NewGroup(name, "53703"))).StatusCode);
    }

    [Fact]
    public async Task Chapters_of_one_name_founded_at_once_in_many_cities_each_get_their_own_address()
    {
        var name = $"Tenants Union {Guid.NewGuid():N}"[..22];
        var zips = app.Scoped(sp => sp.GetRequiredService<Grassroots.Infrastructure.Geo.ZipCodes>().All
            .DistinctBy(z => (z.State, z.City)).Take(30).Select(z => z.Zip).ToList());
        var founders = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.MemberAsync()));
        var answers = await Task.WhenAll(zips.Select((zip, i) => founders[i % founders.Length].Client.PostAsJsonAsync("/api/groups", NewGroup(name, zip))));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var slugs = await Task.WhenAll(answers.Select(async r => (await r.Content.ReadFromJsonAsync<GroupView>())!.Slug));
        Assert.Equal(zips.Count, slugs.Distinct().Count());
    }

    [Fact]
    public async Task Bad_group_input_gets_field_errors_and_nothing_is_stored()
    {
        var (_, client) = await app.MemberAsync();
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<Grassroots.Infrastructure.Data.AppDbContext>().Groups.CountAsync());
        var response = await client.PostAsJsonAsync("/api/groups", new
        {
            name = new string('x', 101), kind = "Chapter", zip = "00000",
            description = "<script>alert(1)</script>", radiusMiles = 9000,
        });
        var errors = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("at most 100", errors["Name"][0]);
        Assert.Contains("00000", errors["Zip"][0]);
        Assert.Contains("script", errors["Description"][0]);
        Assert.Contains("radius", errors["RadiusMiles"][0], StringComparison.OrdinalIgnoreCase);
        var after = await app.WithScopeAsync(sp => sp.GetRequiredService<Grassroots.Infrastructure.Data.AppDbContext>().Groups.CountAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_chapter_needs_a_place()
    {
        var (_, client) = await app.MemberAsync();
        var errors = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/groups", NewGroup("Nowhere chapter", null)), HttpStatusCode.BadRequest);
        Assert.True(errors.ContainsKey("Zip"));
    }

    [Fact]
    public async Task Members_join_and_leave_and_the_count_follows()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var (_, joiner) = await app.MemberAsync("Tom Novak");
        Assert.Equal(HttpStatusCode.NoContent, (await joiner.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await joiner.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode); // twice is harmless
        var view = await joiner.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}");
        Assert.Equal(2, view!.MemberCount);
        Assert.Equal(GroupRole.Member, view.MyRole);

        Assert.Equal(HttpStatusCode.NoContent, (await joiner.PostAsJsonAsync($"/api/groups/{group.Id}/leave", new { })).StatusCode);
        view = await joiner.GetFromJsonAsync<GroupView>($"/api/groups/{group.Slug}");
        Assert.Equal(1, view!.MemberCount);
        Assert.Null(view.MyRole);
    }

    [Fact]
    public async Task The_last_organizer_cannot_leave_without_naming_a_successor()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var (member, joiner) = await app.MemberAsync();
        await joiner.PostAsync($"/api/groups/{group.Id}/join", null);

        var refused = await founder.PostAsJsonAsync($"/api/groups/{group.Id}/leave", new { });
        var errors = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("last organizer", errors["successorId"][0]);

        var ok = await founder.PostAsJsonAsync($"/api/groups/{group.Id}/leave", new { successorId = member.Id });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var view = await joiner.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}");
        Assert.Equal(GroupRole.Organizer, view!.MyRole);
        Assert.Equal(1, view.MemberCount);
    }

    [Fact]
    public async Task Organizers_leaving_at_the_same_time_never_leave_the_group_without_one()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var organizers = new List<HttpClient> { founder };
        for (var i = 0; i < 5; i++)
        {
            var (m, c) = await app.MemberAsync();
            await c.PostAsync($"/api/groups/{group.Id}/join", null);
            Assert.Equal(HttpStatusCode.NoContent, (await founder.PostAsJsonAsync($"/api/groups/{group.Id}/organizers", new { memberId = m.Id })).StatusCode);
            organizers.Add(c);
        }
        var results = await Task.WhenAll(organizers.Select(c => c.PostAsJsonAsync($"/api/groups/{group.Id}/leave", new { })));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.BadRequest, r.StatusCode.ToString()));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.BadRequest));

        var (remaining, count) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Grassroots.Infrastructure.Data.AppDbContext>();
            return (await db.Memberships.CountAsync(m => m.GroupId == group.Id && m.Role == GroupRole.Organizer),
                    await db.Groups.Where(g => g.Id == group.Id).Select(g => g.MemberCount).SingleAsync());
        });
        Assert.Equal(1, remaining);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Parallel_joins_count_every_member_exactly_once()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var joiners = new List<HttpClient>();
        for (var i = 0; i < 20; i++) joiners.Add((await app.MemberAsync()).Client);
        var results = await Task.WhenAll(joiners.SelectMany(c => new[] { c, c }).Select(c => c.PostAsync($"/api/groups/{group.Id}/join", null)));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var view = await founder.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}");
        Assert.Equal(21, view!.MemberCount);
        var page = await founder.GetFromJsonAsync<Page<GroupMemberView>>($"/api/groups/{group.Id}/members?pageSize=100");
        Assert.Equal(21, page!.Total);
    }

    [Fact]
    public async Task Only_organizers_add_organizers_and_message_members()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var (member, joiner) = await app.MemberAsync();
        await joiner.PostAsync($"/api/groups/{group.Id}/join", null);
        await ProblemAssert.IsProblemAsync(await joiner.PostAsJsonAsync($"/api/groups/{group.Id}/organizers", new { memberId = member.Id }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await joiner.PostAsJsonAsync($"/api/groups/{group.Id}/messages", new { subject = "Hi", body = "Hello" }), HttpStatusCode.Forbidden);
        var (stranger, _) = await app.MemberAsync();
        var errors = await ProblemAssert.IsProblemAsync(await founder.PostAsJsonAsync($"/api/groups/{group.Id}/organizers", new { memberId = stranger.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("member of the group", errors["memberId"][0]);
    }

    [Fact]
    public async Task An_organizer_message_reaches_every_member_through_the_smtp_server_without_revealing_addresses()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var (member, joiner) = await app.MemberAsync();
        await joiner.PostAsync($"/api/groups/{group.Id}/join", null);
        var subject = $"Canvass on Saturday {Guid.NewGuid():N}";
        var sent = await founder.PostAsJsonAsync($"/api/groups/{group.Id}/messages", new { subject, body = "Meet at 10am at the library." });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(1, (await sent.Content.ReadFromJsonAsync<Grassroots.Features.Messages.MessageSent>())!.Recipients); // the members; the organizer keeps it in the archive
        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject?.Contains(subject) == true);
        Assert.Contains("Meet at 10am", mail.TextBody);
        Assert.Single(mail.To.Mailboxes); // one message per member: nobody sees the others' addresses
    }

    [Fact]
    public async Task Group_messages_are_signed_with_the_organizers_public_name()
    {
        var (_, founder) = await app.MemberAsync("Ana Torres-Quintero"); // shows only her first name (the default)
        var group = await CreateAsync(founder);
        var (member, joiner) = await app.MemberAsync();
        await joiner.PostAsync($"/api/groups/{group.Id}/join", null);
        var subject = $"Signed {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await founder.PostAsJsonAsync($"/api/groups/{group.Id}/messages", new { subject, body = "See you there." })).StatusCode);
        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject?.Contains(subject) == true);
        Assert.Contains("— Ana, ", mail.TextBody);
        Assert.DoesNotContain("Torres-Quintero", mail.TextBody);
    }

    [Theory]
    [InlineData("Millennials for B\u0435rnie")]      // Cyrillic е
    [InlineData("Millennials\u200B for Bernie")]     // zero-width space
    [InlineData("Millennials for \u202EBernie")]     // right-to-left override
    [InlineData("\uFF2D\uFF49\uFF4C\uFF4C\uFF45\uFF4E\uFF4E\uFF49\uFF41\uFF4C\uFF53 for Bernie")] // fullwidth
    [InlineData("MILLENNIALS FOR BERNIE")]           // case
    [InlineData("M\u0456llenni\u0430ls for Bernie")] // Cyrillic і and а
    [InlineData("Millennials\u034F for Bernie")]     // combining grapheme joiner
    [InlineData("Millennials for Bernie\uFE0F")]     // variation selector
    [InlineData("Millennials\u180B for Bernie")]     // Mongolian variation selector
    [InlineData("Millennials for Be\u17B4rnie")]     // invisible Khmer vowel
    [InlineData("Millennials \u3164for Bernie")]     // Hangul filler (a wide blank)
    [InlineData("Millennials\u2800for Bernie")]      // braille blank in place of the space
    public async Task A_look_alike_of_a_groups_name_is_the_same_name(string escaped)
    {
        var (_, client) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/groups", NewGroup($"Millennials for Bernie {tag}", null, "Constituency"))).StatusCode);
        var lookalike = System.Text.RegularExpressions.Regex.Unescape(escaped) + " " + tag;
        var errors = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/groups", NewGroup(lookalike, null, "Constituency")), HttpStatusCode.BadRequest);
        Assert.Contains("already", errors["Name"][0]);
    }

    [Fact]
    public async Task Names_are_stored_without_invisible_characters_or_fullwidth_forms()
    {
        var (_, client) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var created = await client.PostAsJsonAsync("/api/groups", NewGroup($"\uFF2Eurses\u200D for\u202E Care {tag}", null, "Issue"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"Nurses for Care {tag}", (await created.Content.ReadFromJsonAsync<GroupView>())!.Name);
    }

    [Fact]
    public async Task Parallel_look_alike_names_found_one_group()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] variants = ["Millennials for Bernie", "Millennials for B\u0435rnie", "Millennials\u200B for Bernie", "MILLENNIALS FOR BERNIE", "Millennials  for  Bernie", "\uFF2Dillennials for Bernie"];
        var clients = new List<HttpClient>();
        foreach (var _ in variants) clients.Add((await app.MemberAsync()).Client);
        var results = await Task.WhenAll(variants.Select((v, i) => clients[i].PostAsJsonAsync("/api/groups", NewGroup(System.Text.RegularExpressions.Regex.Unescape(v) + " " + tag, null, "Constituency"))));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task Organizers_edit_the_group_and_its_address_stays()
    {
        var (_, founder) = await app.MemberAsync();
        var group = await CreateAsync(founder);
        var (_, member) = await app.MemberAsync();
        await member.PostAsync($"/api/groups/{group.Id}/join", null);
        var change = new { name = group.Name + " United", kind = "Chapter", zip = "19107", description = "New *plans*.", radiusMiles = 10 };

        await ProblemAssert.IsProblemAsync(await member.PutAsJsonAsync($"/api/groups/{group.Id}", change), HttpStatusCode.Forbidden);
        var edited = await founder.PutAsJsonAsync($"/api/groups/{group.Id}", change);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var view = (await edited.Content.ReadFromJsonAsync<GroupView>())!;
        Assert.Equal((group.Name + " United", group.Slug, 10), (view.Name, view.Slug, view.RadiusMiles));
        Assert.Contains("<em>plans</em>", view.DescriptionHtml);

        var other = await CreateAsync(founder);
        var clash = await founder.PutAsJsonAsync($"/api/groups/{other.Id}", change);
        var errors = await ProblemAssert.IsProblemAsync(clash, HttpStatusCode.BadRequest);
        Assert.Contains("already has that name", errors["Name"][0]);
        var bad = await ProblemAssert.IsProblemAsync(await founder.PutAsJsonAsync($"/api/groups/{other.Id}", new { name = "", kind = "Chapter" }), HttpStatusCode.BadRequest);
        Assert.True(bad.ContainsKey("Name") && bad.ContainsKey("Zip"));
        Assert.Equal(other.Name, (await founder.GetFromJsonAsync<GroupView>($"/api/groups/{other.Id}"))!.Name);
    }

    [Fact]
    public async Task Visitors_can_read_but_not_write()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/groups", NewGroup("X"))).StatusCode);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/groups/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_directory_finds_groups_near_a_zip_sorted_by_distance()
    {
        var (_, client) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(client, $"Center City {tag}", "19107");   // Philadelphia
        await CreateAsync(client, $"Camden {tag}", "08102");        // across the river, ~2 mi
        await CreateAsync(client, $"Trenton {tag}", "08608");       // ~30 mi
        await CreateAsync(client, $"Madison {tag}", "53703");       // far away

        var near = await client.GetFromJsonAsync<Page<GroupSummary>>($"/api/groups?near=19106&within=25&q={tag}");
        Assert.Equal([$"Center City {tag}", $"Camden {tag}"], near!.Items.Select(g => g.Name).ToArray());
        Assert.All(near.Items, g => Assert.InRange(g.DistanceMiles!.Value, 0, 25));

        var wider = await client.GetFromJsonAsync<Page<GroupSummary>>($"/api/groups?near=19106&within=50&q={tag.ToUpperInvariant()}");
        Assert.Equal(3, wider!.Total);

        var paged = await client.GetFromJsonAsync<Page<GroupSummary>>($"/api/groups?q={tag}&pageSize=2&page=2");
        Assert.Equal(4, paged!.Total);
        Assert.Equal(2, paged.Items.Count);
        Assert.Equal(2, paged.PageCount);
    }

    [Fact]
    public async Task A_visitors_cached_search_shows_a_new_group_at_once()
    {
        var visitor = app.CreateClient();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var url = $"/api/groups?q={tag}";
        Assert.Equal(0, (await visitor.GetFromJsonAsync<Page<GroupSummary>>(url))!.Total);
        Assert.Equal(0, (await visitor.GetFromJsonAsync<Page<GroupSummary>>(url))!.Total); // served from the cache
        var (_, member) = await app.MemberAsync();
        await CreateAsync(member, $"Cached {tag}");
        Assert.Equal(1, (await visitor.GetFromJsonAsync<Page<GroupSummary>>(url))!.Total); // founding evicted it
        Assert.Contains($"Cached {tag}", await visitor.GetStringAsync($"/groups?q={tag}"));
    }

    [Fact]
    public async Task The_directory_rejects_an_unknown_zip_and_bad_parameters_with_problem_json()
    {
        var client = app.CreateClient();
        var errors = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/groups?near=99999"), HttpStatusCode.BadRequest);
        Assert.Contains("99999", errors["near"][0]);
        errors = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/groups?near=19107&within=0&sort=sideways"), HttpStatusCode.BadRequest);
        Assert.True(errors.ContainsKey("within") && errors.ContainsKey("sort"));
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/groups?page=abc"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/groups?kind=Dinosaurs"), HttpStatusCode.BadRequest);
    }

    private async Task<GroupView> CreateAsync(HttpClient client, string? name = null, string zip = "19107")
    {
        var response = await client.PostAsJsonAsync("/api/groups", NewGroup(name ?? $"Group {Guid.NewGuid():N}"[..30], zip));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GroupView>())!;
    }
}

public sealed class GroupsApiTests_Sqlite(SqliteApp app) : GroupsApiTests(app), IClassFixture<SqliteApp>;
public sealed class GroupsApiTests_Postgres(PostgresApp app) : GroupsApiTests(app), IClassFixture<PostgresApp>;
