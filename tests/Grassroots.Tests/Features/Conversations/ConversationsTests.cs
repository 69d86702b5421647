using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Conversations;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Conversations;

/// <summary>Conversations: statements, votes that replace, moderation, the next statement, and the opinion map over HTTP.</summary>
public abstract class ConversationsTests(AppFactory app)
{
    internal static async Task<ConversationView> StartAsync(HttpClient client, params string[] seeds)
    {
        var response = await client.PostAsJsonAsync("/api/conversations", new { topic = $"What should the platform say on wages? {Guid.NewGuid():N}"[..60], seeds });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ConversationView>())!;
    }

    private async Task<Statement> StatementAsync(Guid conversation, int number) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Statements.AsNoTracking().SingleAsync(s => s.ConversationId == conversation && s.Number == number));

    [Fact]
    public async Task A_vote_replaces_the_earlier_one_and_bad_statements_and_votes_are_refused_clearly()
    {
        var (_, host) = await app.MemberAsync();
        var c = await StartAsync(host, "A $15 minimum wage.", "End tipped wages.");
        var (_, member) = await app.MemberAsync();
        var url = $"/api/conversations/{c.Slug}";
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsJsonAsync(url + "/votes", new { statement = 0, vote = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsJsonAsync(url + "/votes", new { statement = 0, vote = -1 })).StatusCode);
        var s = await StatementAsync(c.Id, 0);
        Assert.Equal((0, 1, 0, 1), (s.Agrees, s.Disagrees, s.Passes, s.Seen));
        Assert.Equal((sbyte?)-1, (await member.GetFromJsonAsync<Page<StatementView>>(url + "/statements"))!.Items[0].MyVote);

        Assert.Contains("vote", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url + "/votes", new { statement = 0, vote = 2 }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("statement", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url + "/votes", new { statement = 99, vote = 1 }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("text", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url + "/statements", new { text = "  " }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("400", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url + "/statements", new { text = new string('x', 20_000) }), HttpStatusCode.BadRequest))["text"][0]);
        Assert.StartsWith("Someone already wrote exactly that", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url + "/statements", new { text = "a $15 MINIMUM wage." }), HttpStatusCode.BadRequest))["text"][0]);
        // Its own author is told it is theirs (nobody else learns who wrote it).
        Assert.StartsWith("You wrote exactly that already", (await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync(url + "/statements", new { text = "a $15 MINIMUM wage." }), HttpStatusCode.BadRequest))["text"][0]);

        // A statement moderated out takes no votes; only moderators moderate.
        var created = (await (await member.PostAsJsonAsync(url + "/statements", new { text = "Buy my crypto." })).Content.ReadFromJsonAsync<StatementCreated>())!;
        Assert.Equal(2, created.Number);
        Assert.Equal(1, (await StatementAsync(c.Id, 2)).Agrees); // its author agrees
        await ProblemAssert.IsProblemAsync(await member.PutAsJsonAsync($"{url}/statements/2/moderation", new { accept = false, reason = "Spam" }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await host.PutAsJsonAsync($"{url}/statements/2/moderation", new { accept = false, reason = "Spam" })).StatusCode);
        Assert.Contains("moderated out", (await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync(url + "/votes", new { statement = 2, vote = 1 }), HttpStatusCode.BadRequest))["statement"][0]);
        // What was moderated out is the moderators' to read: the API hides it from everyone else, as the pages do.
        Assert.DoesNotContain((await member.GetFromJsonAsync<Page<StatementView>>(url + "/statements?status=Rejected"))!.Items, s => s.Number == 2);
        Assert.DoesNotContain((await app.CreateClient().GetFromJsonAsync<Page<StatementView>>(url + "/statements"))!.Items, s => s.Number == 2);
        Assert.Contains((await host.GetFromJsonAsync<Page<StatementView>>(url + "/statements?status=Rejected"))!.Items, s => s.Number == 2);

        // Invisible or backwards text is not a statement: format characters go.
        Assert.Contains("text", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url + "/statements", new { text = "\u200b\u200b" }), HttpStatusCode.BadRequest)).Keys);
        var reversed = (await (await member.PostAsJsonAsync(url + "/statements", new { text = "\u202e Public housing for all." })).Content.ReadFromJsonAsync<StatementCreated>())!;
        Assert.Equal("Public housing for all.", (await StatementAsync(c.Id, reversed.Number)).Text);
    }

    [Fact]
    public async Task The_next_statement_is_the_least_voted_one_not_yet_voted_and_none_is_left_after_all()
    {
        var (_, host) = await app.MemberAsync();
        var c = await StartAsync(host, "One.", "Two.", "Three.");
        var (_, member) = await app.MemberAsync();
        var url = $"/api/conversations/{c.Slug}";
        var seen = new HashSet<int>();
        for (var i = 0; i < 3; i++)
        {
            var next = (await member.GetFromJsonAsync<StatementView>(url + "/next"))!;
            Assert.True(seen.Add(next.Number));
            Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsJsonAsync(url + "/votes", new { statement = next.Number, vote = 0 })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await member.GetAsync(url + "/next")).StatusCode);
        // A statement with fewer votes comes first for someone new.
        var (_, second) = await app.MemberAsync();
        foreach (var n in seen) await second.PostAsJsonAsync(url + "/votes", new { statement = n, vote = 1 });
        var (_, other) = await app.MemberAsync();
        var fresh = (await (await other.PostAsJsonAsync(url + "/statements", new { text = "Four." })).Content.ReadFromJsonAsync<StatementCreated>())!;
        var (_, third) = await app.MemberAsync();
        Assert.Equal(fresh.Number, (await third.GetFromJsonAsync<StatementView>(url + "/next"))!.Number);
    }

    [Fact]
    public async Task Parallel_votes_keep_one_row_per_person_and_counters_equal_to_rows()
    {
        var (_, host) = await app.MemberAsync();
        var c = await StartAsync(host, "Medicare for all.");
        var url = $"/api/conversations/{c.Slug}/votes";
        var (_, member) = await app.MemberAsync();
        // One person tapping agree/disagree/pass twenty times at once: one vote stands.
        var taps = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => member.PostAsJsonAsync(url, new { statement = 0, vote = i % 3 - 1 })));
        Assert.All(taps, t => Assert.Equal(HttpStatusCode.NoContent, t.StatusCode));
        var members = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => app.MemberAsync()));
        var votes = await Task.WhenAll(members.Select((m, i) => m.Client.PostAsJsonAsync(url, new { statement = 0, vote = i % 2 == 0 ? 1 : -1 })));
        Assert.All(votes, v => Assert.Equal(HttpStatusCode.NoContent, v.StatusCode));
        var (rows, s, conversation) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.StatementVotes.CountAsync(v => v.ConversationId == c.Id), await db.Statements.SingleAsync(x => x.ConversationId == c.Id), await db.Conversations.SingleAsync(x => x.Id == c.Id));
        });
        Assert.Equal(31, rows);
        Assert.Equal(31, s.Seen);
        Assert.Equal(s.Seen, s.Agrees + s.Disagrees + s.Passes);
        Assert.Equal(31, conversation.Votes);
        Assert.Equal(32, conversation.Participants); // the host and 31 voters, each numbered once
        // Numbers are drawn, not counted: the count people watch says nothing of who is which number.
        var numbers = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ConversationParticipants.Where(p => p.ConversationId == c.Id).Select(p => p.Number).ToListAsync());
        Assert.Equal(32, numbers.Distinct().Count());
        Assert.Contains(0, numbers); // the host
        Assert.True(numbers.Count(n => n is > 0 and <= 31) < 5, string.Join(",", numbers));
    }

    [Fact]
    public async Task The_opinion_map_finds_two_planted_groups_and_what_both_agree_on()
    {
        var (_, host) = await app.MemberAsync();
        var c = await StartAsync(host, "Everyone deserves health care.", "Raise taxes on the rich.", "Cut taxes on the rich.", "Unions make us strong.", "Unions hurt business.",
            "Public transit first.", "Cars first.", "Free college.");
        var url = $"/api/conversations/{c.Slug}";
        await ProblemAssert.IsProblemAsync(await host.GetAsync(url + "/map"), HttpStatusCode.NotFound);
        var people = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => app.MemberAsync()));
        for (var i = 0; i < people.Length; i++)
        {
            var left = i % 2 == 0;
            int[] votes = [1, left ? 1 : -1, left ? -1 : 1, left ? 1 : -1, left ? -1 : 1, left ? 1 : -1, left ? -1 : 1, left ? 1 : -1];
            for (var s = 0; s < votes.Length; s++)
                Assert.Equal(HttpStatusCode.NoContent, (await people[i].Client.PostAsJsonAsync(url + "/votes", new { statement = s, vote = votes[s] })).StatusCode);
        }
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OpinionRecompute>().ComputeAsync(c.Id, CancellationToken.None); return 0; });
        var map = (await people[0].Client.GetFromJsonAsync<OpinionMapView>(url + "/map"))!;
        Assert.Equal(2, map.Groups.Count);
        Assert.Equal(24, map.Groups.Sum(g => g.Size));
        Assert.Equal(0, map.Consensus[0].Statement);
        Assert.Equal("Everyone deserves health care.", map.Consensus[0].Text);
        Assert.NotNull(map.MyGroup);
        // The group of the first (left-leaning) person agrees with raising taxes on the rich, distinctively.
        Assert.Contains(map.Groups.Single(g => g.Id == map.MyGroup).Statements, s => s.Statement == 1 && s.Stance == Grassroots.Opinion.Stance.Agree);
        // What a group stands for is what its members did: counts as voted, and the statement all 24 agreed with is
        // nobody's distinctive disagreement (smoothed estimates alone put it at 1 in 14 for a group of 12).
        var mine = map.Groups.Single(g => g.Id == map.MyGroup).Statements.Single(s => s.Statement == 1);
        Assert.Equal((12, 12, 100), (mine.Votes, mine.Seen, mine.Percent));
        Assert.DoesNotContain(map.Groups.SelectMany(g => g.Statements), s => s.Statement == 0);
        var participants = (await host.GetFromJsonAsync<Page<ParticipantView>>(url + "/participants?pageSize=100"))!;
        Assert.Equal(24, participants.Items.Count(p => p.Group is not null));
        Assert.Equal(2, participants.Items.Where(p => p.Group is not null).Select(p => p.Group).Distinct().Count());
    }

    [Fact]
    public async Task A_statement_waiting_for_a_moderator_stays_off_the_public_map_until_accepted()
    {
        var (_, host) = await app.MemberAsync();
        var started = await host.PostAsJsonAsync("/api/conversations", new { topic = $"Pre-moderated {Guid.NewGuid():N}"[..30], statementsNeedApproval = true, seeds = new[] { "Seed one is here.", "Seed two is here." } });
        var c = (await started.Content.ReadFromJsonAsync<ConversationView>())!;
        var url = $"/api/conversations/{c.Slug}";
        var people = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.MemberAsync()));
        foreach (var (i, p) in people.Index())
            for (var s = 0; s < 2; s++)
                Assert.Equal(HttpStatusCode.NoContent, (await p.Client.PostAsJsonAsync(url + "/votes", new { statement = s, vote = s == 0 || i % 2 == 0 ? 1 : -1 })).StatusCode);
        // A statement nobody has read yet: its author agrees with it, as every author does.
        var pending = await people[0].Client.PostAsJsonAsync(url + "/statements", new { text = "SECRETPENDING spam nobody approved" });
        Assert.Equal(HttpStatusCode.Created, pending.StatusCode);
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OpinionRecompute>().ComputeAsync(c.Id, CancellationToken.None); return 0; });
        Assert.DoesNotContain("SECRETPENDING", await app.CreateClient().GetStringAsync(url + "/map"));
        Assert.DoesNotContain("SECRETPENDING", await app.CreateClient().GetStringAsync($"/conversations/{c.Slug}/map"));
        // The math left it out too: nothing about it is stored to show later.
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().OpinionMaps.Where(m => m.ConversationId == c.Id).Select(m => m.Summary).SingleAsync());
        Assert.DoesNotContain("\"Statement\":2,", stored);
    }
}

public sealed class ConversationsTests_Sqlite(SqliteApp app) : ConversationsTests(app), IClassFixture<SqliteApp>;
public sealed class ConversationsTests_Postgres(PostgresApp app) : ConversationsTests(app), IClassFixture<PostgresApp>;
