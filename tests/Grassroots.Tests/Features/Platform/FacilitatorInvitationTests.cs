using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Conversations;
using Grassroots.Features.Notices;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Platform;

/// <summary>
/// Naming someone a facilitator asks them: until they accept, nothing of the role is theirs and their name is
/// nowhere public (not on the document, not in its log), and only they can answer.
/// </summary>
public abstract class FacilitatorInvitationTests(AppFactory app)
{
    private static async Task<List<NoticeView>> NoticesAsync(HttpClient client, NoticeKind kind) =>
        (await client.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices?pageSize=100"))!.Items.Where(n => n.Kind == kind.ToString()).ToList();

    [Fact]
    public async Task A_named_member_is_asked_gets_nothing_until_they_accept_and_only_they_can_answer()
    {
        var (_, creator) = await app.MemberAsync("Cora Creator");
        var doc = await PlatformTests.CreateAsync(creator);
        var (asked, askedClient) = await app.MemberAsync("Ines Invited");
        var (_, stranger) = await app.MemberAsync("Sam Stranger");
        var author = (await app.MemberAsync()).Client;
        var amendment = await PlatformTests.ProposeAsync(author, doc, doc.Planks.First().Key, "Raise the minimum wage to $19 and end tipped wages for all workers.");
        var conversation = await (await creator.PostAsJsonAsync("/api/conversations", new { topic = "What should the wage plank say?", documentId = doc.Id })).Content.ReadFromJsonAsync<ConversationView>();

        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id })).StatusCode);
        // Asked twice: one invitation, one notice. Another role is another question: take it back and ask again.
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id })).StatusCode);
        Assert.Contains("role", (await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id, role = "Creator" }), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.DeleteAsync($"/api/platform/{doc.Id}/facilitators/{asked.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id, role = "Creator" })).StatusCode);
        var notice = Assert.Single(await NoticesAsync(askedClient, NoticeKind.FacilitatorInvitation));
        Assert.StartsWith("Cora asks you to", notice.Headline);
        Assert.EndsWith($"/platform/{doc.Slug}", notice.Link);

        // Not theirs yet: no decisions, no moderation of the document's conversations, no name on it, no log line.
        await ProblemAssert.IsProblemAsync(await askedClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{amendment.Number}/decision", new { accept = true }), HttpStatusCode.Forbidden);
        Assert.False((await askedClient.GetFromJsonAsync<ConversationView>($"/api/conversations/{conversation!.Slug}"))!.IModerate);
        var seen = (await askedClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.DoesNotContain(seen.Facilitators, f => f.MemberId == asked.Id);
        Assert.Equal(DocumentRole.Creator, seen.InvitedAs);
        Assert.False(seen.IFacilitate);
        Assert.Null((await stranger.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.InvitedAs);
        Assert.DoesNotContain("Ines", await stranger.GetStringAsync($"/api/platform/{doc.Slug}/log"));
        Assert.DoesNotContain("Ines", await stranger.GetStringAsync($"/platform/{doc.Slug}"));
        // The facilitators see whom they asked; nobody else does.
        Assert.Equal(asked.Id, Assert.Single((await creator.GetFromJsonAsync<List<FacilitatorView>>($"/api/platform/{doc.Id}/facilitators/invited"))!).MemberId);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/platform/{doc.Id}/facilitators/invited"), HttpStatusCode.Forbidden);

        // Nobody answers for them.
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null), HttpStatusCode.NotFound);

        // They decline: the invitation goes, and still nothing is theirs.
        Assert.Equal(HttpStatusCode.NoContent, (await askedClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/decline", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await askedClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null), HttpStatusCode.NotFound);
        Assert.Null((await askedClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.InvitedAs);
        // Whoever asked hears the answer.
        Assert.StartsWith("Ines declined facilitating", Assert.Single(await NoticesAsync(creator, NoticeKind.FacilitatorAnswered)).Headline);

        // Asked again, they accept: the role they were asked for, the log names them, and they act.
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await askedClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null)).StatusCode);
        var now = (await askedClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.Equal(DocumentRole.Facilitator, Assert.Single(now.Facilitators, f => f.MemberId == asked.Id).Role);
        Assert.True(now.IFacilitate);
        Assert.Null(now.InvitedAs);
        Assert.Contains(await NoticesAsync(creator, NoticeKind.FacilitatorAnswered), n => n.Headline.StartsWith("Ines now facilitates") && n.Link.EndsWith($"/platform/{doc.Slug}"));
        var log = (await stranger.GetFromJsonAsync<Page<LogEntry>>($"/api/platform/{doc.Slug}/log"))!;
        Assert.Contains(log.Items, e => e.Action == "facilitator.name" && e.Detail.StartsWith("Ines") && e.By.StartsWith("Cora"));
        Assert.True((await askedClient.GetFromJsonAsync<ConversationView>($"/api/conversations/{conversation.Slug}"))!.IModerate);
        Assert.Equal(HttpStatusCode.NoContent, (await askedClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{amendment.Number}/decision", new { accept = true })).StatusCode);
        Assert.Empty((await creator.GetFromJsonAsync<List<FacilitatorView>>($"/api/platform/{doc.Id}/facilitators/invited"))!);
    }

    [Fact]
    public async Task Invitations_are_no_mail_flood_lapse_with_their_askers_authority_and_promotion_is_asked_too()
    {
        var (alice, aliceClient) = await app.MemberAsync("Alice Asker");
        var doc = await PlatformTests.CreateAsync(aliceClient);
        var (dave, daveClient) = await app.MemberAsync("Dave Victim");
        // Asked, taken back, asked again, five times, and from a second document the same day: told once.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = dave.Id })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.DeleteAsync($"/api/platform/{doc.Id}/facilitators/{dave.Id}")).StatusCode);
        }
        var second = await PlatformTests.CreateAsync(aliceClient);
        Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.PostAsJsonAsync($"/api/platform/{second.Id}/facilitators", new { memberId = dave.Id })).StatusCode);
        Assert.Single(await NoticesAsync(daveClient, NoticeKind.FacilitatorInvitation));
        Assert.Equal(DocumentRole.Facilitator, (await daveClient.GetFromJsonAsync<DocumentView>($"/api/platform/{second.Slug}"))!.InvitedAs); // asked all the same

        // Carol co-creates; Alice asks Eve to co-create too, then Carol removes Alice: Eve's invitation lapsed with Alice's say.
        var (carol, carolClient) = await app.MemberAsync("Carol Cocreator");
        await PlatformTests.NameAsync(aliceClient, doc, carol.Id, carolClient, "Creator");
        var (eve, eveClient) = await app.MemberAsync("Eve Sock");
        Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = eve.Id, role = "Creator" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await carolClient.DeleteAsync($"/api/platform/{doc.Id}/facilitators/{alice.Id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await eveClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null), HttpStatusCode.NotFound);
        var now = (await eveClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.False(now.IFacilitate);
        Assert.Equal([carol.Id], now.Facilitators.Select(f => f.MemberId));

        // A facilitator made creator is asked; until they accept they stay a facilitator.
        var (fay, fayClient) = await app.MemberAsync("Fay Facilitator");
        await PlatformTests.NameAsync(carolClient, doc, fay.Id, fayClient);
        Assert.Equal(HttpStatusCode.NoContent, (await carolClient.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = fay.Id, role = "Creator" })).StatusCode);
        var asked = (await fayClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.Equal((DocumentRole.Creator, false), (asked.InvitedAs!.Value, asked.ICreated));
        Assert.Equal(HttpStatusCode.NoContent, (await fayClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null)).StatusCode);
        Assert.True((await fayClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.ICreated);
    }

    [Fact]
    public async Task An_invitation_from_a_creator_who_stepped_down_lapses_when_answered()
    {
        var (alice, aliceClient) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(aliceClient);
        var (bob, bobClient) = await app.MemberAsync();
        await PlatformTests.NameAsync(aliceClient, doc, bob.Id, bobClient, "Creator");
        var (eve, eveClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = eve.Id, role = "Creator" })).StatusCode);
        // Alice made facilitator (no longer a creator): what she asked lapses.
        Assert.Equal(HttpStatusCode.NoContent, (await bobClient.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = alice.Id, role = "Facilitator" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await eveClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null), HttpStatusCode.NotFound);
        Assert.False((await eveClient.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.IFacilitate);
    }

    [Fact]
    public async Task A_creator_takes_back_an_invitation_and_invitations_count_toward_the_limit()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var invited = new List<(Guid Id, HttpClient Client)>();
        for (var i = 0; i < PlatformRules.MaxFacilitators - 1; i++)
        {
            var (m, c) = await app.MemberAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = m.Id })).StatusCode);
            invited.Add((m.Id, c));
        }
        // The creator and the pending invitations fill the document: one more is refused, though nobody accepted yet.
        var (extra, _) = await app.MemberAsync();
        var full = await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = extra.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("memberId", full.Keys);

        // Taken back: the member can no longer accept, and the place is free.
        var (first, firstClient) = invited[0];
        Assert.Equal(HttpStatusCode.NoContent, (await creator.DeleteAsync($"/api/platform/{doc.Id}/facilitators/{first}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await firstClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = extra.Id })).StatusCode);
    }

    [Fact]
    public async Task Invitations_asked_at_once_never_pass_the_limit()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var members = new List<Guid>();
        for (var i = 0; i < PlatformRules.MaxFacilitators + 8; i++) members.Add((await app.MemberAsync()).Member.Id);
        var answers = await Task.WhenAll(members.Select(id => creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = id })));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.BadRequest, $"{(int)a.StatusCode}"));
        var invited = (await creator.GetFromJsonAsync<List<FacilitatorView>>($"/api/platform/{doc.Id}/facilitators/invited"))!;
        // The creator holds one seat; every 204 is an invitation, and there are never more than the limit allows.
        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.NoContent), invited.Count);
        Assert.True(invited.Count <= PlatformRules.MaxFacilitators - 1, $"{invited.Count} invited");
    }

    [Fact]
    public async Task Answering_many_times_at_once_is_one_answer_and_one_notice()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (asked, askedClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id })).StatusCode);
        // Twelve taps on "Decline" at once (one answered 500): each says done or already gone, and the asker hears once.
        var taps = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => askedClient.PostAsync($"/api/platform/{doc.Id}/facilitators/me/decline", null)));
        Assert.All(taps, t => Assert.True(t.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound, $"{(int)t.StatusCode}"));
        Assert.Single(await NoticesAsync(creator, NoticeKind.FacilitatorAnswered));
        Assert.Empty((await creator.GetFromJsonAsync<List<FacilitatorView>>($"/api/platform/{doc.Id}/facilitators/invited"))!);
    }

    [Fact]
    public async Task The_invited_member_answers_on_the_documents_page_in_their_language()
    {
        var (_, creator) = await app.MemberAsync("Cora Creator");
        var doc = await PlatformTests.CreateAsync(creator);
        var (asked, askedApi) = await app.MemberAsync("Ines Invited");
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = asked.Id })).StatusCode);

        var browser = await app.BrowserAsync(asked);
        Assert.Contains("Tu nombre aparece", await browser.GetStringAsync($"/platform/{doc.Slug}?culture=es"));
        var response = await Forms.SubmitAsync(browser, $"/platform/{doc.Slug}", new Dictionary<string, string> { ["accept"] = "true" }, $"/platform/{doc.Slug}?handler=Answer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await browser.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains("You facilitate this document now.", after);
        Assert.DoesNotContain("only if you accept", after);
        Assert.True((await askedApi.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.IFacilitate);
    }

    [Fact]
    public async Task Co_signing_tells_the_author_in_the_digest()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (_, author) = await app.MemberAsync("Ana Author");
        var (_, signer) = await app.MemberAsync("Sol Signer");
        var a = await PlatformTests.ProposeAsync(author, doc, doc.Planks.First().Key, "Raise the minimum wage to $23 and end tipped wages for all workers.");
        Assert.Equal(HttpStatusCode.NoContent, (await signer.PutAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign", null)).StatusCode);
        // Signing again, or taking it back and signing again, tells nobody again.
        Assert.Equal(HttpStatusCode.NoContent, (await signer.PutAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign", null)).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await signer.DeleteAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await signer.PutAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign", null)).StatusCode);
        }
        var notice = Assert.Single(await NoticesAsync(author, NoticeKind.AmendmentCosigned));
        Assert.Equal($"Sol co-signed your amendment #{a.Number}, \"Change it\" — in \"{doc.Title}\"", notice.Headline);
        Assert.Equal(NoticeDelivery.Digest, NoticeKinds.Default(NoticeKind.AmendmentCosigned));
    }
}

public sealed class FacilitatorInvitationTests_Sqlite(SqliteApp app) : FacilitatorInvitationTests(app), IClassFixture<SqliteApp>;
public sealed class FacilitatorInvitationTests_Postgres(PostgresApp app) : FacilitatorInvitationTests(app), IClassFixture<PostgresApp>;
