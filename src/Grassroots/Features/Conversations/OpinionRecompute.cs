using System.Text.Json;
using Grassroots.Infrastructure.Data;
using Grassroots.Opinion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Conversations;

/// <summary>
/// Computes opinion maps in the background, never on a request: votes mark their conversation pending and wake
/// this loop; a conversation is computed at most once per <see cref="ConversationsOptions.RecomputeEvery"/>
/// (debounced), warm-started from its stored state. Pending counts live in the database, so a restart loses nothing.
/// </summary>
public sealed class OpinionRecompute(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConversationsOptions> options, ILogger<OpinionRecompute> log) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    /// <summary>One computation per conversation at a time: a slower, older one must not overwrite a newer map.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _computing = new();

    /// <summary>Something changed: look soon (a burst of votes wakes it once).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await RunOnceAsync(stoppingToken);
                await _wake.WaitAsync(next ?? TimeSpan.FromMinutes(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogError(e, "Recomputing opinion maps failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    /// <summary>Computes every pending conversation whose map is old enough; returns when to look again.</summary>
    internal async Task<TimeSpan?> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var every = options.Value.RecomputeEvery;
        var pending = await db.Conversations.AsNoTracking().Where(c => c.Pending > 0)
            .Select(c => new { c.Id, Computed = db.OpinionMaps.Where(m => m.ConversationId == c.Id).Select(m => (DateTimeOffset?)m.ComputedAt).FirstOrDefault() })
            .Take(100).ToListAsync(ct);
        TimeSpan? soonest = null;
        foreach (var c in pending)
        {
            var due = c.Computed is { } at ? at + every : now;
            if (due > now) { soonest = soonest is { } s && s < due - now ? s : due - now; continue; }
            await ComputeAsync(c.Id, ct);
        }
        return soonest;
    }

    /// <summary>One conversation's map, now (tests and the import call it directly).</summary>
    public async Task ComputeAsync(Guid conversationId, CancellationToken ct)
    {
        var gate = _computing.GetOrAdd(conversationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try { await ComputeNowAsync(conversationId, ct); }
        finally { gate.Release(); }
    }

    private async Task ComputeNowAsync(Guid conversationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var conversation = await db.Conversations.Where(c => c.Id == conversationId).Select(c => new { c.Pending, c.StatementsNeedApproval }).SingleOrDefaultAsync(ct);
        var (pending, strict) = conversation is null ? (0L, false) : (conversation.Pending, conversation.StatementsNeedApproval);
        // Meta statements (about the conversation itself) stay out of the math, as in Pol.is; so do statements waiting
        // for a moderator where they must (their author's own agree would put their text on the public map).
        var moderatedOut = (await db.Statements.AsNoTracking().Where(s => s.ConversationId == conversationId
                && (s.Status == StatementStatus.Rejected || s.Meta || (strict && s.Status == StatementStatus.Unmoderated)))
            .Select(s => s.Number).ToListAsync(ct)).ToHashSet();
        var row = await db.OpinionMaps.SingleOrDefaultAsync(m => m.ConversationId == conversationId, ct);
        var previous = row is null ? null : Deserialize<OpinionMapState>(row.State);
        // Votes are read as 12-byte structs (50 million: 600 MB), not tracked entities.
        var votes = db.StatementVotes.AsNoTracking().Where(v => v.ConversationId == conversationId).OrderBy(v => v.At)
            .Select(v => new Vote(v.ParticipantNumber, v.StatementNumber, v.Value)).AsAsyncEnumerable();
        var list = new List<Vote>();
        long seen = 0;
        await foreach (var v in votes.WithCancellation(ct)) { list.Add(v); seen++; }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await Task.Run(() => OpinionMap.Compute(list, moderatedOut, previous, null, ct), ct);
        log.LogInformation("Opinion map of {Conversation}: {Votes} votes, {Groups} groups in {Ms} ms", conversationId, seen, result.GroupCount, started.ElapsedMilliseconds);
        var summary = JsonSerializer.Serialize(new StoredSummary(result.Groups, result.ConsensusAgree, result.ConsensusDisagree, result.GroupCount));
        var points = Pack(result.Participants);
        var state = JsonSerializer.Serialize(result.State);
        if (row is null)
            db.OpinionMaps.Add(new OpinionMapRow { ConversationId = conversationId, ComputedAt = clock.GetUtcNow(), VotesSeen = seen, State = state, Summary = summary, Points = points });
        else (row.ComputedAt, row.VotesSeen, row.State, row.Summary, row.Points) = (clock.GetUtcNow(), seen, state, summary, points);
        await db.SaveChangesAsync(ct);
        // What came in while computing stays pending for the next round.
        await db.Conversations.Where(c => c.Id == conversationId && c.Pending >= pending).ExecuteUpdateAsync(s => s.SetProperty(c => c.Pending, c => c.Pending - pending), ct);
    }

    internal sealed record StoredSummary(IReadOnlyList<OpinionGroup> Groups, IReadOnlyList<ConsensusStatement> Agree, IReadOnlyList<ConsensusStatement> Disagree, int GroupCount);

    internal static T? Deserialize<T>(string json) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(json); }
        catch (JsonException) { return null; }
    }

    /// <summary>13 bytes a participant: number, x, y (single precision is plenty for a picture), group (255: none).</summary>
    internal static byte[] Pack(IReadOnlyList<ParticipantPoint> points)
    {
        var bytes = new byte[points.Count * 13];
        var span = bytes.AsSpan();
        for (var i = 0; i < points.Count; i++)
        {
            var at = span[(i * 13)..];
            BitConverter.TryWriteBytes(at, points[i].Participant);
            BitConverter.TryWriteBytes(at[4..], (float)points[i].X);
            BitConverter.TryWriteBytes(at[8..], (float)points[i].Y);
            at[12] = points[i].Group is { } g and < 255 ? (byte)g : (byte)255;
        }
        return bytes;
    }

    internal static IEnumerable<(int Number, float X, float Y, int? Group)> Unpack(byte[] bytes)
    {
        for (var i = 0; i + 13 <= bytes.Length; i += 13)
            yield return (BitConverter.ToInt32(bytes, i), BitConverter.ToSingle(bytes, i + 4), BitConverter.ToSingle(bytes, i + 8), bytes[i + 12] == 255 ? null : bytes[i + 12]);
    }
}
