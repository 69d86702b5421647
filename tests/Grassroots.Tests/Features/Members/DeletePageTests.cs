using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Members;

/// <summary>The account deletion page says what deleting does, all of it, before the member confirms.</summary>
public abstract class DeletePageTests(AppFactory app)
{
    [Fact]
    public async Task The_deletion_page_says_accepted_pledges_are_withdrawn_too_in_english_and_spanish()
    {
        // Deleting withdraws every active pledge, accepted ones included (LeavingProjects): the progress bars fall.
        var browser = await app.BrowserAsync();
        var en = Forms.Text(await browser.GetStringAsync("/me/delete?culture=en"));
        Assert.Contains("Your pledges are withdrawn, the accepted ones too: what you promised no longer counts toward the projects' goals", en);
        Assert.DoesNotContain("Your open pledges are withdrawn", en);
        Assert.Contains("is offered to its longest-standing followers: the first to accept runs it", en); // nobody is made an owner unasked
        Assert.Contains("each project's owners are told which of their needs reopened", en); // they are, by a notice
        var es = Forms.Text(await browser.GetStringAsync("/me/delete?culture=es"));
        Assert.Contains("Tus compromisos se retiran, también los ya aceptados", es);
        Assert.Contains("se les avisa de qué necesidades volvieron a abrirse", es);
    }
}

public sealed class DeletePageTests_Sqlite(SqliteApp app) : DeletePageTests(app), IClassFixture<SqliteApp>;
public sealed class DeletePageTests_Postgres(PostgresApp app) : DeletePageTests(app), IClassFixture<PostgresApp>;
