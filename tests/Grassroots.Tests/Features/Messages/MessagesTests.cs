using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Messages;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Notices;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Grassroots.Tests.Features.Messages;

/// <summary>The host with the mail relay on: reply addresses at relay.test, received on a loopback port; three messages an hour.</summary>
public class RelayApp(DbKind kind) : AppFactory(kind)
{
    public int RelayPort { get; } = TestSmtpServer.FreePort();
    public const string Domain = "relay.test";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:RelayDomain"] = Domain, ["Email:RelayPort"] = RelayPort.ToString(), ["Email:RelayListenAddress"] = "127.0.0.1",
        ["Messages:MessagesPerHour"] = "3",
    };
}

public sealed class SqliteRelayApp() : RelayApp(DbKind.Sqlite);
public sealed class PostgresRelayApp() : RelayApp(DbKind.Postgres);

public abstract class MessagesTests(RelayApp app)
{
    private sealed record Cast(ProjectView Project, Member Owner, HttpClient OwnerClient, Member Volunteer, HttpClient VolunteerClient,
        Member Declined, Member Pending, Member OtherNeed, Member Follower);

    /// <summary>
    /// A project with two needs: one accepted volunteer of the first need, one declined and one still pending there,
    /// one accepted volunteer of the second need, and a follower.
    /// </summary>
    private async Task<Cast> CastAsync()
    {
        var (owner, ownerClient) = await app.MemberAsync("Winnie Wong");
        var launched = await ownerClient.PostAsJsonAsync("/api/projects", new
        {
            title = $"Town hall {Guid.NewGuid():N}"[..24], goal = "Get 500 neighbors to the town hall.", description = "We knock doors.", zip = "19107", radiusMiles = 10,
            needs = new[] { new { kind = "People", title = "Door knockers", skill = "canvassing", quantity = 10, autoAccept = false },
                            new { kind = "People", title = "Drivers", skill = "driving", quantity = 10, autoAccept = false } },
        });
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        var project = (await launched.Content.ReadFromJsonAsync<ProjectView>())!;
        async Task<(Member, HttpClient, PledgeView)> Pledge(string name, int need)
        {
            var (m, c) = await app.MemberAsync(name);
            var r = await c.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[need].Id}/pledges", new { });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (m, c, (await r.Content.ReadFromJsonAsync<PledgeView>())!);
        }
        var (volunteer, volunteerClient, p1) = await Pledge("Vera Volunteer", 0);
        var (declined, _, p2) = await Pledge("Dan Declined", 0);
        var (pending, _, _) = await Pledge("Pat Pending", 0);
        var (otherNeed, _, p4) = await Pledge("Olga Other", 1);
        var (follower, followerClient) = await app.MemberAsync("Fay Follower");
        Assert.Equal(HttpStatusCode.NoContent, (await followerClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.PostAsync($"/api/projects/{project.Id}/pledges/{p1.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.PostAsync($"/api/projects/{project.Id}/pledges/{p2.Id}/decline", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.PostAsync($"/api/projects/{project.Id}/pledges/{p4.Id}/accept", null)).StatusCode);
        return new Cast(project, owner, ownerClient, volunteer, volunteerClient, declined, pending, otherNeed, follower);
    }

    private static async Task<MessageSent> SendAsync(HttpClient client, object body)
    {
        var r = await client.PostAsJsonAsync("/api/messages", body);
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<MessageSent>())!;
    }

    private Task<List<string>> OutboxRecipientsAsync(string subject) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Outbox.Where(m => m.Subject.Contains(subject)).Select(m => m.To).ToListAsync());

