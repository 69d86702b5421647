using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Conversations;
using Grassroots.Features.Moderation;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Features.Conversations;
using Grassroots.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Platform;

/// <summary>
/// Platform documents, amendments, their comments and conversations can be flagged; hidden by a jury's case they are
/// a notice for everyone but their authors (and jurors), and frozen, on the pages and in the API.
/// </summary>
public abstract class FlaggingPlatformTests(AppFactory app)
{
    private Task HideAsync(string type, Guid id, ContentModeration state = ContentModeration.UnderReview) => app.WithScopeAsync(async sp =>
    {
        await sp.GetServices<IFlaggableContent>().Single(c => c.ContentType == type).SetModerationAsync(id.ToString(), state, CancellationToken.None);
        return 0;
    });

    [Fact]
    public async Task Each_kind_can_be_flagged_by_its_id_and_names_its_authors()
    {
        var (author, client) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(client);
        var a = await PlatformTests.ProposeAsync(client, doc, doc.Planks.First().Key, "Raise the minimum wage to $30 and end tipped wages for all workers.");
        var comment = (await (await client.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/comments", new { body = "Buy watches at my shop." })).Content.ReadFromJsonAsync<CommentCreated>())!.Id;
        var c = await ConversationsTests.StartAsync(client, "A seed.");
        var (flaggerMember, flagger) = await app.MemberAsync();
        foreach (var (type, id, url) in new[] { ("platform-document", doc.Id, $"/platform/{doc.Slug}"), ("amendment", a.Id, $"/platform/{doc.Slug}/amendments/{a.Number}"),
                     ("amendment-comment", comment, $"/platform/{doc.Slug}/amendments/{a.Number}#c-{comment}"), ("conversation", c.Id, $"/conversations/{c.Slug}") })
        {
            var target = await app.WithScopeAsync(sp => sp.GetServices<IFlaggableContent>().Single(x => x.ContentType == type).FindAsync($" {id.ToString().ToUpperInvariant()} ", CancellationToken.None));
            Assert.Equal((id.ToString(), url), (target!.Id, target.Url));
            Assert.Contains(author.Id, target.Authors!);
            var r = await flagger.PostAsJsonAsync("/api/flags", new { contentType = type, contentId = id.ToString(), value = "no-spam", reason = "Only posts ads for a shop that sells watches." });
            Assert.True(r.StatusCode == HttpStatusCode.Created, $"{type}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        // The pages offer it.
        var browser = await app.BrowserAsync(flaggerMember);
        Assert.Contains($"/flag?type=amendment-comment&id={comment}", await browser.GetStringAsync($"/platform/{doc.Slug}/amendments/{a.Number}"));
        Assert.Contains($"/flag?type=platform-document&id={doc.Id}", await flagger.GetStringAsync($"/platform/{doc.Slug}"));
        Assert.Contains($"/flag?type=conversation&id={c.Id}", await flagger.GetStringAsync($"/conversations/{c.Slug}"));
    }

    [Fact]
    public async Task A_hidden_document_is_a_notice_for_others_readable_by_its_facilitators_and_frozen()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (_, member) = await app.MemberAsync();
        await HideAsync("platform-document", doc.Id);

        foreach (var reader in new[] { app.CreateClient(), member })
        {
            await ProblemAssert.IsProblemAsync(await reader.GetAsync($"/api/platform/{doc.Slug}"), HttpStatusCode.Forbidden);
            var page = await reader.GetStringAsync($"/platform/{doc.Slug}?culture=es");
            Assert.Contains(doc.Title, page);
            Assert.DoesNotContain("tipped wages", page);
            Assert.Contains("jurado", page);
        }
        Assert.DoesNotContain((await member.GetFromJsonAsync<Page<DocumentSummary>>("/api/platform?pageSize=100"))!.Items, d => d.Id == doc.Id);
        var own = (await creator.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.Equal(ContentModeration.UnderReview, own.Moderation);
        Assert.Contains("tipped wages", await creator.GetStringAsync($"/platform/{doc.Slug}"));
        // Its other pages: its facilitators read them; anyone else is sent to the notice.
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var sub in new[] { "history", "compare", "amendments" })
        {
            Assert.Equal(HttpStatusCode.OK, (await creator.GetAsync($"/platform/{doc.Slug}/{sub}")).StatusCode);
            var other = await anonymous.GetAsync($"/platform/{doc.Slug}/{sub}");
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
            Assert.Equal($"/platform/{doc.Slug}", other.Headers.Location!.ToString());
        }
        // Frozen: the facilitators wait too; nobody amends it.
        var phase = await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { phase = "Deliberation" });
        Assert.Equal(HttpStatusCode.Forbidden, phase.StatusCode);
        Assert.Contains("jury", await phase.Content.ReadAsStringAsync());
        Assert.True((await member.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments", new { version = 1, plankKey = doc.Planks.First().Key, title = "T", text = "New words." })).StatusCode
            is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);

        await HideAsync("platform-document", doc.Id, ContentModeration.Removed);
        await ProblemAssert.IsProblemAsync(await member.GetAsync($"/api/platform/{doc.Slug}"), HttpStatusCode.Gone);
        var gone = await app.CreateClient().GetAsync($"/platform/{doc.Slug}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.DoesNotContain("tipped wages", await gone.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await creator.GetAsync($"/api/platform/{doc.Slug}")).StatusCode);
    }

    [Fact]
    public async Task A_hidden_amendment_is_out_of_the_list_a_notice_for_others_and_frozen_for_its_author()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (authorMember, author) = await app.MemberAsync();
        var a = await PlatformTests.ProposeAsync(author, doc, doc.Planks.First().Key, "Raise the minimum wage to $40 and end tipped wages for all workers.");
        var url = $"/api/platform/{doc.Slug}/amendments/{a.Number}";
        await HideAsync("amendment", a.Id);

        await ProblemAssert.IsProblemAsync(await creator.GetAsync(url), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await creator.GetAsync(url + "/comments"), HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await creator.GetFromJsonAsync<Page<AmendmentSummary>>($"/api/platform/{doc.Slug}/amendments"))!.Items, x => x.Id == a.Id);
        var page = await creator.GetStringAsync($"/platform/{doc.Slug}/amendments/{a.Number}");
        Assert.DoesNotContain("$40", page);
        Assert.Contains("jury", page);
        Assert.Equal(ContentModeration.UnderReview, (await author.GetFromJsonAsync<AmendmentView>(url))!.Moderation);
        Assert.Contains("$40", await author.GetStringAsync($"/platform/{doc.Slug}/amendments/{a.Number}"));
        // Frozen: no signatures, comments, revisions or decisions.
        await ProblemAssert.IsProblemAsync(await creator.PutAsync(url + "/cosign", null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync(url + "/comments", new { body = "Hm." }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await author.PostAsJsonAsync(url + "/revisions", new { title = "T", text = "Raise it to $45.", reason = "" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync(url + "/decision", new { accept = true }), HttpStatusCode.Forbidden);
        // The page's forms say so too.
        var pageUrl = $"/platform/{doc.Slug}/amendments/{a.Number}";
        var withdraw = await Forms.SubmitAsync(await app.BrowserAsync(authorMember), pageUrl, new Dictionary<string, string>(), pageUrl + "?handler=Withdraw");
        Assert.NotEqual(HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.Contains("A community jury is reviewing this", Forms.Text(await withdraw.Content.ReadAsStringAsync()));
        Assert.Equal(AmendmentStatus.Open, (await author.GetFromJsonAsync<AmendmentView>(url))!.Status);

        await HideAsync("amendment", a.Id, ContentModeration.Removed);
        await ProblemAssert.IsProblemAsync(await creator.GetAsync(url), HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, (await creator.GetAsync($"/platform/{doc.Slug}/amendments/{a.Number}")).StatusCode);
    }

    [Fact]
    public async Task A_hidden_comment_keeps_its_place_without_its_words_takes_no_answers_and_stays_for_the_jury()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var a = await PlatformTests.ProposeAsync(creator, doc, doc.Planks.First().Key, "Raise the minimum wage to $19 and end tipped wages for all workers.");
        var (_, writer) = await app.MemberAsync();
        var url = $"/api/platform/{doc.Slug}/amendments/{a.Number}/comments";
        var comment = (await (await writer.PostAsJsonAsync(url, new { body = "Cheap watches at my shop." })).Content.ReadFromJsonAsync<CommentCreated>())!.Id;
        await HideAsync("amendment-comment", comment);

        var seen = Assert.Single((await creator.GetFromJsonAsync<Page<CommentView>>(url))!.Items);
        Assert.Equal((true, "", ContentModeration.UnderReview), (seen.Withheld, seen.BodyHtml, seen.Moderation));
        Assert.NotNull(seen.CaseUrl); // the case's page (the moderation log until a case names it)
        Assert.DoesNotContain("watches", await app.CreateClient().GetStringAsync($"/platform/{doc.Slug}/amendments/{a.Number}"));
        var own = Assert.Single((await writer.GetFromJsonAsync<Page<CommentView>>(url))!.Items);
        Assert.False(own.Withheld);
        Assert.Contains("watches", own.BodyHtml);
        // No answers to it, and its author can't delete it from under the jury.
        await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync(url, new { body = "Spam!", parentId = comment }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await writer.DeleteAsync($"/api/platform/comments/{comment}"), HttpStatusCode.Forbidden);

        await HideAsync("amendment-comment", comment, ContentModeration.Removed);
        Assert.Equal((true, ContentModeration.Removed), ((await creator.GetFromJsonAsync<Page<CommentView>>(url))!.Items[0].Withheld, (await creator.GetFromJsonAsync<Page<CommentView>>(url))!.Items[0].Moderation));
        Assert.Contains("jurado", await creator.GetStringAsync($"/platform/{doc.Slug}/amendments/{a.Number}?culture=es"));
    }

    [Fact]
    public async Task A_hidden_conversation_is_a_notice_for_others_readable_by_whoever_started_it_and_takes_no_votes()
    {
        var (hostMember, host) = await app.MemberAsync();
        var c = await ConversationsTests.StartAsync(host, "Free buses for everyone.");
        var (_, member) = await app.MemberAsync();
        await HideAsync("conversation", c.Id);

        await ProblemAssert.IsProblemAsync(await member.GetAsync($"/api/conversations/{c.Slug}"), HttpStatusCode.Forbidden);
        Assert.DoesNotContain("Free buses", await member.GetStringAsync($"/conversations/{c.Slug}"));
        Assert.DoesNotContain((await member.GetFromJsonAsync<Page<ConversationSummary>>("/api/conversations?pageSize=100"))!.Items, x => x.Id == c.Id);
        Assert.Equal(ContentModeration.UnderReview, (await host.GetFromJsonAsync<ConversationView>($"/api/conversations/{c.Slug}"))!.Moderation);
        Assert.Contains("Free buses", await host.GetStringAsync($"/conversations/{c.Slug}"));
        Assert.NotEqual(HttpStatusCode.NoContent, (await host.PostAsJsonAsync($"/api/conversations/{c.Slug}/votes", new { statement = 0, vote = -1 })).StatusCode);
        var pageUrl = $"/conversations/{c.Slug}";
        var vote = await Forms.SubmitAsync(await app.BrowserAsync(hostMember), pageUrl, new Dictionary<string, string> { ["statement"] = "0", ["vote"] = "-1" }, pageUrl + "?handler=Vote");
        Assert.NotEqual(HttpStatusCode.Redirect, vote.StatusCode);
        Assert.Contains("A community jury is reviewing this", Forms.Text(await vote.Content.ReadAsStringAsync()));

        await HideAsync("conversation", c.Id, ContentModeration.Removed);
        await ProblemAssert.IsProblemAsync(await member.GetAsync($"/api/conversations/{c.Slug}"), HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateClient().GetAsync($"/conversations/{c.Slug}")).StatusCode);
    }
}

public sealed class FlaggingPlatformTests_Sqlite(SqliteApp app) : FlaggingPlatformTests(app), IClassFixture<SqliteApp>;
public sealed class FlaggingPlatformTests_Postgres(PostgresApp app) : FlaggingPlatformTests(app), IClassFixture<PostgresApp>;
