using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Notices;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Platform;

/// <summary>Drafting the platform: documents and versions, amendments to the ballot, facilitators merging, bad input.</summary>
public abstract class PlatformTests(AppFactory app)
{
    public const string Text = """
        # People's Platform

        What we stand for.

        ## Economy

        ### Living wage

        Raise the minimum wage to $15 and end tipped wages for all workers.

        ### Jobs

        A federal jobs guarantee.

        ## Democracy

        Overturn Citizens United.
        """;

    internal static async Task<DocumentView> CreateAsync(HttpClient client, string? title = null)
    {
        var response = await client.PostAsJsonAsync("/api/platform", new { title = title ?? $"Platform {Guid.NewGuid():N}"[..20], text = Text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<DocumentView>())!;
    }

    /// <summary>A creator asks a member to facilitate and the member accepts: the role is theirs only then.</summary>
    internal static async Task NameAsync(HttpClient creator, DocumentView doc, Guid memberId, HttpClient member, string role = "Facilitator")
    {
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId, role })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsync($"/api/platform/{doc.Id}/facilitators/me/accept", null)).StatusCode);
    }

    internal static async Task<AmendmentView> ProposeAsync(HttpClient client, DocumentView doc, Guid plank, string text, string kind = "Change", string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/platform/{doc.Slug}/amendments")
        {
            Content = JsonContent.Create(new { version = doc.CurrentVersion, plankKey = plank, kind, title = "Change it", text, reason = "Because." }),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AmendmentView>())!;
    }

    private static async Task SmallBallotAsync(HttpClient creator, DocumentView doc, int minimum) =>
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/settings", new { ballotPerMille = 1, ballotMinimum = minimum })).StatusCode);

    [Fact]
    public async Task A_member_starts_a_document_from_markdown_and_reads_it_back_by_version()
    {
        var (_, client) = await app.MemberAsync();
        var doc = await CreateAsync(client, "Our Platform");
        Assert.Equal(1, doc.Version);
        Assert.Equal(PlatformPhase.Drafting, doc.Phase.Phase);
        Assert.Equal(["Economy", "Democracy"], doc.Sections.Select(s => s.Title));
        Assert.Equal([1, 2, 3], doc.Planks.Select(p => p.Number));
        Assert.True(doc.ICreated);
        Assert.StartsWith("our-platform", doc.Slug);
        var again = (await app.CreateClient().GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}?version=1"))!;
        Assert.Equal(doc.Planks.Select(p => p.Body), again.Planks.Select(p => p.Body));
        Assert.False(again.IFacilitate); // an anonymous reader
        Assert.Contains((await app.CreateClient().GetFromJsonAsync<Page<DocumentSummary>>("/api/platform?pageSize=100"))!.Items, d => d.Id == doc.Id);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/platform/{doc.Slug}?version=7"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_text_without_title_or_planks_is_refused_with_what_to_fix_and_nothing_is_stored()
    {
        var (member, client) = await app.MemberAsync();
        var errors = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/platform", new { text = "## Only a heading" }), HttpStatusCode.BadRequest);
        Assert.Contains("title", errors.Keys);
        Assert.Contains("text", errors.Keys);
        var huge = "## A\n\n" + new string('x', PlatformPlank.MaxBodyLength + 1);
        Assert.Contains("text", (await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/platform", new { title = "T", text = huge }), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlatformDocuments.CountAsync(d => d.CreatedById == member.Id)));
        // The preview answers the same without storing.
        var preview = (await (await client.PostAsJsonAsync("/api/platform/preview", new { text = Text })).Content.ReadFromJsonAsync<ParsedPlatform>())!;
        Assert.Equal(3, preview.Sections.Sum(s => s.Planks.Count));
        // Lists nested by indentation past Markdig's limit: a clear 400 on the preview and on create (it answered 500).
        var nested = "# Nest\n\n## S\n\n### P\n\n" + string.Join("\n", Enumerable.Range(0, 80).Select(i => new string(' ', 2 * i) + "- a"));
        Assert.Contains("nest more than", (await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/platform/preview", new { text = nested }), HttpStatusCode.BadRequest))["text"][0]);
        Assert.Contains("text", (await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/platform", new { text = nested }), HttpStatusCode.BadRequest)).Keys);
        // The same lists after a first line indented as code (the depth was checked before trimming): 400 too.
        var indented = "    - a\n" + string.Join("\n", Enumerable.Range(1, 119).Select(i => new string(' ', 2 + 2 * i) + "- a"));
        Assert.Contains("text", (await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/platform/preview", new { text = indented }), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/platform", new { title = "T", text = Text })).StatusCode);
    }

    [Fact]
    public async Task An_amendment_shows_its_diff_gathers_cosigners_to_the_ballot_and_cosigners_hear_of_a_revision()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await CreateAsync(creator);
        await SmallBallotAsync(creator, doc, 3);
        var (author, authorClient) = await app.MemberAsync("Ada Author");
        var wage = doc.Planks.First().Key;
        var a = await ProposeAsync(authorClient, doc, wage, "Raise the minimum wage to $20 and end tipped wages for all workers.");
        Assert.Equal(1, a.Number);
        Assert.Contains(a.Diff, p => p.Kind == DiffKind.Deleted && p.Text.Contains("$15"));
        Assert.Contains(a.Diff, p => p.Kind == DiffKind.Inserted && p.Text.Contains("$20"));
        Assert.Equal(3, a.BallotThreshold);
        // The author's name is on it already.
        await ProblemAssert.IsProblemAsync(await authorClient.PutAsync($"/api/platform/{doc.Slug}/amendments/1/cosign", null), HttpStatusCode.BadRequest);

        var signers = new List<(Grassroots.Features.Members.Member, HttpClient)>();
        for (var i = 0; i < 3; i++) signers.Add(await app.MemberAsync());
        foreach (var (_, c) in signers.Take(2)) Assert.Equal(HttpStatusCode.NoContent, (await c.PutAsync($"/api/platform/{doc.Slug}/amendments/1/cosign", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await signers[0].Item2.PutAsync($"/api/platform/{doc.Slug}/amendments/1/cosign", null)).StatusCode); // twice: harmless
        var two = (await authorClient.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/1"))!;
        Assert.Equal((2, AmendmentStatus.Open), (two.Cosigners, two.Status));
        Assert.Equal(HttpStatusCode.NoContent, (await signers[2].Item2.PutAsync($"/api/platform/{doc.Slug}/amendments/1/cosign", null)).StatusCode);
        Assert.Equal(AmendmentStatus.OnBallot, (await authorClient.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/1"))!.Status);
        Assert.Contains((await authorClient.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items, n => n.Kind == nameof(NoticeKind.AmendmentDecided) && n.Headline.Contains("ballot"));

        // The author revises: every revision kept, co-signers told; one withdraws and it leaves the ballot.
        Assert.Equal(HttpStatusCode.NoContent, (await authorClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/1/revisions",
            new { title = "A $20 wage", text = "Raise the minimum wage to $20 by 2028 and end tipped wages for all workers.", reason = "Phase it in." })).StatusCode);
        var revised = (await signers[0].Item2.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/1"))!;
        Assert.Equal(2, revised.Revision);
        Assert.Equal(1, revised.MyCosignedRevision);
        Assert.Equal(["Change it", "A $20 wage"], revised.Revisions.Select(r => r.Title));
        Assert.Contains("$15", (await signers[0].Item2.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/1?revision=1"))!.PlankBody);
        foreach (var (_, c) in signers)
            Assert.Contains((await c.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items, n => n.Kind == nameof(NoticeKind.AmendmentRevised) && n.Link.EndsWith("/amendments/1"));
        Assert.Equal(HttpStatusCode.NoContent, (await signers[1].Item2.DeleteAsync($"/api/platform/{doc.Slug}/amendments/1/cosign")).StatusCode);
        var after = (await authorClient.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/1"))!;
        Assert.Equal((2, AmendmentStatus.Open), (after.Cosigners, after.Status));
        // Someone else cannot revise or withdraw it.
        await ProblemAssert.IsProblemAsync(await signers[0].Item2.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/1/revisions", new { title = "Mine", text = "x" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await signers[0].Item2.PostAsync($"/api/platform/{doc.Slug}/amendments/1/withdraw", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Amending_a_frozen_an_old_or_a_missing_version_or_with_bad_text_is_refused_clearly()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await CreateAsync(creator);
        var (_, member) = await app.MemberAsync();
        var plank = doc.Planks.First();
        async Task<IReadOnlyDictionary<string, string[]>> Refused(object input) =>
            await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments", input), HttpStatusCode.BadRequest);
        var missing = await Refused(new { version = 9, plankKey = plank.Key, title = "T", text = "New words." });
        Assert.Contains("no version 9", missing["version"][0]);
        Assert.Contains("plankKey", (await Refused(new { version = 1, plankKey = Guid.NewGuid(), title = "T", text = "New words." })).Keys);
        Assert.Contains("text", (await Refused(new { version = 1, plankKey = plank.Key, title = "T", text = plank.Body })).Keys); // the same words
        Assert.Contains("text", (await Refused(new { version = 1, plankKey = plank.Key, title = "T", text = "" })).Keys);
        Assert.Contains("text", (await Refused(new { version = 1, plankKey = plank.Key, title = "T", text = new string('x', PlatformPlank.MaxBodyLength + 1) })).Keys);
        Assert.Contains("title", (await Refused(new { version = 1, plankKey = plank.Key, title = "", text = "New words." })).Keys);
        Assert.Contains("kind", (await Refused(new { version = 1, plankKey = plank.Key, kind = 9, title = "T", text = "New words." })).Keys);

        // Frozen for ratification: no amendment, whatever the switches say.
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { phase = "Frozen" })).StatusCode);
        Assert.Contains("frozen", (await Refused(new { version = 1, plankKey = plank.Key, title = "T", text = "New words." }))["version"][0]);
        Assert.Contains("amendmentsOpen", (await ProblemAssert.IsProblemAsync(await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/settings", new { amendmentsOpen = true }), HttpStatusCode.BadRequest)).Keys);
        // And phases only move forward.
        Assert.Contains("phase", (await ProblemAssert.IsProblemAsync(await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { phase = "Drafting" }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("Frozen", (await member.GetFromJsonAsync<Page<LogEntry>>($"/api/platform/{doc.Slug}/log"))!.Items[0].Detail);
    }

    [Fact]
    public async Task Facilitators_accept_and_merge_amendments_into_a_new_version_and_conflicts_are_shown_and_refused()
    {
        var (_, creator) = await app.MemberAsync("Cora Creator");
        var doc = await CreateAsync(creator);
        var (facilitator, facilitatorClient) = await app.MemberAsync("Fay Facilitator");
        var (_, member) = await app.MemberAsync();
        var wage = doc.Planks.First().Key;
        // Only creators name facilitators; only facilitators decide.
        await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = facilitator.Id }), HttpStatusCode.Forbidden);
        await NameAsync(creator, doc, facilitator.Id, facilitatorClient);

        var twenty = await ProposeAsync(member, doc, wage, "Raise the minimum wage to $20 and end tipped wages for all workers.");
        var eighteen = await ProposeAsync(member, doc, wage, "Raise the minimum wage to $18 and end tipped wages for all workers.");
        var every = await ProposeAsync(member, doc, wage, "Raise the minimum wage to $15 and end tipped wages for every worker.");
        var added = await ProposeAsync(member, doc, wage, "### Child care\n\nUniversal child care.", kind: "AddPlank");
        var list = (await member.GetFromJsonAsync<Page<AmendmentSummary>>($"/api/platform/{doc.Slug}/amendments"))!;
        Assert.Equal([eighteen.Number], list.Items.Single(a => a.Number == twenty.Number).ConflictsWith);
        Assert.Empty(list.Items.Single(a => a.Number == every.Number).ConflictsWith);
        Assert.Equal(eighteen.Number, Assert.Single((await member.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/{twenty.Number}"))!.Conflicts).Number);

        await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{twenty.Number}/decision", new { accept = true }), HttpStatusCode.Forbidden);
        Assert.Contains("note", (await ProblemAssert.IsProblemAsync(await facilitatorClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{eighteen.Number}/decision", new { accept = false }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("note", (await ProblemAssert.IsProblemAsync(await facilitatorClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{eighteen.Number}/decision", new { accept = false, note = "No" }), HttpStatusCode.BadRequest)).Keys);
        foreach (var n in new[] { twenty.Number, eighteen.Number, every.Number, added.Number })
            Assert.Equal(HttpStatusCode.NoContent, (await facilitatorClient.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{n}/decision", new { accept = true })).StatusCode);
        // Two accepted amendments that change the same words differently: the merge says which, and nothing changes.
        var clash = await ProblemAssert.IsProblemAsync(await facilitatorClient.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = new[] { twenty.Number, eighteen.Number } }), HttpStatusCode.BadRequest);
        Assert.Contains($"#{twenty.Number}", clash["amendments"][0]);
        Assert.Equal(1, (await member.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.CurrentVersion);

        var merged = await facilitatorClient.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = new[] { twenty.Number, every.Number, added.Number }, note = "Wage and child care" });
        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        var v2 = (await member.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.Equal(2, v2.Version);
        Assert.Equal("Raise the minimum wage to $20 and end tipped wages for every worker.", v2.Planks.First().Body);
        Assert.Equal(("Child care", "Universal child care."), (v2.Planks.ElementAt(1).Title, v2.Planks.ElementAt(1).Body));
        Assert.Equal(4, v2.Planks.Count());
        // Version 1 is unchanged; the comparison shows the change and the new plank.
        Assert.Contains("$15", (await member.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}?version=1"))!.Planks.First().Body);
        var compare = (await member.GetFromJsonAsync<VersionComparison>($"/api/platform/{doc.Slug}/compare?from=1&to=2"))!;
        Assert.Equal([PlankChangeKind.Changed, PlankChangeKind.Added, PlankChangeKind.Same, PlankChangeKind.Same], compare.Planks.Select(p => p.Kind));
        await ProblemAssert.IsProblemAsync(await member.GetAsync($"/api/platform/{doc.Slug}/compare?from=1&to=5"), HttpStatusCode.NotFound);
        // The accepted #18 was against version 1's wording, which changed: it must be revised first.
        Assert.Contains("revise", (await ProblemAssert.IsProblemAsync(await facilitatorClient.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = new[] { eighteen.Number } }), HttpStatusCode.BadRequest))["amendments"][0]);
        var log = (await member.GetFromJsonAsync<Page<LogEntry>>($"/api/platform/{doc.Slug}/log"))!.Items;
        Assert.Equal("merge", log[0].Action);
        Assert.StartsWith("Fay", log[0].By);
        Assert.Equal(4, log.Count(e => e.Action == "amendment.accept"));
        Assert.Contains((await member.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items, n => n.Headline.Contains("version 2"));

        // Export: Markdown the importer reads back plank for plank; HTML escaped.
        var md = await member.GetStringAsync($"/api/platform/{doc.Slug}/versions/2/export?format=md");
        var back = (await (await member.PostAsJsonAsync("/api/platform/preview", new { text = md })).Content.ReadFromJsonAsync<ParsedPlatform>())!;
        Assert.Equal(v2.Planks.Select(p => p.Body), back.Sections.SelectMany(s => s.Planks).Select(p => p.Body));
        var html = await member.GetAsync($"/api/platform/{doc.Slug}/versions/2/export?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h3>2. Child care</h3>", await html.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"en\">", await html.Content.ReadAsStringAsync());
        // In Spanish, the page says so (its version line is Spanish).
        using var spanish = new HttpRequestMessage(HttpMethod.Get, $"/api/platform/{doc.Slug}/versions/2/export?format=html");
        spanish.Headers.AcceptLanguage.ParseAdd("es");
        var es = await (await member.SendAsync(spanish)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es\">", es);
        Assert.Contains("Versión 2", System.Net.WebUtility.HtmlDecode(es));
    }

    [Fact]
    public async Task Parallel_cosigns_count_each_member_once_and_a_retried_proposal_is_stored_once()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await CreateAsync(creator);
        var (_, author) = await app.MemberAsync();
        var key = Guid.NewGuid().ToString();
        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ProposeAsync(author, doc, doc.Planks.Last().Key, "Overturn Citizens United now.", key: key)));
        Assert.Single(first.Select(a => a.Id).Distinct());
        var members = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.MemberAsync()));
        // Each member signs twice at once: 40 signatures, no more.
        var answers = await Task.WhenAll(members.SelectMany(m => new[] { m.Client, m.Client }).Select(c => c.PutAsync($"/api/platform/{doc.Slug}/amendments/{first[0].Number}/cosign", null)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        var (count, rows) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return ((await db.Amendments.SingleAsync(a => a.Id == first[0].Id)).Cosigners, await db.AmendmentCosigns.CountAsync(c => c.AmendmentId == first[0].Id));
        });
        Assert.Equal((40, 40), (count, rows));
    }

    [Fact]
    public async Task Comments_thread_one_level_deep_and_close_with_the_phase_switch()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await CreateAsync(creator);
        var (_, member) = await app.MemberAsync();
        var a = await ProposeAsync(member, doc, doc.Planks.First().Key, "Raise the minimum wage to $25 and end tipped wages for all workers.");
        var url = $"/api/platform/{doc.Slug}/amendments/{a.Number}/comments";
        var root = (await (await member.PostAsJsonAsync(url, new { body = "Why $25?" })).Content.ReadFromJsonAsync<CommentCreated>())!.Id;
        var reply = (await (await creator.PostAsJsonAsync(url, new { body = "Cost of living.", parentId = root })).Content.ReadFromJsonAsync<CommentCreated>())!.Id;
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync(url, new { body = "Fair.", parentId = reply })).StatusCode);
        var thread = Assert.Single((await member.GetFromJsonAsync<Page<CommentView>>(url))!.Items);
        Assert.Equal(2, thread.Replies.Count);
        Assert.Contains("body", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url, new { body = " " }), HttpStatusCode.BadRequest)).Keys);
        await ProblemAssert.IsProblemAsync(await member.DeleteAsync($"/api/platform/comments/{reply}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/settings", new { commentsOpen = false })).StatusCode);
        Assert.Contains("closed", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync(url, new { body = "More?" }), HttpStatusCode.BadRequest))["body"][0]);
    }
}


public abstract partial class PlatformImportTests(AppFactory app)
{
    [Fact]
    public async Task A_docx_is_previewed_as_markdown_split_into_planks_and_a_bad_file_says_so()
    {
        var (member, client) = await app.MemberAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(DocxImportTests.Docx(("Title", "Imported", false), ("Heading2", "Land", false), ("", "Land back.", false))), "file", "platform.docx" },
        };
        var preview = (await (await client.PostAsync("/api/platform/preview/docx", form)).Content.ReadFromJsonAsync<DocxPreview>())!;
        Assert.Equal("Imported", preview.Parsed.Title);
        Assert.Equal("Land back.", Assert.Single(Assert.Single(preview.Parsed.Sections).Planks).Body);
        using var bad = new MultipartFormDataContent { { new ByteArrayContent("plain text"u8.ToArray()), "file", "platform.docx" } };
        Assert.Contains("file", (await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/platform/preview/docx", bad), HttpStatusCode.BadRequest)).Keys);
        // A preview stores nothing.
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlatformDocuments.CountAsync(d => d.CreatedById == member.Id)));
    }

    [Fact]
    public async Task A_plank_added_without_a_title_line_takes_the_amendments_title()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (_, member) = await app.MemberAsync();
        var added = await PlatformTests.ProposeAsync(member, doc, doc.Planks.First().Key, "Dental care in public health care.", kind: "AddPlank");
        Assert.Contains("A new plank after", await member.GetStringAsync($"/platform/{doc.Slug}/amendments/{added.Number}"));
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{added.Number}/decision", new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = new[] { added.Number } })).StatusCode);
        var v2 = (await member.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.Equal(("Change it", "Dental care in public health care."), (v2.Planks.ElementAt(1).Title, v2.Planks.ElementAt(1).Body));
    }
}

public sealed class PlatformImportTests_Sqlite(SqliteApp app) : PlatformImportTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformImportTests_Postgres(PostgresApp app) : PlatformImportTests(app), IClassFixture<PostgresApp>;

public sealed class PlatformTests_Sqlite(SqliteApp app) : PlatformTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformTests_Postgres(PostgresApp app) : PlatformTests(app), IClassFixture<PostgresApp>;
