using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grassroots.Tests.Infrastructure.Email;

/// <summary>
/// One bad message never holds back the rest of the outbox: a message that cannot be built or that the
/// server refuses fails alone, and the rest of its batch goes out in the same pass. The tests stop the
/// background sender and run its passes themselves, so that "in the same pass" is what they count.
/// </summary>
public abstract class BadMailTests(DbKind kind)
{
    private const string Unparseable = "x.@example.net"; // System.Net.Mail takes it, MimeKit does not

    [Fact]
    public async Task One_bad_message_fails_alone_and_the_rest_of_its_batch_goes_out_in_the_same_pass()
    {
        await using var app = await ManualSender.StartAsync(kind);
        app.Smtp.RefuseRecipient = to => to switch { "gone@example.org" => 550, "busy@example.org" => 450, _ => null };
        app.Smtp.Refuse = m => m.To.Mailboxes.Any(a => a.Address == "spam@example.org"); // 550 at the end of DATA

        // One batch, in this order: every bad kind sits in front of good mail.
        var ids = await app.AddAsync("good0@example.org", Unparseable, "good1@example.org", "gone@example.org", "good2@example.org",
            "spam@example.org", "good3@example.org", "busy@example.org", "good4@example.org");
        var (invalid, gone, spam, busy) = (ids[1], ids[3], ids[5], ids[7]);
        var good = new[] { ids[0], ids[2], ids[4], ids[6], ids[8] };

        Assert.Equal(9, await app.PassAsync());

        foreach (var id in good)
        {
            var row = await app.RowAsync(id);
            Assert.True(row.SentAt is not null, $"{row.To} was held back by a bad message in its batch.");
            Assert.Equal(1, row.Attempts);
            Assert.Null(row.LastError);
        }
        Assert.Equal(5, app.Smtp.Received.Count);

        // Given up for good, each with its error; the unparseable one never reached the server.
        foreach (var (id, error) in new[] { (invalid, "address"), (gone, "550"), (spam, "550") })
        {
            var row = await app.RowAsync(id);
            Assert.True(row.FailedAt is not null, $"{row.To} should be given up on.");
            Assert.Null(row.SentAt);
            Assert.Contains(error, row.LastError);
        }
        Assert.DoesNotContain(Unparseable, app.Smtp.RecipientsAsked);

        // Deferred (450): retried later, on its own.
        var deferred = await app.RowAsync(busy);
        Assert.Null(deferred.FailedAt);
        Assert.Null(deferred.SentAt);
        Assert.Equal(1, deferred.Attempts);
        Assert.Contains("450", deferred.LastError);
        Assert.True(deferred.NextAttemptAt > DateTimeOffset.UtcNow, "A deferred message waits before it is tried again.");

        // Operators see the three given up on, by id and reason; no log line names an address.
        Assert.Equal(1, app.Undeliverable("invalid"));
        Assert.Equal(2, app.Undeliverable("refused"));
        foreach (var id in new[] { invalid, gone, spam })
            Assert.Single(app.Log, line => line.Contains(id.ToString()) && line.Contains("undeliverable"));
        Assert.DoesNotContain(app.Log, line => line.Contains('@'));

        // Everything unsent becomes due again: only the deferred message is tried, nothing is sent twice.
        await app.MakeAllDueAsync();
        Assert.Equal(1, await app.PassAsync());
        Assert.Single(app.Smtp.RecipientsAsked, "gone@example.org");
        Assert.Equal(2, app.Smtp.RecipientsAsked.Count(a => a == "busy@example.org"));
        Assert.Equal(5, app.Smtp.Received.Count);
        Assert.Equal(2, (await app.RowAsync(busy)).Attempts);
        Assert.Equal(1, (await app.RowAsync(gone)).Attempts);
    }

