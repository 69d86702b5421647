using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.CrashTest;

public sealed record CrashOptions
{
    public string Provider { get; init; } = "Sqlite";
    public int Kills { get; init; } = 4;
    public int Seed { get; init; } = 1;
    public int Workers { get; init; } = 16;
    public int Members { get; init; } = 32;
    public int ProjectsPerRound { get; init; } = 6;
    public string? SqliteSynchronous { get; init; }
    /// <summary>The kill lands at a random moment in this window after the load starts.</summary>
    public double KillAfterMinSeconds { get; init; } = 4;
    public double KillAfterMaxSeconds { get; init; } = 12;
    public TimeSpan SmtpDelay { get; init; } = TimeSpan.FromMilliseconds(8);
    public TimeSpan MessageEvery { get; init; } = TimeSpan.FromMilliseconds(700);
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(4);
    public required string AppDll { get; init; }
    public required string WorkDir { get; init; }
}

/// <summary>
/// Pledges over HTTP against the app as its own process; SIGKILL at a random moment of the load;
/// restart on the same data; again, a few times. Then every request that got no answer is retried
/// with its key, the outbox is left to drain, and what the clients heard is compared with what the
/// database holds and what the SMTP server received.
/// </summary>
public sealed class CrashRun(CrashOptions o)
{
    private const string Password = "crash test password 1";
    private readonly Ledger _ledger = new();
    private readonly List<KillPoint> _kills = [];
    private readonly List<(Guid Id, string Token)> _members = [];
    private readonly List<Guid> _projects = [];
    private Guid _group;

