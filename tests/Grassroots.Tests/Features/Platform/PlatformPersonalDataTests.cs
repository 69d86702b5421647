using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Conversations;
using Grassroots.Features.Platform;
using Grassroots.Tests.Features.Conversations;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Platform;

/// <summary>A member's data export holds what they wrote and did in the platform and in conversations, and nothing of anyone else.</summary>
public abstract class PlatformPersonalDataTests(AppFactory app)
{
    [Fact]
    public async Task The_export_holds_my_amendments_revisions_signatures_comments_facilitating_statements_and_votes_and_nothing_of_others()
    {
        var (me, mine) = await app.MemberAsync("Mia Mine");
        var (other, theirs) = await app.MemberAsync("Oli Theirs");
        var doc = await PlatformTests.CreateAsync(mine, "My own platform " + Guid.NewGuid().ToString("N")[..6]);
        await PlatformTests.NameAsync(mine, doc, other.Id, theirs);
        var planks = doc.Planks.Select(p => p.Key).ToList();
        var a = await PlatformTests.ProposeAsync(mine, doc, planks[0], "Raise the minimum wage to $21 and end tipped wages for all workers.");
        Assert.Equal(HttpStatusCode.NoContent, (await mine.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/revisions",
            new { title = "MINE-REVISED", text = "Raise the minimum wage to $22 and end tipped wages for all workers.", reason = "MINE-REASON" })).StatusCode);
        var b = await PlatformTests.ProposeAsync(theirs, doc, planks[1], "THEIRS-AMENDMENT jobs for all.");
        Assert.Equal(HttpStatusCode.NoContent, (await mine.PutAsync($"/api/platform/{doc.Slug}/amendments/{b.Number}/cosign", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await theirs.PutAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign", null)).StatusCode);
        var comments = $"/api/platform/{doc.Slug}/amendments/{b.Number}/comments";
        Assert.Equal(HttpStatusCode.Created, (await mine.PostAsJsonAsync(comments, new { body = "MINE-COMMENT" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await theirs.PostAsJsonAsync(comments, new { body = "THEIRS-COMMENT" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await theirs.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{b.Number}/decision", new { accept = false, note = "THEIRS-DECISION" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mine.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { phase = "Deliberation" })).StatusCode);

        var c = await ConversationsTests.StartAsync(theirs, "THEIRS-SEED wages.");
        var url = $"/api/conversations/{c.Slug}";
        var s = (await (await mine.PostAsJsonAsync(url + "/statements", new { text = "MINE-STATEMENT index it." })).Content.ReadFromJsonAsync<StatementCreated>())!.Number;
        Assert.Equal(HttpStatusCode.NoContent, (await mine.PostAsJsonAsync(url + "/votes", new { statement = 0, vote = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await theirs.PostAsJsonAsync(url + "/votes", new { statement = s, vote = 0 })).StatusCode);

        using var export = JsonDocument.Parse(await mine.GetStringAsync("/api/me/export"));
        var root = export.RootElement;
        JsonElement[] Part(string name) => root.GetProperty(name).EnumerateArray().ToArray();
        Assert.Contains(Part("platformDocuments"), d => d.GetProperty("documentId").GetGuid() == doc.Id);
        var revisions = Part("amendments");
        Assert.Equal([1, 2], revisions.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Contains("$21", revisions[0].GetProperty("text").GetString());
        Assert.Equal(("MINE-REVISED", "MINE-REASON"), (revisions[1].GetProperty("amendmentTitle").GetString(), revisions[1].GetProperty("reason").GetString()));
        var signature = Assert.Single(Part("cosignatures"));
        Assert.Equal(b.Number, signature.GetProperty("amendment").GetInt32());
        Assert.Equal("MINE-COMMENT", Assert.Single(Part("amendmentComments")).GetProperty("body").GetString());
        Assert.Equal("Creator", Assert.Single(Part("facilitating")).GetProperty("role").GetString());
        var acts = Part("facilitatorActs");
        Assert.Equal(["facilitator.name", "phase"], acts.Select(x => x.GetProperty("action").GetString()));
        var participation = Assert.Single(Part("conversations"));
        Assert.Equal(c.Id, participation.GetProperty("conversationId").GetGuid());
        Assert.Equal("MINE-STATEMENT index it.", Assert.Single(Part("statements")).GetProperty("text").GetString());
        var votes = Part("statementVotes");
        Assert.Equal([("THEIRS-SEED wages.", "Disagree"), ("MINE-STATEMENT index it.", "Agree")],
            votes.OrderBy(v => v.GetProperty("statement").GetInt32()).Select(v => (v.GetProperty("text").GetString(), v.GetProperty("vote").GetString())));
        Assert.Empty(Part("conversationsStarted"));
        // Nothing another member wrote or did: their amendment's text, comment, decision, vote.
        var all = root.GetRawText();
        Assert.DoesNotContain("THEIRS-COMMENT", all);
        Assert.DoesNotContain("THEIRS-DECISION", all);
        Assert.DoesNotContain("jobs for all", all);
        Assert.DoesNotContain("\"Pass\"", all);

        // The page names each part in the reader's language.
        var page = await mine.GetStringAsync("/me/export?culture=es");
        Assert.Contains("Enmiendas que propuse", page);
        Assert.Contains("Mis votos sobre afirmaciones", page);
        Assert.Contains("En desacuerdo", page);
        // Codes whose word depends on what they name: a role on a document, an amendment's status.
        Assert.Contains("Persona creadora", Forms.Text(page));
        Assert.Contains("Reuniendo firmas", page);
        Assert.DoesNotContain(">Creator<", page);
        Assert.DoesNotContain(">Open<", page);
    }
}

public sealed class PlatformPersonalDataTests_Sqlite(SqliteApp app) : PlatformPersonalDataTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformPersonalDataTests_Postgres(PostgresApp app) : PlatformPersonalDataTests(app), IClassFixture<PostgresApp>;