    [Fact]
    public async Task A_needs_message_reaches_its_accepted_volunteers_and_nobody_else()
    {
        var c = await CastAsync();
        var subject = $"Saturday {Guid.NewGuid():N}";
        var sent = await SendAsync(c.OwnerClient, new { needId = c.Project.Needs[0].Id, subject, body = "Meet at **10am**." });
        Assert.Equal(1, sent.Recipients);
        Assert.Equal([c.Volunteer.Email!], await OutboxRecipientsAsync(subject)); // not the declined, pending, other need's volunteer, follower or owner

        // The whole project: the accepted volunteers of every need, still not the follower, the declined or the pending.
        var all = $"Everyone {Guid.NewGuid():N}";
        Assert.Equal(2, (await SendAsync(c.OwnerClient, new { projectId = c.Project.Id, subject = all, body = "Thanks!" })).Recipients);
        Assert.Equal(new[] { c.Volunteer.Email!, c.OtherNeed.Email! }.Order(), (await OutboxRecipientsAsync(all)).Order());

        // The archive: the owner sees both; the volunteer of the first need both; the other need's volunteer only the second.
        var archive = (await c.OwnerClient.GetFromJsonAsync<Page<MessageSummary>>($"/api/projects/{c.Project.Id}/messages"))!;
        Assert.Equal(2, archive.Total);
        Assert.Equal(2, (await c.VolunteerClient.GetFromJsonAsync<Page<MessageSummary>>($"/api/projects/{c.Project.Id}/messages"))!.Total);

        // A link mailed before messages moved from /conversations still opens the message.
        var old = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync($"/conversations/{sent.Id}?from=mail");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/messages/{sent.Id}?from=mail", old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_email_has_html_and_text_parts_a_relay_reply_to_and_no_address_of_either_side()
    {
        var c = await CastAsync();
        var subject = $"Parts {Guid.NewGuid():N}";
        var sent = await SendAsync(c.OwnerClient, new { needId = c.Project.Needs[0].Id, subject, body = "Bring **water** <script>alert(1)</script>" });
        var mail = await app.Smtp.WaitForAsync(c.Volunteer.Email!, m => m.Subject?.Contains(subject) == true);
        Assert.Contains("**water**", mail.TextBody);
        Assert.Contains("<strong>water</strong>", mail.HtmlBody);
        Assert.DoesNotContain("<script", mail.HtmlBody);
        Assert.Contains(c.Project.Title, mail.HtmlBody);
        Assert.Contains($"/messages/{sent.Id}", mail.HtmlBody);
        Assert.Contains($"/projects/{c.Project.Slug}", mail.TextBody);
        var replyTo = Assert.Single(mail.ReplyTo.Mailboxes).Address;
        Assert.StartsWith("reply+", replyTo);
        Assert.EndsWith("@" + RelayApp.Domain, replyTo);
        Assert.DoesNotContain(c.Owner.Email!, mail.ToString());

        // The volunteer's and the owner's pages never show the other's address either.
        var page = await (await app.BrowserAsync(c.Volunteer)).GetStringAsync($"/messages/{sent.Id}");
        Assert.Contains(subject, page);
        Assert.DoesNotContain(c.Owner.Email!, page);
        var ownerPage = await (await app.BrowserAsync(c.Owner)).GetStringAsync($"/messages/{sent.Id}");
        Assert.DoesNotContain(c.Volunteer.Email!, ownerPage);
    }

    private static async Task RelayAsync(RelayApp app, string from, string to, string text, string? messageId = null, string? headerFrom = null)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(headerFrom ?? from));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = "Re: hello";
        mail.MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId();
        mail.Body = new TextPart("plain") { Text = text };
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", app.RelayPort, MailKit.Security.SecureSocketOptions.None);
        await smtp.SendAsync(mail, MailboxAddress.Parse(from), [MailboxAddress.Parse(to)]);
        await smtp.DisconnectAsync(true);
    }

    [Fact]
    public async Task A_reply_mailed_to_the_relay_reaches_the_sender_once_and_the_senders_answer_comes_back_to_the_volunteer()
    {
        var c = await CastAsync();
        var subject = $"Relay {Guid.NewGuid():N}";
        var sent = await SendAsync(c.OwnerClient, new { needId = c.Project.Needs[0].Id, subject, body = "Can you drive?" });
        var mail = await app.Smtp.WaitForAsync(c.Volunteer.Email!, m => m.Subject?.Contains(subject) == true);
        var relayAddress = mail.ReplyTo.Mailboxes.Single().Address;

        var id = MimeKit.Utils.MimeUtils.GenerateMessageId();
        var text = "Yes, I can drive two people.\n\nOn Tue, Nov 25, 2026, Winnie <x@example.org> wrote:\n> Can you drive?\n";
        await RelayAsync(app, c.Volunteer.Email!, relayAddress, text, id);
        await RelayAsync(app, c.Volunteer.Email!, relayAddress, text, id); // redelivered: stored once

        var reply = await app.Smtp.WaitForAsync(c.Owner.Email!, m => m.Subject?.Contains(subject) == true);
        Assert.Contains("Yes, I can drive two people.", reply.TextBody);
        Assert.DoesNotContain("Can you drive?", reply.TextBody!.Replace(subject, "")); // the quoted history is cut off
        Assert.DoesNotContain(c.Volunteer.Email!, reply.ToString());
        var ownerRelay = reply.ReplyTo.Mailboxes.Single().Address;
        Assert.NotEqual(relayAddress, ownerRelay);

        var threads = (await c.OwnerClient.GetFromJsonAsync<Page<ThreadView>>($"/api/messages/{sent.Id}/threads"))!;
        var thread = Assert.Single(threads.Items);
        Assert.Equal(1, thread.Replies);

        // The owner answers by mail through their own relay address; it lands in the same thread and goes to the volunteer.
        await RelayAsync(app, c.Owner.Email!, ownerRelay, "Great, thank you!");
        var back = await app.Smtp.WaitForAsync(c.Volunteer.Email!, m => m.Subject?.StartsWith("Re:") == true && m.Subject.Contains(subject));
        Assert.Contains("Great, thank you!", back.TextBody);
        var replies = (await c.VolunteerClient.GetFromJsonAsync<Page<ReplyView>>($"/api/messages/{sent.Id}/threads/{thread.Id}/replies"))!;
        Assert.Equal([false, true], replies!.Items.Select(r => r.FromSender).ToArray());
    }

    [Fact]
    public async Task A_spoofed_sender_a_forged_token_and_a_token_made_for_something_else_are_refused()
    {
        var c = await CastAsync();
        var subject = $"Spoof {Guid.NewGuid():N}";
        var sent = await SendAsync(c.OwnerClient, new { needId = c.Project.Needs[0].Id, subject, body = "Hello" });
        var relayAddress = (await app.Smtp.WaitForAsync(c.Volunteer.Email!, m => m.Subject?.Contains(subject) == true)).ReplyTo.Mailboxes.Single().Address;

        // Someone else's address, in the envelope or only in the From header.
        var spoof = await Assert.ThrowsAsync<SmtpCommandException>(() => RelayAsync(app, c.Follower.Email!, relayAddress, "I am Vera"));
        Assert.Equal(SmtpStatusCode.MailboxUnavailable, spoof.StatusCode);
        await Assert.ThrowsAsync<SmtpCommandException>(() => RelayAsync(app, c.Volunteer.Email!, relayAddress, "I am Vera", headerFrom: c.Follower.Email));
        // A token changed by one letter, and a valid token under another purpose: refused at RCPT.
        var local = relayAddress.Split('@')[0];
        var forged = local[..^3] + (local[^3] == 'a' ? 'b' : 'a') + local[^2..] + "@" + RelayApp.Domain;
        await Assert.ThrowsAsync<SmtpCommandException>(() => RelayAsync(app, c.Volunteer.Email!, forged, "Forged"));
        var other = app.Scoped(sp => sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Grassroots.Other").Protect(new byte[33]));
        var otherAddress = "reply+" + Base32(other) + "@" + RelayApp.Domain;
        await Assert.ThrowsAsync<SmtpCommandException>(() => RelayAsync(app, c.Volunteer.Email!, otherAddress, "Other purpose"));

        // A token of another message's thread, used by someone who is not its participant: refused too.
        var second = $"Second {Guid.NewGuid():N}";
        await SendAsync(c.OwnerClient, new { needId = c.Project.Needs[1].Id, subject = second, body = "Hi drivers" });
        var otherRelay = (await app.Smtp.WaitForAsync(c.OtherNeed.Email!, m => m.Subject?.Contains(second) == true)).ReplyTo.Mailboxes.Single().Address;
        await Assert.ThrowsAsync<SmtpCommandException>(() => RelayAsync(app, c.Volunteer.Email!, otherRelay, "Not mine"));

        var threads = (await c.OwnerClient.GetFromJsonAsync<Page<ThreadView>>($"/api/messages/{sent.Id}/threads"))!;
        Assert.Equal(0, threads.Items.Sum(t => t.Replies));
    }

    private static string Base32(byte[] data)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b; bits += 8;
            while (bits >= 5) { sb.Append(alphabet[(buffer >> (bits - 5)) & 31]); bits -= 5; }
        }
        if (bits > 0) sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }

    [Fact]
    public async Task Only_owners_send_and_only_recipients_and_owners_read()
    {
        var c = await CastAsync();
        var (stranger, strangerClient) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await c.VolunteerClient.PostAsJsonAsync("/api/messages", new { projectId = c.Project.Id, subject = "Hi", body = "Hi" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await strangerClient.PostAsJsonAsync("/api/messages", new { needId = c.Project.Needs[0].Id, subject = "Hi", body = "Hi" }), HttpStatusCode.Forbidden);
        var sent = await SendAsync(c.OwnerClient, new { projectId = c.Project.Id, subject = $"Private {Guid.NewGuid():N}", body = "For volunteers" });
        await ProblemAssert.IsProblemAsync(await strangerClient.GetAsync($"/api/messages/{sent.Id}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await strangerClient.GetAsync($"/api/projects/{c.Project.Id}/messages"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await c.VolunteerClient.GetAsync($"/api/messages/{sent.Id}")).StatusCode);
        // Ids as typed: another case, an unknown id.
        Assert.Equal(HttpStatusCode.OK, (await c.OwnerClient.GetAsync($"/api/messages/{sent.Id.ToString().ToUpperInvariant()}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await c.OwnerClient.GetAsync($"/api/messages/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        // A thread is the volunteer's and the sender's only: the other volunteer cannot read or write in it.
        var thread = (await c.VolunteerClient.GetFromJsonAsync<Page<ThreadView>>($"/api/messages/{sent.Id}/threads"))!.Items.Single();
        Assert.Equal(HttpStatusCode.Created, (await c.VolunteerClient.PostAsJsonAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies", new { body = "Count me in" })).StatusCode);
        var otherClient = await OtherClientAsync(c);
        await ProblemAssert.IsProblemAsync(await otherClient.GetAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await otherClient.PostAsJsonAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies", new { body = "Me too" }), HttpStatusCode.Forbidden);
        var errors = await ProblemAssert.IsProblemAsync(await c.VolunteerClient.PostAsJsonAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies", new { body = new string('x', ReplyInput.MaxBodyLength + 1) }), HttpStatusCode.BadRequest);
        Assert.Contains("body", errors.Keys);

        // The pages refuse the same way, with a page that says why (not an error page).
        var strangerBrowser = await app.BrowserAsync(stranger);
        foreach (var url in new[] { $"/messages/{sent.Id}", $"/messages/{sent.Id}/threads/{thread.Id}", $"/projects/{c.Project.Slug}/messages", $"/projects/{c.Project.Slug}/message" })
        {
            var page = await strangerBrowser.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)page.StatusCode}");
            Assert.Contains("text/html", page.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<h1>", await page.Content.ReadAsStringAsync());
        }
    }

    private async Task<HttpClient> OtherClientAsync(Cast c)
    {
        var login = await Accounts.LoginAsync(app.CreateClient(), c.OtherNeed.Email!);
        return Accounts.WithToken(app, (await Accounts.TokensAsync(login)).AccessToken);
    }

    [Fact]
    public async Task A_member_whose_profile_a_jury_reviews_writes_to_nobody_meanwhile()
    {
        var c = await CastAsync();
        var sent = await SendAsync(c.OwnerClient, new { projectId = c.Project.Id, subject = $"Before {Guid.NewGuid():N}", body = "Hello" });
        var thread = (await c.VolunteerClient.GetFromJsonAsync<Page<ThreadView>>($"/api/messages/{sent.Id}/threads"))!.Items.Single();
        Assert.Equal(HttpStatusCode.Created, (await c.VolunteerClient.PostAsJsonAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies", new { body = "Hi back" })).StatusCode);
        var mine = (await (await c.OwnerClient.PostAsJsonAsync("/api/projects", new { title = "Seed library", goal = "Share seeds with neighbors.", online = true })).Content.ReadFromJsonAsync<ProjectView>())!;
        var (_, strangerClient) = await app.MemberAsync();
        var theirs = (await (await strangerClient.PostAsJsonAsync("/api/projects", new { title = "Seed swap", goal = "Swap seeds with neighbors.", online = true })).Content.ReadFromJsonAsync<ProjectView>())!;

        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == c.Owner.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Moderation, ContentModeration.UnderReview)));
        await ProblemAssert.IsProblemAsync(await c.OwnerClient.PostAsJsonAsync("/api/messages", new { projectId = c.Project.Id, subject = "Again", body = "Hello" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await c.OwnerClient.PostAsJsonAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies", new { body = "Answer me" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await c.OwnerClient.PostAsJsonAsync($"/api/projects/{mine.Id}/merge-proposals", new { intoId = theirs.Id }), HttpStatusCode.Forbidden);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Replies.CountAsync(r => r.ThreadId == thread.Id)));
    }

    [Fact]
    public async Task A_message_and_its_replies_are_on_the_bell_and_mailed_once_each()
    {
        var c = await CastAsync();
        var subject = $"Bell {Guid.NewGuid():N}";
        var sent = await SendAsync(c.OwnerClient, new { needId = c.Project.Needs[0].Id, subject, body = "Saturday at 10." });
        var got = (await c.VolunteerClient.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items.Single(n => n.Kind == nameof(NoticeKind.MessageReceived));
        Assert.Equal($"/messages/{sent.Id}", got.Link);
        Assert.Contains(subject, got.Headline);
        Assert.Contains("Winnie", got.Headline);

        var thread = (await c.VolunteerClient.GetFromJsonAsync<Page<ThreadView>>($"/api/messages/{sent.Id}/threads"))!.Items.Single();
        Assert.Equal(HttpStatusCode.Created, (await c.VolunteerClient.PostAsJsonAsync($"/api/messages/{sent.Id}/threads/{thread.Id}/replies", new { body = "I'll be there" })).StatusCode);
        var reply = (await c.OwnerClient.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items.Single(n => n.Kind == nameof(NoticeKind.ReplyReceived));
        Assert.Equal($"/messages/{sent.Id}/threads/{thread.Id}", reply.Link);
        Assert.StartsWith("Vera replied", reply.Headline);

        // The mails are the message and the reply themselves: the notices add none.
        await app.Smtp.WaitForAsync(c.Volunteer.Email!, m => m.Subject?.Contains(subject) == true);
        await app.Smtp.WaitForAsync(c.Owner.Email!, m => m.Subject?.Contains(subject) == true);
        await Task.Delay(500);
        Assert.Equal(1, app.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == c.Volunteer.Email) && m.Subject!.Contains(subject)));
        Assert.Equal(1, app.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == c.Owner.Email) && m.Subject!.Contains(subject)));
        // Nothing to choose for them on the settings: they stop with the group or the pledge.
        Assert.DoesNotContain((await c.OwnerClient.GetFromJsonAsync<List<NoticeSettingApiView>>("/api/me/notices/settings"))!, s => s.Kind is "MessageReceived" or "ReplyReceived");
    }

    [Fact]
    public async Task Bad_input_gets_field_errors()
    {
        var c = await CastAsync();
        var errors = await ProblemAssert.IsProblemAsync(await c.OwnerClient.PostAsJsonAsync("/api/messages", new { subject = "", body = new string('x', MessageInput.MaxBodyLength + 1) }), HttpStatusCode.BadRequest);
        Assert.Contains("subject", errors.Keys);
        Assert.Contains("body", errors.Keys);
        Assert.Contains("groupId", errors.Keys);
    }

    [Fact]
    public async Task Parallel_sends_never_pass_the_hourly_limit()
    {
        var c = await CastAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            c.OwnerClient.PostAsJsonAsync("/api/messages", new { projectId = c.Project.Id, subject = $"Flood {i}", body = "Again" })));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode)429, a.StatusCode));
        var sent = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Messages.CountAsync(m => m.SenderId == c.Owner.Id));
        Assert.Equal(3, sent);
    }

    [Fact]
    public async Task Organizers_write_to_their_group_and_the_group_keeps_the_archive()
    {
        var (_, organizer) = await app.MemberAsync("Ana Organizer");
        var created = await organizer.PostAsJsonAsync("/api/groups", new { name = $"Group {Guid.NewGuid():N}"[..30], kind = "Chapter", zip = "19107", description = "Us." });
        var group = (await created.Content.ReadFromJsonAsync<GroupView>())!;
        var (member, memberClient) = await app.MemberAsync();
        await memberClient.PostAsync($"/api/groups/{group.Id}/join", null);
        var (outsiderMember, outsider) = await app.MemberAsync();
        var subject = $"Meeting {Guid.NewGuid():N}";
        var sent = await SendAsync(organizer, new { groupId = group.Id, subject, body = "Monday 7pm." });
        Assert.Equal(1, sent.Recipients); // the members; the organizer reads it in the archive
        await app.Smtp.WaitForAsync(member.Email!, m => m.Subject?.Contains(subject) == true);
        Assert.Equal(1, (await memberClient.GetFromJsonAsync<Page<MessageSummary>>($"/api/groups/{group.Id}/messages"))!.Total);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/groups/{group.Id}/messages"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await memberClient.PostAsJsonAsync("/api/messages", new { groupId = group.Id, subject, body = "x" }), HttpStatusCode.Forbidden);

        var invite = (await memberClient.GetFromJsonAsync<InviteLink>($"/api/groups/{group.Id}/invite"))!;
        Assert.EndsWith($"/groups/{group.Slug}?by={member.Id}", invite.Url);
        Assert.StartsWith("mailto:?subject=", invite.MailTo);
        var landing = await app.CreateClient().GetStringAsync(new Uri(invite.Url).PathAndQuery);
        Assert.Contains("invited you to join", landing);
        Assert.Contains("/account/signup?returnUrl=", landing);
        // Ids are public: a link naming someone who is not in the group names nobody, and an outsider's link names no one.
        var forged = await app.CreateClient().GetStringAsync($"/groups/{group.Slug}?by={outsiderMember.Id}");
        Assert.DoesNotContain("invited you to join", forged);
        Assert.DoesNotContain("?by=", (await outsider.GetFromJsonAsync<InviteLink>($"/api/groups/{group.Id}/invite"))!.Url);
        var flyer = await app.CreateClient().GetStringAsync($"/groups/{group.Slug}/flyer");
        Assert.Contains("<svg", flyer);
        Assert.DoesNotContain("<style", flyer); // the site's CSP allows only its own stylesheets
        Assert.DoesNotContain(" style=", flyer);
    }

    [Fact]
    public void Quoted_history_is_cut_off()
    {
        Assert.Equal("Sure!", RelayInbox.Strip("Sure!\r\n\r\nOn Mon, Nov 24, 2026 at 9:00 AM Ana <a@b.org> wrote:\r\n> Hi\r\n"));
        Assert.Equal("Sí.", RelayInbox.Strip("Sí.\n\nEl lun, 24 nov 2026 a las 9:00, Ana (<a@b.org>) escribió:\n> Hola"));
        Assert.Equal("Top\nbottom", RelayInbox.Strip("Top\n> quoted\nbottom"));
        Assert.Equal("Wrapped", RelayInbox.Strip("Wrapped\n\nOn Mon, Nov 24, 2026 at 9:00 AM Ana Torres\n<a@b.org> wrote:\n> Hi"));
    }
}

public sealed class MessagesTests_Sqlite(SqliteRelayApp app) : MessagesTests(app), IClassFixture<SqliteRelayApp>;
public sealed class MessagesTests_Postgres(PostgresRelayApp app) : MessagesTests(app), IClassFixture<PostgresRelayApp>;
