using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Conversations;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Features.Conversations;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Platform;

/// <summary>
/// A member who drafted, co-signed, commented, facilitated and deliberated deletes their account: it succeeds,
/// their name goes, what others rely on stays, their signatures under open amendments are withdrawn.
/// </summary>
public abstract class LeavingPlatformTests(AppFactory app)
{
    private static async Task<AmendmentView> AmendmentAsync(HttpClient client, DocumentView doc, int number) =>
        (await client.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/{number}"))!;

    [Fact]
    public async Task A_member_who_took_part_everywhere_deletes_their_account_and_only_their_name_and_open_signatures_go()
    {
        var (leaver, leaverClient) = await app.MemberAsync("Lea Leaver");
        var (other, otherClient) = await app.MemberAsync("Otto Other");
        var (_, thirdClient) = await app.MemberAsync("Tess Third");

        // Documents: one the leaver started and named a facilitator on, one they run alone, one they facilitate for someone else.
        var shared = await PlatformTests.CreateAsync(leaverClient);
        await PlatformTests.NameAsync(leaverClient, shared, other.Id, otherClient);
        var alone = await PlatformTests.CreateAsync(leaverClient);
        var doc = await PlatformTests.CreateAsync(otherClient);
        Assert.Equal(HttpStatusCode.NoContent, (await otherClient.PutAsJsonAsync($"/api/platform/{doc.Id}/settings", new { ballotPerMille = 1, ballotMinimum = 2 })).StatusCode);
        await PlatformTests.NameAsync(otherClient, doc, leaver.Id, leaverClient);
        var planks = doc.Planks.Select(p => p.Key).ToList();

        // The leaver's amendments: one co-signed by another member, one nobody signed.
        var signed = await PlatformTests.ProposeAsync(leaverClient, doc, planks[0], "Raise the minimum wage to $25 and end tipped wages for all workers.");
        Assert.Equal(HttpStatusCode.NoContent, (await thirdClient.PutAsync($"/api/platform/{doc.Slug}/amendments/{signed.Number}/cosign", null)).StatusCode);
        var lonely = await PlatformTests.ProposeAsync(leaverClient, doc, planks[1], "A federal jobs guarantee for everyone.");
        // Others' amendments the leaver co-signed: one still open (on the ballot with two signatures), one accepted.
        var open = await PlatformTests.ProposeAsync(otherClient, doc, planks[2], "Overturn Citizens United by amendment.");
        Assert.Equal(HttpStatusCode.NoContent, (await leaverClient.PutAsync($"/api/platform/{doc.Slug}/amendments/{open.Number}/cosign", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await thirdClient.PutAsync($"/api/platform/{doc.Slug}/amendments/{open.Number}/cosign", null)).StatusCode);
        Assert.Equal((2, AmendmentStatus.OnBallot), ((await AmendmentAsync(otherClient, doc, open.Number)).Cosigners, (await AmendmentAsync(otherClient, doc, open.Number)).Status));
        var decided = await PlatformTests.ProposeAsync(thirdClient, doc, planks[0], "Raise the minimum wage to $18 and end tipped wages for all workers.");
        Assert.Equal(HttpStatusCode.NoContent, (await leaverClient.PutAsync($"/api/platform/{doc.Slug}/amendments/{decided.Number}/cosign", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await otherClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{decided.Number}/decision", new { accept = true })).StatusCode);
        // A comment of theirs that someone answered.
        var comments = $"/api/platform/{doc.Slug}/amendments/{open.Number}/comments";
        var comment = (await (await leaverClient.PostAsJsonAsync(comments, new { body = "I sign: this is what we campaign on." })).Content.ReadFromJsonAsync<CommentCreated>())!.Id;
        Assert.Equal(HttpStatusCode.Created, (await otherClient.PostAsJsonAsync(comments, new { body = "Thanks!", parentId = comment })).StatusCode);

        // A conversation: the leaver writes a statement others vote on, and votes.
        var c = await ConversationsTests.StartAsync(otherClient, "A $15 minimum wage.", "End tipped wages.");
        var url = $"/api/conversations/{c.Slug}";
        var statement = (await (await leaverClient.PostAsJsonAsync(url + "/statements", new { text = "Index the wage to inflation." })).Content.ReadFromJsonAsync<StatementCreated>())!.Number;
        Assert.Equal(HttpStatusCode.NoContent, (await leaverClient.PostAsJsonAsync(url + "/votes", new { statement = 0, vote = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await otherClient.PostAsJsonAsync(url + "/votes", new { statement, vote = 1 })).StatusCode);
        var number = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ConversationParticipants.Where(p => p.ConversationId == c.Id && p.MemberId == leaver.Id).Select(p => p.Number).SingleAsync());
        // A conversation of their own, on no document.
        var theirs = await ConversationsTests.StartAsync(leaverClient, "Their seed.");
        var participants = (await otherClient.GetFromJsonAsync<ConversationView>(url))!.Participants;

        Assert.Equal(HttpStatusCode.NoContent, (await leaverClient.DeleteAsync("/api/me")).StatusCode);

        // Their amendment others signed stays open under "Former member"; the one nobody signed is withdrawn.
        var stays = await AmendmentAsync(otherClient, doc, signed.Number);
        Assert.Equal((AmendmentStatus.Open, 1, "Former member"), (stays.Status, stays.Cosigners, stays.Author));
        Assert.Equal(AmendmentStatus.Withdrawn, (await AmendmentAsync(otherClient, doc, lonely.Number)).Status);
        // Their signature under the open amendment is withdrawn: below the ballot share, it gathers co-signers again.
        var reopened = await AmendmentAsync(otherClient, doc, open.Number);
        Assert.Equal((1, AmendmentStatus.Open), (reopened.Cosigners, reopened.Status));
        // The accepted one keeps the count its facilitators decided on.
        var kept = await AmendmentAsync(otherClient, doc, decided.Number);
        Assert.Equal((1, AmendmentStatus.Accepted), (kept.Cosigners, kept.Status));
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Assert.False(await db.AmendmentCosigns.AnyAsync(x => x.AmendmentId == reopened.Id && x.MemberId == leaver.Id));
            Assert.Equal(kept.Cosigners, await db.AmendmentCosigns.CountAsync(x => x.AmendmentId == kept.Id));
            Assert.Equal(reopened.Cosigners, await db.AmendmentCosigns.CountAsync(x => x.AmendmentId == reopened.Id));
            Assert.False(await db.DocumentFacilitators.AnyAsync(f => f.MemberId == leaver.Id));
            return 0;
        });
        // The comment and its answer stay; the name is gone.
        var thread = Assert.Single((await otherClient.GetFromJsonAsync<Page<CommentView>>(comments))!.Items);
        Assert.Equal(("Former member", false, 1), (thread.Author, thread.Deleted, thread.Replies.Count));
        Assert.Contains("campaign on", thread.BodyHtml);

        // Facilitating: gone from every document; where they were the only creator the longest-standing facilitator
        // takes over; a document left with no one says so in its public log.
        var sharedNow = (await otherClient.GetFromJsonAsync<DocumentView>($"/api/platform/{shared.Slug}"))!;
        Assert.Equal([(other.Id, DocumentRole.Creator)], sharedNow.Facilitators.Select(f => (f.MemberId, f.Role)));
        Assert.True(sharedNow.ICreated);
        Assert.Contains((await otherClient.GetFromJsonAsync<Page<LogEntry>>($"/api/platform/{shared.Slug}/log"))!.Items,
            e => e.Action == "facilitator.succeed" && e.By == "Former member" && e.Detail.StartsWith("Otto"));
        Assert.Empty((await otherClient.GetFromJsonAsync<DocumentView>($"/api/platform/{alone.Slug}"))!.Facilitators);
        Assert.Contains((await otherClient.GetFromJsonAsync<Page<LogEntry>>($"/api/platform/{alone.Slug}/log"))!.Items, e => e.Action == "facilitator.none" && e.By == "Former member");
        Assert.DoesNotContain((await otherClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.Facilitators, f => f.MemberId == leaver.Id);
        Assert.Contains((await otherClient.GetFromJsonAsync<Page<LogEntry>>($"/api/platform/{doc.Slug}/log"))!.Items, e => e.Action == "facilitator.left");
        var history = await app.CreateClient().GetStringAsync($"/platform/{alone.Slug}/history?culture=es");
        Assert.Contains("Exmiembro", history);

        // The conversation: their number, statement and votes stay (the map counts them), tied to no one.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.ConversationParticipants.SingleAsync(p => p.ConversationId == c.Id && p.Number == number);
            Assert.Null(row.MemberId);
            Assert.False(await db.ConversationParticipants.AnyAsync(p => p.MemberId == leaver.Id));
            Assert.Equal(2, await db.StatementVotes.CountAsync(v => v.ConversationId == c.Id && v.ParticipantNumber == number));
            var s = await db.Statements.SingleAsync(x => x.ConversationId == c.Id && x.Number == statement);
            Assert.Equal((2, number), (s.Agrees, s.AuthorNumber));
            // Their own conversation on no document had no other moderator: it stays, closed; the other one stays open.
            Assert.False((await db.Conversations.SingleAsync(x => x.Id == theirs.Id)).Open);
            Assert.True((await db.Conversations.SingleAsync(x => x.Id == c.Id)).Open);
            return 0;
        });
        Assert.Equal(participants, (await otherClient.GetFromJsonAsync<ConversationView>(url))!.Participants);
    }
}

public sealed class LeavingPlatformTests_Sqlite(SqliteApp app) : LeavingPlatformTests(app), IClassFixture<SqliteApp>;
public sealed class LeavingPlatformTests_Postgres(PostgresApp app) : LeavingPlatformTests(app), IClassFixture<PostgresApp>;
