using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Messages;
using Grassroots.Features.Groups;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Messages;

/// <summary>The host as it starts by default: no relay receives mail, so no mail may tell anyone to reply to it.</summary>
public abstract class WithoutRelayTests(AppFactory app)
{
    [Fact]
    public async Task A_message_to_nobody_is_refused_and_without_the_relay_mail_points_to_the_site_and_loads_no_images()
    {
        var (_, organizer) = await app.MemberAsync("Ines Organizer");
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Block {Guid.NewGuid():N}"[..20], kind = "Issue", description = "Us." }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var subject = $"Potluck {Guid.NewGuid():N}";
        var message = new { groupId = group.Id, subject, body = "Bring a dish ![](https://tracker.example/p.png?u=1)" };

        // Alone in the group: nobody would receive it, and nothing is archived.
        var alone = await ProblemAssert.IsProblemAsync(await organizer.PostAsJsonAsync("/api/messages", message), HttpStatusCode.BadRequest);
        Assert.Contains("groupId", alone.Keys);
        Assert.Equal(0, (await organizer.GetFromJsonAsync<Grassroots.Infrastructure.Web.Page<MessageSummary>>($"/api/groups/{group.Id}/messages"))!.Total);

        var (member, memberClient) = await app.MemberAsync("Mo Member");
        Assert.Equal(HttpStatusCode.NoContent, (await memberClient.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await organizer.PostAsJsonAsync("/api/messages", message)).StatusCode);
        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject?.Contains(subject) == true);
        Assert.Empty(mail.ReplyTo.Mailboxes);
        Assert.DoesNotContain("Reply to this email", mail.TextBody);
        Assert.DoesNotContain("Reply to this email", mail.HtmlBody);
        Assert.Contains("/messages/", mail.TextBody); // where to answer instead
        // An image would load when the mail is opened and tell its writer who read it, and when: it is a link.
        Assert.DoesNotContain("<img", mail.HtmlBody);
        Assert.Contains("href=\"https://tracker.example/p.png?u=1\"", mail.HtmlBody);
    }
}

public sealed class WithoutRelayTests_Sqlite(SqliteApp app) : WithoutRelayTests(app), IClassFixture<SqliteApp>;
public sealed class WithoutRelayTests_Postgres(PostgresApp app) : WithoutRelayTests(app), IClassFixture<PostgresApp>;
