using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Notices;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Platform;

/// <summary>A comment on my amendment, and an answer to my comment, tell me; my own words never do.</summary>
public abstract class CommentNoticesTests(AppFactory app)
{
    private static async Task<List<NoticeView>> NoticesAsync(HttpClient client, NoticeKind kind) =>
        (await client.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices?pageSize=100"))!.Items.Where(n => n.Kind == kind.ToString()).ToList();

    [Fact]
    public async Task The_author_hears_of_comments_the_commenter_hears_of_answers_and_nobody_of_their_own()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (_, author) = await app.MemberAsync("Ana Author");
        var a = await PlatformTests.ProposeAsync(author, doc, doc.Planks.First().Key, "Raise the minimum wage to $17 and end tipped wages for all workers.");
        var url = $"/api/platform/{doc.Slug}/amendments/{a.Number}/comments";
        async Task<Guid> CommentAsync(HttpClient client, string body, Guid? parentId = null)
        {
            var r = await client.PostAsJsonAsync(url, new { body, parentId });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<CommentCreated>())!.Id;
        }

        // The author's own comment tells no one.
        var own = await CommentAsync(author, "Why $17: rents.");
        Assert.Empty(await NoticesAsync(author, NoticeKind.AmendmentCommented));

        var (_, commenter) = await app.MemberAsync("Cy Commenter");
        var question = await CommentAsync(commenter, "Why not $20?");
        var commented = Assert.Single(await NoticesAsync(author, NoticeKind.AmendmentCommented));
        Assert.Equal($"Cy commented on your amendment #{a.Number}, \"Change it\" — in \"{doc.Title}\"", commented.Headline);
        Assert.EndsWith($"/amendments/{a.Number}#c-{question}", commented.Link);

        // The author answers: the commenter hears of it, the author of nothing new.
        await CommentAsync(author, "Because of small businesses.", question);
        var answered = Assert.Single(await NoticesAsync(commenter, NoticeKind.CommentAnswered));
        Assert.StartsWith("Ana answered your comment", answered.Headline);
        Assert.Single(await NoticesAsync(author, NoticeKind.AmendmentCommented));
        Assert.Empty(await NoticesAsync(author, NoticeKind.CommentAnswered));

        // A third member answers the author's own comment: one notice to the author, as the one answered.
        var (_, third) = await app.MemberAsync("Tom Third");
        await CommentAsync(third, "Agreed on rents.", own);
        Assert.Single(await NoticesAsync(author, NoticeKind.CommentAnswered));
        Assert.Single(await NoticesAsync(author, NoticeKind.AmendmentCommented));
        // Answering one's own comment tells no one new.
        await CommentAsync(commenter, "Also, inflation.", question);
        Assert.Single(await NoticesAsync(commenter, NoticeKind.CommentAnswered));
        Assert.Equal(2, (await NoticesAsync(author, NoticeKind.AmendmentCommented)).Count);

        // In the reader's language, and with a setting of its own.
        var es = (await author.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices?pageSize=100&culture=es"))!.Items.First(n => n.Kind == nameof(NoticeKind.AmendmentCommented));
        Assert.Contains("comentó tu enmienda", es.Headline);
        var settings = await author.GetStringAsync("/api/me/notices/settings");
        Assert.Contains(nameof(NoticeKind.CommentAnswered), settings);
    }
}

public sealed class CommentNoticesTests_Sqlite(SqliteApp app) : CommentNoticesTests(app), IClassFixture<SqliteApp>;
public sealed class CommentNoticesTests_Postgres(PostgresApp app) : CommentNoticesTests(app), IClassFixture<PostgresApp>;
