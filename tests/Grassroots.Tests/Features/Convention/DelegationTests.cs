using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Convention;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Grassroots.Tests.Features.Convention.ConventionTests;

namespace Grassroots.Tests.Features.Convention;

/// <summary>
/// Delegates by a published rule: seats shared among groups in proportion to their confirmed members, named by
/// each group's organizers, delegates once they accept. Each test runs on a database of its own: the allocation
/// counts every group there is.
/// </summary>
public abstract class DelegationTests(DbKind kind)
{
    private static async Task<GroupView> GroupAsync(HttpClient organizer, string name)
    {
        var r = await organizer.PostAsJsonAsync("/api/groups", new { name = $"{name} {Guid.NewGuid():N}"[..(name.Length + 7)], kind = "Issue" });
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<GroupView>(Json))!;
    }

    /// <summary>Members added straight to the database (the sign-up and join flows have their own tests): confirmed unless said otherwise.</summary>
    private static Task<List<Guid>> AddMembersAsync(AppFactory app, Guid groupId, int n, bool confirmed = true) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<Member>>();
        var db = sp.GetRequiredService<AppDbContext>();
        var ids = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            var email = $"d{Guid.NewGuid():N}@example.org";
            var m = new Member { UserName = email, Email = email, EmailConfirmed = confirmed, DisplayName = $"Member {i}", CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(m)).Succeeded);
            db.Memberships.Add(new Membership { GroupId = groupId, MemberId = m.Id, Role = GroupRole.Member, JoinedAt = DateTimeOffset.UtcNow });
            ids.Add(m.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    });

    private static Task<HttpResponseMessage> NameAsync(HttpClient organizer, AssemblyView a, GroupView g, Guid memberId) =>
        organizer.PostAsJsonAsync($"/api/assemblies/{a.Id}/delegations/{g.Id}/delegates", new { memberId });

    private static async Task<AllocationView> PublishAsync(HttpClient creator, AssemblyView a, int seats, int minimumMembers)
    {
        var r = await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/allocation", new { seats, minimumMembers });
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<AllocationView>(Json))!;
    }

    private static async Task<bool> CredentialedAsync(AppFactory app, AssemblyView a, Guid memberId) =>
        (await app.CreateClient().GetFromJsonAsync<Roll>($"/api/assemblies/{a.Id}/roll?pageSize=100", Json))!.Members.Items.Any(m => m.MemberId == memberId && m.Credentialed);

    [Fact]
    public async Task Seats_follow_the_published_rule_organizers_name_delegates_and_a_delegate_votes_once_they_accept()
    {
        await using var app = new AppFactory(kind);
        await app.InitializeAsync();
        var (_, creator) = await app.MemberAsync("Convention Creator");
        var a = await CreateAsync(creator, Assembly(rule: "Delegates"));
        var (organizerAMember, organizerA) = await app.MemberAsync("Organizer A");
        var (_, organizerB) = await app.MemberAsync("Organizer B");
        var groupA = await GroupAsync(organizerA, "Philly");
        var groupB = await GroupAsync(organizerB, "Pittsburgh");
        var groupC = await GroupAsync((await app.MemberAsync()).Client, "Erie");
        var inA = await AddMembersAsync(app, groupA.Id, 8);      // 9 confirmed with the organizer
        await AddMembersAsync(app, groupA.Id, 3, confirmed: false); // not counted
        var (delegateB, delegateClient) = await app.MemberAsync("Dana Delegate");
        Assert.Equal(HttpStatusCode.NoContent, (await delegateClient.PostAsync($"/api/groups/{groupB.Id}/join", null)).StatusCode);
        await AddMembersAsync(app, groupB.Id, 4);                // 6 confirmed
        await AddMembersAsync(app, groupC.Id, 2);                // 3: under the threshold

        // Only creators publish, with seats and a threshold that make sense.
        await ProblemAssert.IsProblemAsync(await organizerA.PostAsJsonAsync($"/api/assemblies/{a.Id}/allocation", new { seats = 4, minimumMembers = 4 }), HttpStatusCode.Forbidden);
        var bad = await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/allocation", new { seats = 0, minimumMembers = -1 }), HttpStatusCode.BadRequest);
        Assert.Contains("seats", bad.Keys);
        Assert.Contains("minimumMembers", bad.Keys);
        Assert.Null((await app.CreateClient().GetFromJsonAsync<AllocationView>($"/api/assemblies/{a.Id}/allocation", Json))!.Seats);

        // 4 seats among 15 members: Philly's exact share is 2.4, Pittsburgh's 1.6. Whole parts 2 and 1; the seat left goes
        // to the larger fraction, Pittsburgh's .6. The 3 unconfirmed members and Erie (3 members, under 4) count for nothing.
        var table = await PublishAsync(creator, a, seats: 4, minimumMembers: 4);
        Assert.Equal(4, table.Seats);
        Assert.Equal(2, table.Groups);
        Assert.Equal(15, table.Members);
        var philly = table.Table.Items.Single(r => r.GroupId == groupA.Id);
        var pittsburgh = table.Table.Items.Single(r => r.GroupId == groupB.Id);
        Assert.Equal((9, 2.4m, 2), (philly.Members, philly.Quota, philly.Seats));
        Assert.Equal((6, 1.6m, 2), (pittsburgh.Members, pittsburgh.Quota, pittsburgh.Seats));
        Assert.DoesNotContain(table.Table.Items, r => r.GroupId == groupC.Id);
        // Each organizer of a group with seats is told where to name its delegates.
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.AnyAsync(n =>
            n.MemberId == organizerAMember.Id && n.Kind == NoticeKind.AssemblyInvitation && n.Link == $"/assemblies/{a.Slug}/delegates")));

        // Only the group's organizers name, and only the group's own confirmed members, each once.
        Assert.Equal(HttpStatusCode.Forbidden, (await NameAsync(delegateClient, a, groupB, delegateB.Id)).StatusCode);
        Assert.Contains("memberId", (await ProblemAssert.IsProblemAsync(await NameAsync(organizerB, a, groupB, inA[0]), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await NameAsync(organizerB, a, groupC, delegateB.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await NameAsync(organizerB, a, groupB, delegateB.Id)).StatusCode);
        Assert.Contains("memberId", (await ProblemAssert.IsProblemAsync(await NameAsync(organizerB, a, groupB, delegateB.Id), HttpStatusCode.BadRequest)).Keys);

        // Named is not yet a delegate: the public sees no one, the organizers and the person named see the naming; they were told.
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<DelegationView>($"/api/assemblies/{a.Id}/delegations/{groupB.Id}", Json))!.Delegates);
        Assert.False((await organizerB.GetFromJsonAsync<DelegationView>($"/api/assemblies/{a.Id}/delegations/{groupB.Id}", Json))!.Delegates.Single().Accepted);
        var mine = (await delegateClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Slug}", Json))!.Me!;
        Assert.Equal(groupB.Name, mine.DelegateOf);
        Assert.False(mine.DelegateAccepted);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.AnyAsync(n => n.MemberId == delegateB.Id && n.Kind == NoticeKind.AssemblyInvitation)));
        // Nor does the public log or table say who: the log names the group, the table counts only who accepted; a
        // stranger's withdrawal is refused alike whether or not someone was named.
        var publicLog = await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Id}/log?pageSize=100");
        Assert.Contains("delegate.named", publicLog);
        Assert.DoesNotContain("Dana", publicLog);
        Assert.DoesNotContain("\"named\"", await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Id}/allocation"));
        Assert.Equal(HttpStatusCode.Forbidden, (await organizerA.DeleteAsync($"/api/assemblies/{a.Id}/delegations/{groupB.Id}/delegates/{delegateB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizerA.DeleteAsync($"/api/assemblies/{a.Id}/delegations/{groupB.Id}/delegates/{inA[0]}")).StatusCode);
        // Withdrawn and named again at once: told once a day, not once a naming (no mailbox flooding).
        Assert.Equal(HttpStatusCode.NoContent, (await organizerB.DeleteAsync($"/api/assemblies/{a.Id}/delegations/{groupB.Id}/delegates/{delegateB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await NameAsync(organizerB, a, groupB, delegateB.Id)).StatusCode);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.CountAsync(n => n.MemberId == delegateB.Id && n.Kind == NoticeKind.AssemblyInvitation)));

        // Registered, the named member is still not on the roll until they accept; then a vote's roll calls them.
        await RegisterAsync(delegateClient, a);
        Assert.False(await CredentialedAsync(app, a, delegateB.Id));
        Assert.Contains("accept", (await ProblemAssert.IsProblemAsync(await delegateClient.PostAsJsonAsync($"/api/assemblies/{a.Id}/delegate", new { }), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(HttpStatusCode.NoContent, (await delegateClient.PostAsJsonAsync($"/api/assemblies/{a.Id}/delegate", new { accept = true })).StatusCode);
        Assert.True(await CredentialedAsync(app, a, delegateB.Id));
        var motion = await MotionAsync(creator, a, YesNo());
        await OpenAsync(creator, a, motion);
        Assert.Equal(1, (await app.CreateClient().GetFromJsonAsync<MotionView>($"/api/assemblies/{a.Slug}/motions/{motion.Number}", Json))!.Roll);
        Assert.Equal(HttpStatusCode.Created, (await VoteAsync(delegateClient, a, motion, "yes")).StatusCode);
        Assert.True((await app.CreateClient().GetFromJsonAsync<DelegationView>($"/api/assemblies/{a.Id}/delegations/{groupB.Id}", Json))!.Delegates.Single().Accepted);
        Assert.Contains("Dana", await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Id}/log?pageSize=100")); // public once accepted

        // Ten namings at once for Philly's two seats: two stand, eight are told every seat is named.
        var (_, otherOrganizer) = await app.MemberAsync("Second Organizer A");
        var answers = await Task.WhenAll(inA.Take(10).Select(id => NameAsync(organizerA, a, groupA, id)));
        Assert.Equal(2, answers.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.All(answers.Where(r => r.StatusCode != HttpStatusCode.NoContent), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(2, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DelegateNominations.CountAsync(n => n.AssemblyId == a.Id && n.GroupId == groupA.Id)));

        // Published again with 2 seats (Philly 1.2 → 1, Pittsburgh 0.8 → 0, the seat left to .8): Philly's second naming
        // is withdrawn, and the log says so.
        table = await PublishAsync(creator, a, seats: 2, minimumMembers: 4);
        Assert.Equal([1, 1], new[] { table.Table.Items.Single(r => r.GroupId == groupA.Id).Seats, table.Table.Items.Single(r => r.GroupId == groupB.Id).Seats });
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DelegateNominations.CountAsync(n => n.AssemblyId == a.Id && n.GroupId == groupA.Id)));
        var log = (await app.CreateClient().GetFromJsonAsync<Grassroots.Infrastructure.Web.Page<AssemblyLogView>>($"/api/assemblies/{a.Id}/log?pageSize=100", Json))!.Items;
        Assert.Equal(2, log.Count(e => e.Action == "allocation.published"));
        Assert.Contains(log, e => e.Action == "delegate.accepted" && e.Detail.Contains(groupB.Name));
        Assert.Contains(log, e => e.Action == "delegate.withdrawn");

        // A delegate who leaves the group that named them is no longer credentialed; back in the group, they are again.
        Assert.Equal(HttpStatusCode.NoContent, (await delegateClient.PostAsJsonAsync($"/api/groups/{groupB.Id}/leave", new { })).StatusCode);
        Assert.False(await CredentialedAsync(app, a, delegateB.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await delegateClient.PostAsync($"/api/groups/{groupB.Id}/join", null)).StatusCode);
        Assert.True(await CredentialedAsync(app, a, delegateB.Id));

        // The organizer withdraws the delegate: no longer credentialed. The committee's word still overrides either way.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOrganizer.DeleteAsync($"/api/assemblies/{a.Id}/delegations/{groupB.Id}/delegates/{delegateB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await organizerB.DeleteAsync($"/api/assemblies/{a.Id}/delegations/{groupB.Id}/delegates/{delegateB.Id}")).StatusCode);
        Assert.False(await CredentialedAsync(app, a, delegateB.Id));
    }

    /// <summary>
    /// Registering in person used to RSVP to the venue under a key anyone could predict ("assembly:{id}"); a guest RSVP
    /// to any event with that key and the member's address planted it, and the member's RSVP silently failed.
    /// </summary>
    [Fact]
    public async Task A_key_planted_by_someone_else_does_not_keep_a_member_off_the_venue_s_list()
    {
        await using var app = new AppFactory(kind);
        await app.InitializeAsync();
        var (_, host) = await app.MemberAsync("Hall Host");
        var venue = await EventsHelper.CreateAsync(host);
        var elsewhere = await EventsHelper.CreateAsync(host);
        var a = await CreateAsync(host, Assembly(eventId: venue));
        var (victim, victimClient) = await app.MemberAsync("Vic Victim");
        var planted = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{elsewhere}/rsvps") { Content = JsonContent.Create(new { name = "Not Vic", email = victim.Email }) };
        planted.Headers.Add("Idempotency-Key", $"assembly:{a.Id:N}");
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().SendAsync(planted)).StatusCode);

        await RegisterAsync(victimClient, a, "InPerson");
        Assert.NotNull((await victimClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Slug}", Json))!.Me!.VenueRsvpId);
    }

    /// <summary>Naming delegates is organizing the group: a group a jury froze names no one (its organizers may still withdraw).</summary>
    [Fact]
    public async Task Organizers_of_a_group_a_jury_froze_cannot_name_delegates_but_may_withdraw_them()
    {
        await using var app = new AppFactory(kind);
        await app.InitializeAsync();
        var (_, creator) = await app.MemberAsync();
        var a = await CreateAsync(creator, Assembly(rule: "Delegates"));
        var (_, organizer) = await app.MemberAsync("Frozen Organizer");
        var group = await GroupAsync(organizer, "Tacoma");
        var members = await AddMembersAsync(app, group.Id, 4);
        await PublishAsync(creator, a, seats: 2, minimumMembers: 2);
        Assert.Equal(HttpStatusCode.NoContent, (await NameAsync(organizer, a, group, members[0])).StatusCode);
        Assert.True((await organizer.GetFromJsonAsync<DelegationView>($"/api/assemblies/{a.Id}/delegations/{group.Id}", Json))!.Organizer);

        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Groups.Where(g => g.Id == group.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Moderation, Grassroots.Features.Moderation.ContentModeration.UnderReview)));
        var refused = await NameAsync(organizer, a, group, members[1]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("jury", await refused.Content.ReadAsStringAsync());
        Assert.False((await organizer.GetFromJsonAsync<DelegationView>($"/api/assemblies/{a.Id}/delegations/{group.Id}", Json))!.Organizer);
        Assert.Equal(HttpStatusCode.NoContent, (await organizer.DeleteAsync($"/api/assemblies/{a.Id}/delegations/{group.Id}/delegates/{members[0]}")).StatusCode);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DelegateNominations.CountAsync(n => n.AssemblyId == a.Id)));
    }

    [Fact]
    public async Task The_allocation_is_for_delegate_assemblies_and_fixed_once_the_assembly_starts()
    {
        await using var app = new AppFactory(kind);
        await app.InitializeAsync();
        var (_, creator) = await app.MemberAsync();
        var everyone = await CreateAsync(creator, Assembly());
        Assert.Contains("seats", (await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync($"/api/assemblies/{everyone.Id}/allocation", new { seats = 4, minimumMembers = 1 }), HttpStatusCode.BadRequest)).Keys);
        var started = await CreateAsync(creator, new
        {
            name = "Started already", startsAt = DateTime.UtcNow.AddHours(-1), endsAt = DateTime.UtcNow.AddHours(5), timeZone = "America/New_York", credentialRule = "Delegates",
        });
        Assert.Contains("seats", (await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync($"/api/assemblies/{started.Id}/allocation", new { seats = 4, minimumMembers = 1 }), HttpStatusCode.BadRequest)).Keys);
        // No group qualifies: a published table with no seats given, not an error.
        var empty = await CreateAsync(creator, Assembly(rule: "Delegates"));
        var table = await PublishAsync(creator, empty, seats: 10, minimumMembers: 50);
        Assert.Equal(0, table.Groups);
        Assert.Empty(table.Table.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/assemblies/{Guid.NewGuid()}/allocation")).StatusCode);
    }

    [Fact]
    public async Task The_delegates_page_publishes_the_table_organizers_name_there_and_the_delegate_accepts_in_english_and_spanish()
    {
        await using var app = new AppFactory(kind);
        await app.InitializeAsync();
        var (creatorMember, creatorApi) = await app.MemberAsync("Carla Creator");
        var a = await CreateAsync(creatorApi, Assembly(rule: "Delegates"));
        var (organizerMember, organizerApi) = await app.MemberAsync("Omar Organizer");
        var group = await GroupAsync(organizerApi, "Camden");
        var (nominee, nomineeApi) = await app.MemberAsync("Nia Nominee");
        Assert.Equal(HttpStatusCode.NoContent, (await nomineeApi.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        await AddMembersAsync(app, group.Id, 2);
        var page = $"/assemblies/{a.Slug}/delegates";

        var creator = await app.BrowserAsync(creatorMember);
        var refused = await Forms.SubmitAsync(creator, page, new Dictionary<string, string> { ["seats"] = "0", ["minimumMembers"] = "2" }, page + "?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give between 1 and 20000 seats.", Forms.Text(await refused.Content.ReadAsStringAsync()).Replace(",", ""));
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(creator, page, new Dictionary<string, string> { ["seats"] = "3", ["minimumMembers"] = "2" }, page + "?handler=Publish")).StatusCode);
        var published = Forms.Text(await app.CreateClient().GetStringAsync(page));
        Assert.Contains("3 delegate seats are shared among the groups with at least 2 confirmed members", published);
        Assert.Contains("Groups that qualified: 1.", published);
        Assert.Contains(group.Name, published);
        Assert.DoesNotContain("Name a delegate", published);

        var organizer = await app.BrowserAsync(organizerMember);
        var mine = Forms.Text(await organizer.GetStringAsync(page));
        Assert.Contains("Name a delegate", mine);
        Assert.Contains("Nia · Philadelphia, PA · joined", mine);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(organizer, page, new Dictionary<string, string> { ["groupId"] = group.Id.ToString(), ["memberId"] = nominee.Id.ToString() }, page + "?handler=Name")).StatusCode);
        Assert.Contains("has not answered yet", Forms.Text(await organizer.GetStringAsync(page)));

        var delegate_ = await app.BrowserAsync(nominee);
        var invited = Forms.Text(await delegate_.GetStringAsync($"/assemblies/{a.Slug}"));
        Assert.Contains($"{group.Name} named you one of its delegates", invited);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(delegate_, $"/assemblies/{a.Slug}",
            new Dictionary<string, string> { ["accept"] = "true", ["attendance"] = "InPerson" }, $"/assemblies/{a.Slug}?handler=Delegate")).StatusCode);
        Assert.Contains($"You are a delegate of {group.Name}.", Forms.Text(await delegate_.GetStringAsync($"/assemblies/{a.Slug}")));

        var spanish = app.CreateClient();
        spanish.DefaultRequestHeaders.Add("Accept-Language", "es");
        var es = Forms.Text(await spanish.GetStringAsync(page));
        Assert.Contains("El reparto", es);
        Assert.Contains("Parte exacta", es);
        Assert.Contains("Personas delegadas que aceptaron", es);
    }
}

public sealed class DelegationTests_Sqlite() : DelegationTests(DbKind.Sqlite);
public sealed class DelegationTests_Postgres() : DelegationTests(DbKind.Postgres);
