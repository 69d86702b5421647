using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Notices;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Features.Moderation;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Grassroots.Tests.Features.Notices;

/// <summary>People hear back: owners of pledges, pledgers of answers, owners of needs a leaver reopened; by mail as each chose.</summary>
public abstract class NoticesTests(AppFactory app)
{
    internal static async Task<ProjectView> LaunchAsync(HttpClient owner, string title, bool autoAccept = false, int needs = 1)
    {
        var response = await owner.PostAsJsonAsync("/api/projects", new
        {
            title, goal = "Fix bikes for neighbours.", online = true,
            needs = Enumerable.Range(1, needs).Select(i => new { kind = "People", title = $"Mechanics {i}", quantity = 3, skill = "canvassing", autoAccept }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProjectView>())!;
    }

    internal static async Task<Guid> PledgeAsync(HttpClient pledger, ProjectView project, int need = 0)
    {
        var response = await pledger.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[need].Id}/pledges", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PledgeView>())!.Id;
    }

    internal static async Task<List<NoticeView>> NoticesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices?pageSize=100"))!.Items.ToList();

    /// <summary>Waits until the mailer has decided every notice of the member (mailed, put in the digest, or not mailed).</summary>
    internal static async Task MailerDecidedAsync(AppFactory app, Guid memberId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.AnyAsync(n => n.MemberId == memberId && n.Mail == NoticeMailState.Pending)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The mailer did not look at the notices.");
            await Task.Delay(100);
        }
    }

    private static string Title(string what) => $"{what} {Guid.NewGuid():N}"[..26];