    [Fact]
    public async Task A_flood_of_bad_addresses_queued_ahead_of_good_mail_does_not_hold_it_back()
    {
        await using var app = await ManualSender.StartAsync(kind);
        app.Smtp.RefuseRecipient = to => to.StartsWith("nobody") ? 550 : null;

        // 200 bad (100 that cannot be parsed, 100 the server refuses), queued as the app queues mail, then 5 good.
        var bad = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? $"x{i}.@example.net" : $"nobody{i}@example.org").ToList();
        await app.EnqueueAsync(bad);
        var ahead = DateTimeOffset.UtcNow.AddMinutes(-1);
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, ahead))); // surely due before the good mail
        var goodAddresses = Enumerable.Range(0, 5).Select(i => $"volunteer{i}@example.org").ToList();
        await app.EnqueueAsync(goodAddresses);

        var passes = 0;
        while (app.Smtp.Received.Count < 5 && passes < 10)
        {
            await app.PassAsync();
            passes++;
        }
        Assert.Equal(5, app.Smtp.Received.Count);
        Assert.True(passes <= 3, $"The good mail took {passes} passes behind the bad.");

        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().ToListAsync());
        Assert.Equal(205, rows.Count); // nothing deleted
        Assert.All(rows.Where(r => goodAddresses.Contains(r.To)), r => Assert.Equal(1, r.Attempts));
        // The unparseable ones were given up on when queued, so the sender never spent a place in a batch on them.
        Assert.All(rows.Where(r => r.To.StartsWith('x')), r => { Assert.NotNull(r.FailedAt); Assert.Equal(0, r.Attempts); });
        Assert.All(rows.Where(r => r.To.StartsWith("nobody")), r => { Assert.NotNull(r.FailedAt); Assert.Equal(1, r.Attempts); });
        Assert.Equal(100, app.Undeliverable("invalid"));
        Assert.Equal(100, app.Undeliverable("refused"));

        // The counter operators scrape, under the name the README gives.
        var local = app.CreateClient();
        local.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "127.0.0.1"); // /metrics is for the machine itself
        var metrics = await local.GetStringAsync("/metrics");
        Assert.Matches(@"(?m)^grassroots_email_undeliverable_total\{[^}]*reason=""invalid""[^}]*\} [1-9]", metrics);
    }

    [Fact]
    public async Task A_connection_the_server_drops_on_one_message_is_opened_again_for_the_rest()
    {
        await using var app = await ManualSender.StartAsync(kind);
        app.Smtp.RefuseRecipient = to => to == "closing@example.org" ? 421 : null; // 421 and the server hangs up

        var ids = await app.AddAsync("good0@example.org", "closing@example.org", "good1@example.org", "good2@example.org");
        Assert.Equal(4, await app.PassAsync());

        Assert.Equal(3, app.Smtp.Received.Count);
        foreach (var id in ids.Where((_, i) => i != 1))
            Assert.NotNull((await app.RowAsync(id)).SentAt);
        var closing = await app.RowAsync(ids[1]);
        Assert.Null(closing.SentAt);
        Assert.Null(closing.FailedAt); // 4xx: tried again later
        Assert.Equal(1, closing.Attempts);
        Assert.Contains("421", closing.LastError);
    }

    [Fact]
    public async Task When_the_server_refuses_our_credentials_the_whole_batch_waits_and_none_is_given_up()
    {
        await using var smtp = new TestSmtpServer(password: "right");
        await using var app = await ManualSender.StartAsync(kind, new()
        {
            ["Email:SmtpPort"] = smtp.Port.ToString(), ["Email:SmtpUser"] = "grassroots", ["Email:SmtpPassword"] = "wrong",
        });

        var ids = await app.AddAsync("good0@example.org", "good1@example.org", "good2@example.org");
        Assert.Equal(0, await app.PassAsync());

        Assert.Empty(smtp.Received);
        foreach (var id in ids)
        {
            var row = await app.RowAsync(id);
            Assert.Null(row.SentAt);
            Assert.Null(row.FailedAt);
            Assert.Equal(1, row.Attempts);
            Assert.False(string.IsNullOrEmpty(row.LastError));
            Assert.True(row.NextAttemptAt > DateTimeOffset.UtcNow);
        }
        Assert.Equal(0, app.Undeliverable("refused") + app.Undeliverable("invalid"));
    }

    [Fact]
    public async Task A_message_deferred_on_its_last_attempt_is_given_up_kept_and_reported()
    {
        await using var app = await ManualSender.StartAsync(kind);
        app.Smtp.RefuseRecipient = to => to == "busy@example.org" ? 450 : null;
        var max = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.MaxAttempts;

        var ids = await app.AddAsync("busy@example.org", "good@example.org");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.Where(m => m.Id == ids[0])
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, max - 1)));
        Assert.Equal(2, await app.PassAsync());

        var row = await app.RowAsync(ids[0]);
        Assert.NotNull(row.FailedAt);
        Assert.Equal(max, row.Attempts);
        Assert.Contains("450", row.LastError);
        Assert.Equal(1, app.Undeliverable("attempts"));
        Assert.Single(app.Log, line => line.Contains(ids[0].ToString()) && line.Contains("undeliverable"));
        Assert.NotNull((await app.RowAsync(ids[1])).SentAt);

        await app.MakeAllDueAsync();
        Assert.Equal(0, await app.PassAsync());
        Assert.Single(app.Smtp.RecipientsAsked, "busy@example.org");
    }

    [Fact]
    public async Task Without_an_SMTP_server_a_message_that_cannot_be_built_is_not_written_and_the_rest_are()
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"grassroots-pickup-{Guid.NewGuid():N}");
        try
        {
            await using var app = await ManualSender.StartAsync(kind, new() { ["Email:SmtpHost"] = "", ["Email:PickupDirectory"] = pickup });
            var ids = await app.AddAsync("good0@example.org", Unparseable, "good1@example.org");
            Assert.Equal(3, await app.PassAsync());

            Assert.Equal(2, Directory.GetFiles(pickup, "*.eml").Length);
            Assert.NotNull((await app.RowAsync(ids[0])).SentAt);
            Assert.NotNull((await app.RowAsync(ids[1])).FailedAt);
            Assert.NotNull((await app.RowAsync(ids[2])).SentAt);
        }
        finally
        {
            if (Directory.Exists(pickup)) Directory.Delete(pickup, recursive: true);
        }
    }

    /// <summary>The app with its background sender stopped: the test runs the passes, and sees the sender's log and counter.</summary>
    private sealed class ManualSender(DbKind kind, Dictionary<string, string?> settings) : AppFactory(kind)
    {
        private readonly ConcurrentQueue<string> _log = new();
        private readonly ConcurrentDictionary<string, long> _undeliverable = new();
        private MeterListener? _meters;

        public IReadOnlyCollection<string> Log => _log;
        public long Undeliverable(string reason) => _undeliverable.GetValueOrDefault(reason);

        protected override IDictionary<string, string?> Settings => settings;

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ILoggerProvider>(new LogLines(_log));

        public static async Task<ManualSender> StartAsync(DbKind kind, Dictionary<string, string?>? settings = null)
        {
            var app = new ManualSender(kind, settings ?? new());
            await app.InitializeAsync();
            await app.Services.GetRequiredService<OutboxSender>().StopAsync(CancellationToken.None);
            // This app's counter only (other tests' apps run in the same process).
            var factory = app.Services.GetRequiredService<IMeterFactory>();
            app._meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Scope == factory && instrument.Name == "grassroots.email.undeliverable") listener.EnableMeasurementEvents(instrument);
                },
            };
            app._meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "reason") app._undeliverable.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
            });
            app._meters.Start();
            return app;
        }

        public Task<int> PassAsync() => Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

        /// <summary>Rows written straight to the outbox (as rows from before any check), due in the order given.</summary>
        public Task<Guid[]> AddAsync(params string[] to) => WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            var messages = to.Select((address, i) => new OutboxMessage
            {
                To = address, Subject = "Canvass on Saturday", TextBody = "Meet at 10.", CreatedAt = now, NextAttemptAt = now.AddSeconds(i - 60),
            }).ToList();
            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToArray();
        });

        /// <summary>Mail queued as the app queues it, in one unit of work.</summary>
        public Task EnqueueAsync(IEnumerable<string> to) => WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            foreach (var address in to) outbox.Enqueue(address, "Confirm your address", "Open the link.");
            return await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });

        public Task<OutboxMessage> RowAsync(Guid id) =>
            WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

        /// <summary>The backoff elapses (we move the due times instead of waiting).</summary>
        public Task MakeAllDueAsync() => WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.Where(m => m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        public override async ValueTask DisposeAsync()
        {
            _meters?.Dispose();
            await ((IAsyncLifetime)this).DisposeAsync(); // the database and SMTP server too
        }
    }

    /// <summary>What the outbox logs (at Information and above), as written.</summary>
    private sealed class LogLines(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("Grassroots.Infrastructure.Email", StringComparison.Ordinal) ? new Logger(lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}

public sealed class BadMailTests_Sqlite() : BadMailTests(DbKind.Sqlite);
public sealed class BadMailTests_Postgres() : BadMailTests(DbKind.Postgres);