    public async Task<(string Report, bool Passed)> RunAsync(CancellationToken ct)
    {
        var dataFolder = Path.Combine(o.WorkDir, "data");
        Directory.CreateDirectory(dataFolder);
        await using var db = await CrashDatabase.CreateAsync(o.Provider, dataFolder);
        await using var sink = new MailSink(o.SmtpDelay);
        var port = FreePort();
        var env = new Dictionary<string, string>(db.AppSettings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DataPath"] = dataFolder,
            ["Database__SeedDemo"] = "false",
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = sink.Port.ToString(),
            ["Email__SmtpSecurity"] = "None",
            ["Email__PollInterval"] = "00:00:00.500",
            ["Email__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["RateLimits__AuthPerMinute"] = "1000000",
            ["RateLimits__WritesPerMinute"] = "100000000",
            ["Conversations__MessagesPerHour"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (o.SqliteSynchronous is { } sync) env["Database__SqliteSynchronous"] = sync;
        await using var app = new AppProcess(o.AppDll, Path.GetDirectoryName(o.AppDll)!, $"http://127.0.0.1:{port}", env, Path.Combine(o.WorkDir, "app.log"));

        Log($"{o.Provider}: starting the app ({o.AppDll})");
        await app.StartAsync(ct);
        await SetUpAsync(app.Url, db, ct);

        var rng = new Random(o.Seed);
        var loadClock = new Stopwatch();
        for (var round = 1; round <= o.Kills; round++)
        {
            var pairs = await LaunchRoundAsync(app.Url, db, round, rng, ct);
            var killAfter = TimeSpan.FromSeconds(o.KillAfterMinSeconds + rng.NextDouble() * (o.KillAfterMaxSeconds - o.KillAfterMinSeconds));
            using var http = Api.NewClient(app.Url, o.Workers + 4);
            var api = new Api(http);
            using var stop = new CancellationTokenSource();
            var pending = new ConcurrentQueue<(Guid Project, Guid Pledge)>();
            var tasks = Enumerable.Range(0, o.Workers).Select(w => Task.Run(() => PledgerAsync(api, round, w, pairs, pending, stop.Token)))
                .Append(Task.Run(() => OwnerAsync(api, round, pending, stop.Token)))
                .Append(Task.Run(() => MessengerAsync(api, stop.Token))).ToList();
            loadClock.Restart();
            await Task.Delay(killAfter, ct);
            // The clients stop starting requests, and the app dies with those already sent in flight.
            await stop.CancelAsync();
            var answeredBefore = _ledger.Pledges.Count(p => p.Round == round && p.Succeeded);
            var at = DateTimeOffset.UtcNow;
            await app.KillAsync();
            var seconds = loadClock.Elapsed.TotalSeconds;
            await Task.WhenAll(tasks);
            var inFlight = _ledger.Pledges.Count(p => p.Round == round && p.Unanswered);
            var restart = await app.StartAsync(ct);
            _kills.Add(new KillPoint(round, seconds, at, answeredBefore, inFlight, !pairs.IsEmpty, restart.TotalSeconds));
            Log($"kill {round}: {seconds:F2} s into the load, {answeredBefore} pledges answered 2xx, {inFlight} without an answer; ready again after {restart.TotalSeconds:F2} s");
        }

        // A client that got no answer retries with the same key: the pledge is made once, or found.
        using (var http = Api.NewClient(app.Url, o.Workers + 4))
        {
            var api = new Api(http);
            // (A repeat whose first request was answered needs no retry: the client knows its pledge.)
            var known = _ledger.Pledges.Where(p => p.Succeeded).Select(p => (p.Member, p.Key)).ToHashSet();
            var unanswered = new ConcurrentQueue<PledgeAttempt>(_ledger.Pledges.Where(p => p.Unanswered && !known.Contains((p.Member, p.Key))));
            await Task.WhenAll(Enumerable.Range(0, Math.Min(o.Workers, 8)).Select(_ => Task.Run(async () =>
            {
                while (unanswered.TryDequeue(out var first))
                {
                    var retry = new PledgeAttempt
                    {
                        Member = first.Member, ProjectId = first.ProjectId, NeedId = first.NeedId, Key = first.Key, Amount = first.Amount,
                        Round = first.Round, IsFinalRetry = true,
                    };
                    _ledger.Pledges.Add(retry);
                    await api.PledgeAsync(retry, _members[retry.Member].Token);
                }
            }, ct)));
        }

        Log("waiting for the outbox to drain");
        var drain = Stopwatch.StartNew();
        var unsent = await UnsentAsync(db, ct);
        while (unsent > 0 && drain.Elapsed < o.DrainTimeout)
        {
            await Task.Delay(1000, ct);
            unsent = await UnsentAsync(db, ct);
        }
        await Task.Delay(1000, ct); // a late duplicate would arrive now
        var drained = drain.Elapsed;
        var report = await CheckAsync(db, sink, drained, ct);
        await app.KillAsync();
        return report;
    }

    private async Task SetUpAsync(string url, CrashDatabase db, CancellationToken ct)
    {
        using var http = Api.NewClient(url, 8);
        var api = new Api(http);
        var emails = Enumerable.Range(0, o.Members).Select(i => $"crash{i}-{Guid.NewGuid():N}@crash.invalid").ToList();
        // Sign-up mails the confirmation link: the outbox has work before the first kill.
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (e, t) => await api.PostJsonAsync("/api/auth/register", null, new { displayName = "Crash Tester", email = e, password = Password }, t));
        await using (var context = db.Open())
            await context.Users.Where(u => emails.Contains(u.Email!)).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true).SetProperty(u => u.DisplayName, "Crash Tester"), ct);
        var tokens = new string[emails.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, t) => tokens[i] = (await api.PostJsonAsync("/api/auth/login", null, new { email = emails[i], password = Password }, t)).GetProperty("accessToken").GetString()!);
        await using (var context = db.Open())
        {
            var ids = await context.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id, ct);
            _members.AddRange(emails.Select((e, i) => (ids[e], tokens[i])));
        }
        // Member 0 organizes a group everyone joins; its messages to all members are the mail load.
        var group = await api.PostJsonAsync("/api/groups", _members[0].Token, new { name = $"Crash testers {Guid.NewGuid():N}", kind = "Issue", description = "Members of the crash test." }, ct);
        _group = group.GetProperty("id").GetGuid();
        await Parallel.ForEachAsync(_members.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (m, t) => await api.PostJsonAsync($"/api/groups/{_group}/join", m.Token, new { }, t));
        Log($"{o.Members} members signed up and in, one group");
    }

    /// <summary>The owner launches this round's projects; every (pledger, need) pair is shuffled into the round's queue.</summary>
    private async Task<ConcurrentQueue<(int Member, Guid Project, Guid Need, NeedKind Kind)>> LaunchRoundAsync(string url, CrashDatabase db, int round, Random rng, CancellationToken ct)
    {
        using var http = Api.NewClient(url, 4);
        var api = new Api(http);
        var launched = new List<Guid>();
        for (var p = 0; p < o.ProjectsPerRound; p++)
        {
            // Capacities below the pledgers' count, so that the last places are fought over.
            var needs = Enumerable.Range(0, ProjectInput.MaxNeeds).Select(i => (i % 5) switch
            {
                0 => new NeedInput { Kind = NeedKind.People, Title = $"People {i}", Quantity = rng.Next(5, 16), AutoAccept = i % 2 == 0 },
                1 => new NeedInput { Kind = NeedKind.Hours, Title = $"Hours {i}", Quantity = rng.Next(10, 40), AutoAccept = i % 3 == 0 },
                2 => new NeedInput { Kind = NeedKind.Money, Title = $"Money {i}", Quantity = rng.Next(5_000, 20_000), AutoAccept = i % 4 == 0 },
                3 => new NeedInput { Kind = NeedKind.Thing, Title = $"Things {i}", Quantity = rng.Next(5, 20) },
                _ => new NeedInput { Kind = NeedKind.Hours, Title = $"Open hours {i}", Quantity = 20, AllowOverfill = true, AutoAccept = true },
            }).ToList();
            var project = await api.PostJsonAsync("/api/projects", _members[0].Token,
                new ProjectInput { Title = $"Crash round {round} project {p} {Guid.NewGuid():N}", Goal = "Count what survives a crash.", Online = true, Needs = needs }, ct);
            launched.Add(project.GetProperty("id").GetGuid());
        }
        _projects.AddRange(launched);
        await using var context = db.Open();
        var all = await context.Needs.Where(n => launched.Contains(n.ProjectId)).Select(n => new { n.Id, n.ProjectId, n.Kind }).ToArrayAsync(ct);
        rng.Shuffle(all);
        // Need after need, every pledger in a random order: the clients pledge to the same need at
        // once, so its last places are taken by parallel requests.
        var pairs = all.SelectMany(n =>
        {
            var members = Enumerable.Range(1, _members.Count - 1).ToArray();
            rng.Shuffle(members);
            return members.Select(m => (Member: m, Project: n.ProjectId, Need: n.Id, n.Kind));
        });
        return new ConcurrentQueue<(int, Guid, Guid, NeedKind)>(pairs);
    }

    private async Task PledgerAsync(Api api, int round, int worker, ConcurrentQueue<(int Member, Guid Project, Guid Need, NeedKind Kind)> pairs,
        ConcurrentQueue<(Guid, Guid)> pending, CancellationToken stop)
    {
        var rng = new Random(o.Seed * 10_000 + round * 100 + worker);
        while (!stop.IsCancellationRequested && pairs.TryDequeue(out var pair))
        {
            var amount = pair.Kind switch { NeedKind.Money => rng.Next(100, 2_500), NeedKind.Hours => rng.Next(1, 6), NeedKind.Thing => rng.Next(1, 3), _ => 1 };
            var attempt = new PledgeAttempt { Member = pair.Member, ProjectId = pair.Project, NeedId = pair.Need, Key = Guid.NewGuid().ToString("N"), Amount = amount, Round = round };
            _ledger.Pledges.Add(attempt);
            var token = _members[pair.Member].Token;
            await api.PledgeAsync(attempt, token);
            if (!attempt.Succeeded) continue;
            var dice = rng.NextDouble();
            if (dice < 0.10 && !stop.IsCancellationRequested)
            {
                // The same request again, as a client that lost the answer: the same pledge must come back.
                var repeat = new PledgeAttempt { Member = attempt.Member, ProjectId = attempt.ProjectId, NeedId = attempt.NeedId, Key = attempt.Key, Amount = attempt.Amount, Round = round, IsRepeat = true };
                _ledger.Pledges.Add(repeat);
                await api.PledgeAsync(repeat, token);
            }
            else if (dice < 0.14 && !stop.IsCancellationRequested)
            {
                var change = new PledgeChange { ProjectId = attempt.ProjectId, PledgeId = attempt.PledgeId!.Value, Action = "withdraw" };
                _ledger.Changes.Add(change);
                await api.ChangeAsync(change, token);
            }
            else if (attempt.PledgeStatus == nameof(PledgeStatus.Pending))
                pending.Enqueue((attempt.ProjectId, attempt.PledgeId!.Value));
        }
    }

    /// <summary>The owner answers pending pledges as they come: most accepted, some declined.</summary>
    private async Task OwnerAsync(Api api, int round, ConcurrentQueue<(Guid Project, Guid Pledge)> pending, CancellationToken stop)
    {
        var rng = new Random(o.Seed * 10_000 + round * 100 + 99);
        while (!stop.IsCancellationRequested)
        {
            if (!pending.TryDequeue(out var p))
            {
                try { await Task.Delay(20, stop); } catch (OperationCanceledException) { }
                continue;
            }
            var change = new PledgeChange { ProjectId = p.Project, PledgeId = p.Pledge, Action = rng.NextDouble() < 0.7 ? "accept" : "decline" };
            _ledger.Changes.Add(change);
            await api.ChangeAsync(change, _members[0].Token);
        }
    }

    /// <summary>The organizer writes to every member now and then: each message queues one mail per member.</summary>
    private async Task MessengerAsync(Api api, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var post = new MessagePost();
            _ledger.Messages.Add(post);
            await api.MessageAsync(post, _group, _members[0].Token, _ledger.Messages.Count);
            try { await Task.Delay(o.MessageEvery, stop); } catch (OperationCanceledException) { }
        }
    }

    private static async Task<int> UnsentAsync(CrashDatabase db, CancellationToken ct)
    {
        await using var context = db.Open();
        return await context.Outbox.CountAsync(m => m.SentAt == null, ct);
    }

    private async Task<(string, bool)> CheckAsync(CrashDatabase db, MailSink sink, TimeSpan drained, CancellationToken ct)
    {
        await using var context = db.Open();
        var stored = await context.Pledges.AsNoTracking().Where(p => _projects.Contains(p.ProjectId))
            .Select(p => new { p.Id, p.MemberId, p.NeedId, p.IdempotencyKey, p.Amount, p.Status }).ToListAsync(ct);
        var needs = await context.Needs.AsNoTracking().Where(n => _projects.Contains(n.ProjectId))
            .Select(n => new { n.Id, n.Quantity, n.Reserved, n.Filled, n.AllowOverfill }).ToListAsync(ct);
        var outbox = await context.Outbox.AsNoTracking().Select(m => new { m.Id, m.CreatedAt, m.SentAt }).ToListAsync(ct);
        var groupMessages = await context.Messages.CountAsync(m => m.GroupId == _group, ct);

        var attempts = _ledger.Pledges.ToList();
        var byId = stored.ToDictionary(p => p.Id);
        var answeredDuringLoad = attempts.Where(a => a.Succeeded && !a.IsFinalRetry).Select(a => a.PledgeId!.Value).ToHashSet();
        var answered = attempts.Where(a => a.Succeeded).Select(a => a.PledgeId!.Value).ToHashSet();
        var lost = answered.Count(id => !byId.ContainsKey(id));
        // Twice: one key answered with two pledges, two rows under one key, or two active pledges of one member to one need.
        var keysWithTwoAnswers = attempts.Where(a => a.Succeeded).GroupBy(a => (a.Member, a.Key)).Count(g => g.Select(a => a.PledgeId).Distinct().Count() > 1);
        var rowsSharingAKey = stored.GroupBy(p => (p.MemberId, p.IdempotencyKey)).Where(g => g.Count() > 1).Sum(g => g.Count() - 1);
        static bool Active(PledgeStatus s) => s is PledgeStatus.Pending or PledgeStatus.Accepted;
        var twoActive = stored.Where(p => Active(p.Status)).GroupBy(p => (p.MemberId, p.NeedId)).Count(g => g.Count() > 1);
        var doubled = keysWithTwoAnswers + rowsSharingAKey + twoActive;

        var activeByNeed = stored.Where(p => Active(p.Status)).GroupBy(p => p.NeedId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var acceptedByNeed = stored.Where(p => p.Status == PledgeStatus.Accepted).GroupBy(p => p.NeedId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var overCapacity = needs.Count(n => !n.AllowOverfill && n.Reserved > n.Quantity);
        var countersOff = needs.Count(n => n.Reserved != activeByNeed.GetValueOrDefault(n.Id) || n.Filled != acceptedByNeed.GetValueOrDefault(n.Id));
        var fullNeeds = needs.Count(n => !n.AllowOverfill && n.Reserved == n.Quantity);

        // Owners' answers and withdrawals that were answered 2xx are in the row's status.
        var changesLost = _ledger.Changes.Where(c => c.Succeeded).Count(c => !byId.TryGetValue(c.PledgeId, out var p) || c.Action switch
        {
            "withdraw" => p.Status != PledgeStatus.Withdrawn,
            "accept" => p.Status is not (PledgeStatus.Accepted or PledgeStatus.Withdrawn),
            _ => p.Status != PledgeStatus.Declined,
        });

        var finalRetries = attempts.Where(a => a.IsFinalRetry).ToList();
        var retryFound = finalRetries.Count(a => a.Status == 200);
        var retryMade = finalRetries.Count(a => a.Status == 201);
        var retryRefused = finalRetries.Count(a => a.Status is >= 400 and < 500);
        var retryUnanswered = finalRetries.Count(a => a.Unanswered || a.Status >= 500);
        var repeats = attempts.Where(a => a.IsRepeat && a.Succeeded).ToList();

        // Mail: every outbox row reached the SMTP server once, by its Message-ID.
        var received = sink.Accepted.ToList();
        var receivedIds = received.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => (Count: g.Count(), First: g.Min(r => r.At)));
        string MessageId(Guid id) => $"{id:N}@grassroots";
        var outboxIds = outbox.Select(m => MessageId(m.Id)).ToHashSet();
        var sent = outbox.Count(m => receivedIds.ContainsKey(MessageId(m.Id)));
        var neverSent = outbox.Count - sent;
        var duplicates = receivedIds.Where(r => outboxIds.Contains(r.Key)).Sum(r => r.Value.Count - 1);
        var duplicatedMessages = receivedIds.Count(r => outboxIds.Contains(r.Key) && r.Value.Count > 1);
        // SMTP cannot make delivery exactly-once: a kill between the server's 250 and the app's record of
        // it sends that message again after the restart. The sender records each message before it
        // sends the next, so such a duplicate is the last message the server took from the killed
        // process (it may finish taking it a moment after the kill: the bytes were already sent), and
        // there is at most one per kill; any other duplicate is a fault. No new process sends within a
        // second of a kill (a restart takes longer), so that second belongs to the killed one.
        static TimeSpan Grace(KillPoint k) => TimeSpan.FromSeconds(Math.Min(1, k.RestartSeconds));
        var lastOfKilled = _kills.Select(k => received.Where(r => r.At <= k.At + Grace(k)).OrderBy(r => r.At).Select(r => r.MessageId).LastOrDefault()).ToHashSet();
        var duplicated = receivedIds.Where(r => outboxIds.Contains(r.Key) && r.Value.Count > 1).ToList();
        var duplicatesInFlight = duplicated.Count(r => r.Value.Count == 2 && lastOfKilled.Contains(r.Key));
        // Signed: positive = taken that long before the nearest kill, negative = just after it.
        var msFromKill = duplicated.Select(r => _kills.Select(k => (k.At - r.Value.First).TotalMilliseconds).MinBy(Math.Abs)).ToList();
        var duplicatesExplained = duplicatesInFlight == duplicated.Count;
        var foreign = receivedIds.Keys.Count(k => !outboxIds.Contains(k));
        // Queued before a kill and not yet at the SMTP server when it came.
        var waitingAtAKill = outbox.Count(m => _kills.Any(k => m.CreatedAt < k.At
            && (!receivedIds.TryGetValue(MessageId(m.Id), out var r) || r.First > k.At)));
        var markedUnsent = outbox.Count(m => m.SentAt is null);
        var messagesAnswered = _ledger.Messages.Count(m => m.Succeeded);

        var passed = lost == 0 && doubled == 0 && overCapacity == 0 && countersOff == 0 && changesLost == 0 && retryUnanswered == 0
            && repeats.All(r => answered.Contains(r.PledgeId!.Value)) && neverSent == 0 && duplicatesExplained && foreign == 0
            && groupMessages >= messagesAnswered;

        var s = new StringBuilder();
        var sync = o.Provider == "Sqlite" ? $", synchronous={o.SqliteSynchronous ?? "Normal"}" : "";
        s.AppendLine($"### {(o.Provider == "Sqlite" ? "SQLite" : "PostgreSQL")}{sync}: {_kills.Count} kills, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, seed {o.Seed}");
        s.AppendLine();
        s.AppendLine("| kill | seconds into the load | pledges answered 2xx before it (round) | requests without an answer | load still running | restart to ready (s) |");
        s.AppendLine("|---:|---:|---:|---:|---|---:|");
        foreach (var k in _kills)
            s.AppendLine($"| {k.Round} | {k.SecondsIntoLoad:F2} | {k.AnsweredBefore:N0} | {k.InFlight} | {(k.LoadStillRunning ? "yes" : "no")} | {k.RestartSeconds:F2} |");
        s.AppendLine();
        s.AppendLine("| measure | value |");
        s.AppendLine("|---|---:|");
        s.AppendLine($"| pledge requests sent (all rounds; {o.Workers} clients) | {attempts.Count(a => !a.IsFinalRetry):N0} |");
        s.AppendLine($"| pledges answered 2xx during the load | {answeredDuringLoad.Count:N0} |");
        s.AppendLine($"| requests repeated with the same key after a 2xx, answered with the same pledge | {repeats.Count(r => answeredDuringLoad.Contains(r.PledgeId!.Value)):N0} of {repeats.Count:N0} |");
        s.AppendLine($"| requests without an answer (in flight at a kill) whose key never got one, retried with their key after the last restart | {finalRetries.Count:N0} |");
        s.AppendLine($"| … found already stored (committed before the kill; answered 200) | {retryFound:N0} |");
        s.AppendLine($"| … not stored, made by the retry (201) | {retryMade:N0} |");
        s.AppendLine($"| … refused by the retry (need full meanwhile, 4xx) | {retryRefused:N0} |");
        s.AppendLine($"| … without an answer again | {retryUnanswered:N0} |");
        s.AppendLine($"| pledges stored | {stored.Count:N0} |");
        s.AppendLine($"| **answered 2xx but not stored (lost)** | **{lost}** |");
        s.AppendLine($"| **stored twice** (one key, two pledges / two rows under one key / two active pledges of one member to one need) | **{doubled}** ({keysWithTwoAnswers} / {rowsSharingAKey} / {twoActive}) |");
        s.AppendLine($"| needs | {needs.Count} ({fullNeeds} filled to the last place) |");
        s.AppendLine($"| **needs over capacity** | **{overCapacity}** |");
        s.AppendLine($"| **needs whose counters differ from their stored pledges** (reserved = pending + accepted, filled = accepted) | **{countersOff}** |");
        s.AppendLine($"| accepts, declines and withdrawals answered 2xx | {_ledger.Changes.Count(c => c.Succeeded):N0} |");
        s.AppendLine($"| **… not in the stored pledge's status (lost)** | **{changesLost}** |");
        s.AppendLine($"| group messages answered 2xx / stored | {messagesAnswered} / {groupMessages} |");
        s.AppendLine($"| mail queued (outbox rows: sign-up confirmations and group messages) | {outbox.Count:N0} |");
        s.AppendLine($"| … queued before a kill and not yet sent when it came | {waitingAtAKill:N0} |");
        s.AppendLine($"| mail received by the SMTP server (distinct Message-IDs of the outbox) | {sent:N0} |");
        s.AppendLine($"| **mail never received** | **{neverSent}** ({markedUnsent} still unsent in the outbox) |");
        s.AppendLine($"| **mail received more than once** (messages; extra copies) | **{duplicatedMessages}** ({duplicates}) |");
        s.AppendLine($"| … of which the message in flight at a kill (the last one the server took from the killed process; its first copy taken ms before the kill, negative: after) | {duplicatesInFlight} ({string.Join(", ", msFromKill.Select(ms => $"{ms:F0}"))}) |");
        s.AppendLine($"| Message-IDs received that are not in the outbox | {foreign} |");
        s.AppendLine($"| seconds from the last restart's retries until the outbox was empty | {drained.TotalSeconds:F0} |");
        s.AppendLine($"| result | {(passed ? "**passed**" : "**FAILED**")} |");
        return (s.ToString(), passed);
    }

    private static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