    [Fact]
    public async Task Every_owner_is_told_once_of_each_pledge_by_mail_with_a_one_click_unsubscribe()
    {
        var (ana, anaClient) = await app.MemberAsync("Ana Owner");
        var (ben, benClient) = await app.MemberAsync("Ben Coowner");
        var project = await LaunchAsync(anaClient, Title("Bike kitchen"));
        await benClient.PostAsync($"/api/projects/{project.Id}/follow", null);
        Assert.Equal(HttpStatusCode.Accepted, (await anaClient.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = ben.Id })).StatusCode);
        Assert.Contains(await NoticesAsync(benClient), n => n.Kind == nameof(NoticeKind.CoOwnerInvitation) && n.Headline.Contains(project.Title));
        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PostAsync($"/api/projects/{project.Id}/owners/me", null)).StatusCode);
        var (carla, carlaClient) = await app.MemberAsync("Carla Pledger");

        await PledgeAsync(carlaClient, project);

        foreach (var (owner, client) in new[] { (ana, anaClient), (ben, benClient) })
        {
            var told = (await NoticesAsync(client)).Where(n => n.Kind == nameof(NoticeKind.PledgeReceived)).ToList();
            var notice = Assert.Single(told);
            Assert.Equal($"Carla pledged to \"Mechanics 1\" of \"{project.Title}\"", notice.Headline);
            Assert.Equal($"/projects/{project.Slug}#pledges", notice.Link); // where the pledges to answer are
            Assert.False(notice.Read);
            var mail = await app.Smtp.WaitForAsync(owner.Email!, m => m.Subject == notice.Headline);
            // RFC 8058: a mail client's unsubscribe button POSTs to the link, without signing in.
            var unsubscribe = mail.Headers[HeaderId.ListUnsubscribe];
            Assert.Matches(@"^<https?://[^>]+/notices/unsubscribe\?token=[^>]+>$", unsubscribe);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            Assert.Contains($"/projects/{project.Slug}", mail.TextBody);
            Assert.Contains("/me/notices/settings", mail.TextBody);
        }
        Assert.DoesNotContain(await NoticesAsync(carlaClient), n => n.Kind == nameof(NoticeKind.PledgeReceived));
        await Task.Delay(500);
        Assert.Equal(1, app.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == ana.Email) && m.Subject!.Contains("pledged")));
    }

    [Fact]
    public async Task Pledging_withdrawing_and_pledging_again_tells_the_owner_once_a_day()
    {
        var (owner, ownerClient) = await app.MemberAsync("Olga Owner");
        var project = await LaunchAsync(ownerClient, Title("Loop"));
        var (_, pledger) = await app.MemberAsync("Lou Looper");
        for (var round = 0; round < 4; round++)
        {
            var pledge = await PledgeAsync(pledger, project);
            Assert.Equal(HttpStatusCode.NoContent, (await pledger.PostAsync($"/api/projects/{project.Id}/pledges/{pledge}/withdraw", null)).StatusCode);
        }
        Assert.Single(await NoticesAsync(ownerClient), n => n.Kind == nameof(NoticeKind.PledgeReceived));
        // The one mail arrives (the mailer queues it, the outbox sends it); nothing else follows it.
        await app.Smtp.WaitForAsync(owner.Email!, m => m.Subject?.Contains("pledged") == true);
        await MailerDecidedAsync(app, owner.Id);
        await Task.Delay(500);
        Assert.Equal(1, app.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == owner.Email) && m.Subject!.Contains("pledged")));
    }

    [Fact]
    public async Task The_pledger_hears_acceptance_and_decline_in_their_own_language_with_what_happens_next()
    {
        var (_, owner) = await app.MemberAsync("Olga Owner");
        var project = await LaunchAsync(owner, Title("Huerto"), needs: 2);
        var (pledger, pledgerClient) = await app.MemberAsync("Pablo");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == pledger.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "es")));
        var first = await PledgeAsync(pledgerClient, project, 0);
        var second = await PledgeAsync(pledgerClient, project, 1);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{project.Id}/pledges/{first}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{project.Id}/pledges/{second}/decline", null)).StatusCode);

        var accepted = await app.Smtp.WaitForAsync(pledger.Email!, m => m.Subject == $"Aceptaron tu compromiso con «{project.Needs[0].Title}» de «{project.Title}»");
        Assert.Contains("pueden escribirte a través de Grassroots", accepted.TextBody);
        Assert.Contains($"/projects/{project.Slug}", accepted.TextBody);
        var declined = await app.Smtp.WaitForAsync(pledger.Email!, m => m.Subject == $"Rechazaron tu compromiso con «{project.Needs[1].Title}» de «{project.Title}»");
        Assert.Contains("puedes comprometerte en otro lugar", declined.TextBody);
        Assert.Contains("/projects#for-you", declined.TextBody);
        // On the site the notices read in the reader's language of the moment.
        var mine = await NoticesAsync(pledgerClient);
        Assert.Contains(mine, n => n.Kind == nameof(NoticeKind.PledgeAccepted) && n.Headline == $"Your pledge to \"{project.Needs[0].Title}\" of \"{project.Title}\" was accepted");
        Assert.Contains(mine, n => n.Kind == nameof(NoticeKind.PledgeDeclined));
    }

    [Fact]
    public async Task Never_keeps_the_notice_on_the_site_and_sends_no_mail()
    {
        var (owner, ownerClient) = await app.MemberAsync("Nora Owner");
        var put = await ownerClient.PutAsJsonAsync("/api/me/notices/settings", new { settings = new Dictionary<string, string> { ["PledgeReceived"] = "Never" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains((await put.Content.ReadFromJsonAsync<List<NoticeSettingApiView>>())!, s => s is { Kind: "PledgeReceived", Delivery: "Never", Default: "AtOnce" });
        var project = await LaunchAsync(ownerClient, Title("Quiet"));
        var (_, pledger) = await app.MemberAsync();

        await PledgeAsync(pledger, project);
        await MailerDecidedAsync(app, owner.Id);

        Assert.Single(await NoticesAsync(ownerClient), n => n.Kind == nameof(NoticeKind.PledgeReceived));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AnyAsync(m => m.To == owner.Email)));
    }

    [Fact]
    public async Task Unknown_kinds_and_modes_are_field_errors()
    {
        var (_, client) = await app.MemberAsync();
        var problem = await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/me/notices/settings",
            new { settings = new Dictionary<string, string> { ["Gossip"] = "AtOnce", ["PledgeAccepted"] = "Hourly", ["PledgeDeclined"] = "2" } }), HttpStatusCode.BadRequest);
        Assert.Contains("PledgeReceived", problem["settings.Gossip"][0]);
        Assert.Contains("Digest", problem["settings.PledgeAccepted"][0]);
        Assert.True(problem.ContainsKey("settings.PledgeDeclined"));
        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/me/notices/settings", new { settings = new Dictionary<string, string>() }), HttpStatusCode.BadRequest);
        // Nothing was stored from the bad request.
        Assert.All((await client.GetFromJsonAsync<List<NoticeSettingApiView>>("/api/me/notices/settings"))!, s => Assert.Equal(s.Default, s.Delivery));
    }

    [Fact]
    public async Task The_one_click_POST_unsubscribes_without_a_cookie_a_GET_does_not_and_a_tampered_token_is_refused()
    {
        var (owner, ownerClient) = await app.MemberAsync("Uma Owner");
        var project = await LaunchAsync(ownerClient, Title("Unsub"));
        var (_, pledger) = await app.MemberAsync("Pia");
        await PledgeAsync(pledger, project);
        var mail = await app.Smtp.WaitForAsync(owner.Email!, m => m.Subject!.Contains(project.Title));
        var link = new Uri(mail.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>')).PathAndQuery;
        var stranger = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<string> DeliveryAsync() => (await ownerClient.GetFromJsonAsync<List<NoticeSettingApiView>>("/api/me/notices/settings"))!.Single(s => s.Kind == "PledgeReceived").Delivery;

        var get = await stranger.GetAsync(link); // a mail scanner opening the link
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Stop emails about", await get.Content.ReadAsStringAsync());
        Assert.Equal("AtOnce", await DeliveryAsync());

        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        var refused = await stranger.PostAsync(tampered, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("damaged", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.GetAsync("/notices/unsubscribe?token=not-a-token")).StatusCode);
        Assert.Equal("AtOnce", await DeliveryAsync());

        // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the link, with no cookie and no antiforgery token.
        var post = await stranger.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("Never", await DeliveryAsync());
        // Other kinds are untouched.
        Assert.All((await ownerClient.GetFromJsonAsync<List<NoticeSettingApiView>>("/api/me/notices/settings"))!.Where(s => s.Kind != "PledgeReceived"), s => Assert.Equal(s.Default, s.Delivery));

        // After the account is deleted the link changes nothing and says so.
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.DeleteAsync("/api/me")).StatusCode);
        var gone = await stranger.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.Contains("is deleted", await gone.Content.ReadAsStringAsync());
        var errors = app.Errors.Where(e => !e.Contains("__EFMigrationsHistory")).ToList(); // a fresh database has no history table yet
        Assert.True(errors.Count == 0, string.Join("\n\n", errors));
    }

    [Fact]
    public async Task Another_member_can_neither_read_nor_mark_my_notices()
    {
        var (_, ownerClient) = await app.MemberAsync("Mia Owner");
        var project = await LaunchAsync(ownerClient, Title("Private"));
        var (other, otherClient) = await app.MemberAsync("Otto");
        await PledgeAsync(otherClient, project);
        var mine = Assert.Single(await NoticesAsync(ownerClient));

        Assert.DoesNotContain(await NoticesAsync(otherClient), n => n.Id == mine.Id);
        var marked = await otherClient.PostAsJsonAsync("/api/me/notices/read", new { ids = new[] { mine.Id } });
        Assert.Equal(0, (await marked.Content.ReadFromJsonAsync<MarkedView>())!.Marked);
        var allMarked = await otherClient.PostAsJsonAsync("/api/me/notices/read", new { });
        Assert.Equal(HttpStatusCode.OK, allMarked.StatusCode);
        Assert.False(Assert.Single(await NoticesAsync(ownerClient)).Read);
        var otherBrowser = await app.BrowserAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/notices/{mine.Id}")).StatusCode);
        Assert.False(Assert.Single(await NoticesAsync(ownerClient)).Read);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/me/notices")).StatusCode);

        var own = await ownerClient.PostAsJsonAsync("/api/me/notices/read", new { ids = new[] { mine.Id } });
        Assert.Equal(1, (await own.Content.ReadFromJsonAsync<MarkedView>())!.Marked);
        Assert.True(Assert.Single(await NoticesAsync(ownerClient)).Read);
    }

    [Fact]
    public async Task Deleting_an_account_tells_each_owner_which_needs_reopened()
    {
        var (_, ownerClient) = await app.MemberAsync("Rita Owner");
        var project = await LaunchAsync(ownerClient, Title("Reopen"), autoAccept: true, needs: 2);
        var (_, leaver) = await app.MemberAsync("Leo");
        await PledgeAsync(leaver, project, 0);
        await PledgeAsync(leaver, project, 1);

        Assert.Equal(HttpStatusCode.NoContent, (await leaver.DeleteAsync("/api/me")).StatusCode);

        var told = Assert.Single(await NoticesAsync(ownerClient), n => n.Kind == nameof(NoticeKind.PledgesWithdrawn));
        Assert.Contains(project.Title, told.Headline);
        Assert.Equal("Their accepted pledges were withdrawn. These needs take pledges again: Mechanics 1; Mechanics 2.", told.Next);
        // The pledges' notices name the pledger as they are now: erased.
        Assert.All((await NoticesAsync(ownerClient)).Where(n => n.Kind == nameof(NoticeKind.PledgeReceived)), n => Assert.StartsWith("Former member pledged", n.Headline));
    }

    [Fact]
    public async Task The_bell_counts_unread_notices_and_opening_one_reads_it_and_goes_where_to_act()
    {
        var (owner, ownerClient) = await app.MemberAsync("Bea Owner");
        var project = await LaunchAsync(ownerClient, Title("Bell"));
        var (_, pledger) = await app.MemberAsync("Pedro");
        var browser = await app.BrowserAsync(owner);
        Assert.Contains("no unread notices", await browser.GetStringAsync("/me"));

        await PledgeAsync(pledger, project);

        Assert.Contains("1 unread notice", await browser.GetStringAsync("/me"));
        var page = await browser.GetStringAsync("/notices");
        var notice = Assert.Single(await NoticesAsync(ownerClient));
        Assert.Contains($"href=\"/notices/{notice.Id}\"", page);
        var open = await browser.GetAsync($"/notices/{notice.Id}");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/projects/{project.Slug}#pledges", open.Headers.Location!.OriginalString);
        Assert.Contains("no unread notices", await browser.GetStringAsync("/me"));

        // The settings page stores a choice, and refuses a made-up one with a message.
        var saved = await Forms.SubmitAsync(browser, "/me/notices/settings", new Dictionary<string, string> { ["Delivery[PledgeReceived]"] = "Digest" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Digest", (await ownerClient.GetFromJsonAsync<List<NoticeSettingApiView>>("/api/me/notices/settings"))!.Single(s => s.Kind == "PledgeReceived").Delivery);
        var bad = await Forms.SubmitAsync(browser, "/me/notices/settings", new Dictionary<string, string> { ["Delivery[PledgeReceived]"] = "Hourly" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose how to hear of it", await bad.Content.ReadAsStringAsync());
        await Forms.SubmitAsync(browser, "/me", new Dictionary<string, string> { ["Input.DisplayName"] = "Bea Owner", ["Input.Culture"] = "es" });
        Assert.Contains("ningún aviso sin leer", Forms.Text(await browser.GetStringAsync("/notices")));
    }
}

public sealed class NoticesTests_Sqlite(SqliteApp app) : NoticesTests(app), IClassFixture<SqliteApp>;
public sealed class NoticesTests_Postgres(PostgresApp app) : NoticesTests(app), IClassFixture<PostgresApp>;

/// <summary>The daily digest, on a clock the test moves.</summary>
public abstract class NoticeDigestTests(DbKind kind)
{
    [Fact]
    public async Task Digest_sends_one_email_a_day_listing_the_notices()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (owner, ownerClient) = await app.MemberAsync("Dora Owner");
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PutAsJsonAsync("/api/me/notices/settings",
            new { settings = new Dictionary<string, string> { ["PledgeReceived"] = "Digest" } })).StatusCode);
        var project = await NoticesTests.LaunchAsync(ownerClient, $"Digest {Guid.NewGuid():N}"[..20]);
        var (_, first) = await app.MemberAsync("Fina");
        var (_, second) = await app.MemberAsync("Gus");
        await NoticesTests.PledgeAsync(first, project);
        await NoticesTests.PledgeAsync(second, project);
        await NoticesTests.MailerDecidedAsync(app, owner.Id);
        await Task.Delay(300);
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == owner.Email));

        app.Clock.Advance(TimeSpan.FromDays(1));

        var digest = await app.Smtp.WaitForAsync(owner.Email!);
        Assert.Equal("Your Grassroots digest: 2 notices", digest.Subject);
        Assert.Contains($"Fina pledged to \"Mechanics 1\" of \"{project.Title}\"", digest.TextBody);
        Assert.Contains($"Gus pledged to \"Mechanics 1\" of \"{project.Title}\"", digest.TextBody);
        Assert.NotNull(digest.Headers[HeaderId.ListUnsubscribe]);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(1000);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == owner.Email));
    }
}

public sealed class NoticeDigestTests_Sqlite() : NoticeDigestTests(DbKind.Sqlite);
public sealed class NoticeDigestTests_Postgres() : NoticeDigestTests(DbKind.Postgres);
