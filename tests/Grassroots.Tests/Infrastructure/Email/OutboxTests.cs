using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure.Email;

/// <summary>The mail server is down when the message is written: nothing is lost, it goes out once the server is back.</summary>
public abstract class OutboxTests(DbKind kind)
{
    [Fact]
    public async Task A_message_survives_a_mail_server_outage_and_is_delivered_once_it_is_back()
    {
        var port = TestSmtpServer.FreePort(); // nothing listens here yet
        await using var app = new OutageApp(kind, port);
        await app.InitializeAsync();

        var id = await app.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            outbox.Enqueue("volunteer@example.org", "Phone bank tonight", "7pm, bring a charger.");
            var db = sp.GetRequiredService<AppDbContext>();
            await db.SaveChangesAsync();
            return await db.Outbox.Select(m => m.Id).SingleAsync();
        });

        // The sender tries, fails, records why, and keeps the message.
        OutboxMessage? stored = null;
        for (var i = 0; i < 100 && stored?.Attempts is null or 0; i++)
        {
            await Task.Delay(100);
            stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        }
        Assert.True(stored!.Attempts >= 1, "The sender never tried.");
        Assert.Null(stored.SentAt);
        Assert.False(string.IsNullOrEmpty(stored.LastError));
        Assert.True(stored.NextAttemptAt > stored.CreatedAt, "A failed message is retried later (backoff).");

        // The server comes back; the backoff elapses (we move the due time instead of waiting).
        await using var smtp = new TestSmtpServer(port);
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var mail = await smtp.WaitForAsync("volunteer@example.org");
        Assert.Equal("Phone bank tonight", mail.Subject);

        await Task.Delay(300);
        var sent = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.NotNull(sent.SentAt);
        Assert.Single(smtp.Received); // sent once
    }

    [Fact]
    public async Task A_subject_is_one_line_and_fits_its_column_however_long_what_it_was_made_of()
    {
        await using var app = new AppFactory(kind);
        await app.InitializeAsync();
        // A 100-character group name, a 200-character subject with line breaks a client typed: PostgreSQL's column is 300.
        var typed = $"[{new string('g', 100)}] Re: " + string.Join("\r\nBcc: x@example.org\n", Enumerable.Repeat(new string('s', 60), 4));
        await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<Outbox>().Enqueue("long@example.org", typed, "Body");
            return await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        var mail = await app.Smtp.WaitForAsync("long@example.org");
        Assert.NotNull(mail.Subject);
        Assert.DoesNotContain("\n", mail.Subject);
        Assert.True(mail.Subject.Length <= OutboxMessage.MaxSubjectLength, mail.Subject);
        Assert.EndsWith("…", mail.Subject);
        Assert.Null(mail.Bcc.FirstOrDefault());
    }

    [Fact]
    public async Task A_message_the_server_took_is_not_sent_again_when_its_batch_is_tried_again()
    {
        await using var app = new AppFactory(kind);
        app.Smtp.RefuseRecipient = to => to == "busy@example.org" ? 450 : null; // "try again later"
        await app.InitializeAsync();

        // One batch, in this order: taken, deferred, taken.
        var now = DateTimeOffset.UtcNow;
        var (first, busy, third) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            OutboxMessage Message(string to, int order) => new() { To = to, Subject = "Canvass on Saturday", TextBody = "Meet at 10.", CreatedAt = now, NextAttemptAt = now.AddSeconds(order - 10) };
            var messages = (Message("first@example.org", 0), Message("busy@example.org", 1), Message("third@example.org", 2));
            db.Outbox.AddRange(messages.Item1, messages.Item2, messages.Item3);
            await db.SaveChangesAsync();
            return (messages.Item1.Id, messages.Item2.Id, messages.Item3.Id);
        });

        async Task<OutboxMessage> Row(Guid id) => await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        async Task WaitForAttempts(int attempts)
        {
            for (var i = 0; i < 150 && (await Row(busy)).Attempts < attempts; i++) await Task.Delay(100);
            Assert.True((await Row(busy)).Attempts >= attempts, $"The sender did not try the deferred message {attempts} time(s).");
        }

        await WaitForAttempts(1);
        Assert.NotNull((await Row(first)).SentAt);
        // The backoff elapses (we move the due times instead of waiting): the unsent message is tried again.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.Where(m => m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await WaitForAttempts(2);
        await Task.Delay(300);

        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == "first@example.org"));
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == "third@example.org"));
        Assert.Equal(1, (await Row(first)).Attempts);
        Assert.Equal(1, (await Row(third)).Attempts);
    }

    private sealed class OutageApp(DbKind kind, int smtpPort) : AppFactory(kind)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Email:SmtpPort"] = smtpPort.ToString() };
    }
}

public sealed class OutboxTests_Sqlite() : OutboxTests(DbKind.Sqlite);
public sealed class OutboxTests_Postgres() : OutboxTests(DbKind.Postgres);
