using System.Net;
using System.Net.Http.Json;
using Grassroots.Tests.Features.Moderation;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Members;

/// <summary>The forms that mail an account (reset, new link, sign-up) cannot be used to flood its inbox.</summary>
public abstract class AccountMailTests(DbKind kind)
{
    [Fact]
    public async Task Asking_again_and_again_mails_one_reset_link_and_one_sign_up_notice_and_still_answers_alike()
    {
        await using var app = await ModerationApp.StartAsync(kind, new Dictionary<string, string?> { ["Accounts:AccountMailInterval"] = "00:02:00", ["Accounts:MinimumAnswerTime"] = "00:00:00" /* its clock is a fake one that stands still */ });
        var (member, _) = await app.MemberAsync("Dave Inbox");
        var client = app.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/forgotPassword", new { email = member.Email })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/register", new { displayName = "Flood", email = member.Email })).StatusCode);
        }
        await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("Reset"));
        await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("tried to join"));
        await Task.Delay(1500); // the outbox polls every 200 ms: any more would have arrived
        int Count(string subject) => app.Smtp.Received.Count(m => m.To.Mailboxes.Any(x => x.Address == member.Email) && m.Subject!.Contains(subject));
        Assert.Equal(1, Count("Reset"));
        Assert.Equal(1, Count("tried to join"));
    }
}

public sealed class AccountMailTests_Sqlite() : AccountMailTests(DbKind.Sqlite);
public sealed class AccountMailTests_Postgres() : AccountMailTests(DbKind.Postgres);
