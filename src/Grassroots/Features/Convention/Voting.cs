using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Grassroots.Ballots.Board;
using Grassroots.Ballots.Counting;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention;

public sealed record CastResult(Outcome Outcome, Receipt? Receipt = null, bool Replayed = false);

/// <summary>
/// Casting a ballot: on the roll, window open, choices valid, then appended to the board in one transaction that
/// holds the motion's row, so the chain has one order and every entry links to the one before. One credential,
/// one counted ballot: a re-vote (where the motion allows it) appends a new entry that names the one it replaces.
/// A request retried with the same Idempotency-Key gets the first receipt back and appends nothing.
/// </summary>
public sealed class Voting(AppDbContext db, GroupCommit writes, TurnoutBroadcast turnout, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <param name="m">The motion as the caller found it (its method and id: what the ballot is checked against before it is queued).</param>
    public async Task<CastResult> CastAsync(ClaimsPrincipal actor, Motion m, BallotInput input, string? idempotencyKey, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var motionId = m.Id;
        var (key, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return new(badKey);
        var options = m.Method == MotionMethod.YesNo ? 2 : await db.MotionOptions.CountAsync(o => o.MotionId == motionId, ct);
        var (choices, problem) = Choices.Normalize(m.Method, options, input.Choices);
        if (choices is null) return new(Outcome.Invalid("choices", l[problem!]));

        for (var attempt = 0; ; attempt++)
        {
            // One connection writes the ballots in batches (GroupCommit), in arrival order, each in a savepoint, one commit a
            // batch: on PostgreSQL the motion's row is then locked once a batch (other instances, and a close, wait on it).
            // Either way an answer means committed.
            try { return await writes.RunAsync(db, (writer, token) => AppendAsync(writer, me, motionId, choices, key, token), ct, hotRow: true); }
            catch (Exception e) when (attempt < 3 && e is DbUpdateException or System.Data.Common.DbException { IsTransient: false } && !ct.IsCancellationRequested)
            {
                // Two requests of one voter at once: the second waits for the first's row, then reads what it committed.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The append itself, on the context and in the transaction <see cref="GroupCommit"/> gives it (it must not commit):
    /// one read of everything it decides on, then one batch of writes. On PostgreSQL it first holds the motion's row,
    /// so casts append one at a time and a close waits for (or shuts out) them; on SQLite the one writer does that.
    /// </summary>
    private async Task<CastResult> AppendAsync(AppDbContext db, Guid me, Guid motionId, string choices, string? key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var m = db.IsPostgres ? await LockedTargetAsync(db, motionId, me, key, ct)
            : await Target.GetValue(db.Model, _ => EF.CompileAsyncQuery(TargetQuery))(db, motionId, me, key, ct);
        if (m.Status != MotionStatus.Open) return new(await Closed(db, motionId, ct));
        if (m.ClosesAt is { } closes && now >= closes) return new(Outcome.Invalid("motion", l["Voting on this motion has closed."]));
        if (!m.OnRoll) return new(Outcome.Refused(l["You are not on this vote's roll: only members credentialed when voting opened may vote."]));
        if (key is not null && m.UsedSequence is { } usedSequence)
            return m.UsedChoices == choices
                ? new(Outcome.Ok, await ReceiptAsync(db, motionId, usedSequence, ct), Replayed: true)
                : new(Outcome.Invalid("Idempotency-Key", l["This key was sent with other choices before. Send a new key with a new ballot."]));
        if (m.Earlier is not null && !m.AllowRevote)
            return new(Outcome.Invalid("choices", l["You already voted on this motion, and its ballots can't be changed."]));

        var replaces = m.Earlier;
        var nonce = Tracker.NewNonce();
        var tracker = Tracker.Compute(motionId.ToString(), choices, nonce);
        var sequence = m.BoardCount + 1;
        var hash = BoardChain.Link(m.BoardHead, sequence, tracker, replaces);
        var voted = m.Voted + (replaces is null ? 1 : 0);
        // Plain SQL bypasses the model's converters: the time goes in as the model stores it (a number on SQLite).
        var castAt = db.Model.FindEntityType(typeof(BallotCast))!.FindProperty(nameof(BallotCast.CastAt))!.GetTypeMapping().Converter?.ConvertToProvider(now) ?? now;
        // The writes as one command of plain statements: the board entry, who voted (the tracker replaced on a re-vote),
        // the key, and the motion's counters (the row is held on PostgreSQL; on SQLite the writer is alone). EF's change
        // tracker was most of the writer's time here, and the writer is the vote's bottleneck.
        FormattableString board = $"INSERT INTO board_ballots (\"MotionId\", \"Sequence\", \"Tracker\", \"Replaces\", \"Hash\", \"Choices\", \"Nonce\") VALUES ({motionId}, {sequence}, {tracker}, {replaces}, {hash}, {choices}, {nonce});";
        var cast = replaces is null
            ? (FormattableString)$"INSERT INTO ballot_casts (\"MotionId\", \"MemberId\", \"Tracker\", \"Sequence\", \"CastAt\") VALUES ({motionId}, {me}, {tracker}, {sequence}, {castAt});"
            : (FormattableString)$"UPDATE ballot_casts SET \"Tracker\" = {tracker}, \"Sequence\" = {sequence}, \"CastAt\" = {castAt} WHERE \"MotionId\" = {motionId} AND \"MemberId\" = {me};";
        FormattableString counters = $"UPDATE motions SET \"BoardCount\" = {sequence}, \"BoardHead\" = {hash}, \"Voted\" = {voted} WHERE \"Id\" = {motionId};";
        await db.Database.ExecuteSqlInterpolatedAsync(Join(board, cast, counters), ct);
        if (key is not null)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO ballot_keys (\"MotionId\", \"MemberId\", \"Key\", \"Sequence\", \"Choices\") VALUES ({motionId}, {me}, {key}, {sequence}, {choices})", ct);
        turnout.Nudge(motionId);
        return new(Outcome.Ok, new Receipt(motionId, sequence, tracker, replaces, hash, choices, nonce));
    }

    /// <summary>Statements joined into one command, their arguments renumbered in order.</summary>
    private static FormattableString Join(params FormattableString[] parts)
    {
        var format = new System.Text.StringBuilder();
        var args = new List<object?>();
        foreach (var part in parts)
        {
            var shift = args.Count;
            format.Append(System.Text.RegularExpressions.Regex.Replace(part.Format, @"\{(\d+)\}", x => "{" + (int.Parse(x.Groups[1].Value) + shift) + "}")).Append(' ');
            args.AddRange(part.GetArguments());
        }
        return System.Runtime.CompilerServices.FormattableStringFactory.Create(format.ToString(), args.ToArray());
    }

    /// <summary>Everything a cast decides on, in one read. Compiled once per model: it runs once a ballot, on the writer.</summary>
    private static readonly Expression<Func<AppDbContext, Guid, Guid, string?, CancellationToken, CastTarget>> TargetQuery =
        (db, motionId, me, key, ct) => db.Motions.AsNoTracking().Where(x => x.Id == motionId).Select(x => new CastTarget(
            x.Status, x.ClosesAt, x.AllowRevote, x.BoardCount, x.BoardHead, x.Voted,
            db.MotionRoll.Any(r => r.MotionId == motionId && r.MemberId == me),
            db.BallotCasts.Where(c => c.MotionId == motionId && c.MemberId == me).Select(c => c.Tracker).FirstOrDefault(),
            db.BallotKeys.Where(k => k.MotionId == motionId && k.MemberId == me && k.Key == key).Select(k => (long?)k.Sequence).FirstOrDefault(),
            db.BallotKeys.Where(k => k.MotionId == motionId && k.MemberId == me && k.Key == key).Select(k => k.Choices).FirstOrDefault())).Single();

    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, Guid, string?, CancellationToken, Task<CastTarget>>> Target = [];

    /// <summary>
    /// PostgreSQL: the same read, holding the motion's row (FOR UPDATE) in the same statement, so ballots append one at a
    /// time in one chain order and a close waits for them; one round trip where a lock and a read took two.
    /// </summary>
    private static async Task<CastTarget> LockedTargetAsync(AppDbContext db, Guid motionId, Guid me, string? key, CancellationToken ct)
    {
        var row = await db.Database.SqlQuery<LockedRow>($"""
            SELECT m."Status", m."ClosesAt", m."AllowRevote", m."BoardCount", m."BoardHead", m."Voted",
                   EXISTS (SELECT 1 FROM motion_roll r WHERE r."MotionId" = m."Id" AND r."MemberId" = {me}) AS "OnRoll",
                   (SELECT c."Tracker" FROM ballot_casts c WHERE c."MotionId" = m."Id" AND c."MemberId" = {me}) AS "Earlier",
                   (SELECT k."Sequence" FROM ballot_keys k WHERE k."MotionId" = m."Id" AND k."MemberId" = {me} AND k."Key" = {key}) AS "UsedSequence",
                   (SELECT k."Choices" FROM ballot_keys k WHERE k."MotionId" = m."Id" AND k."MemberId" = {me} AND k."Key" = {key}) AS "UsedChoices"
            FROM motions m WHERE m."Id" = {motionId} FOR UPDATE OF m
            """).SingleAsync(ct);
        return new CastTarget((MotionStatus)row.Status, row.ClosesAt, row.AllowRevote, row.BoardCount, row.BoardHead, row.Voted, row.OnRoll, row.Earlier, row.UsedSequence, row.UsedChoices);
    }

    private sealed class LockedRow
    {
        public int Status { get; set; }
        public DateTimeOffset? ClosesAt { get; set; }
        public bool AllowRevote { get; set; }
        public long BoardCount { get; set; }
        public string BoardHead { get; set; } = "";
        public int Voted { get; set; }
        public bool OnRoll { get; set; }
        public string? Earlier { get; set; }
        public long? UsedSequence { get; set; }
        public string? UsedChoices { get; set; }
    }

    private sealed record CastTarget(MotionStatus Status, DateTimeOffset? ClosesAt, bool AllowRevote, long BoardCount, string BoardHead, int Voted,
        bool OnRoll, string? Earlier, long? UsedSequence, string? UsedChoices);

    private async Task<Outcome> Closed(AppDbContext db, Guid motionId, CancellationToken ct) =>
        await db.Motions.Where(x => x.Id == motionId).Select(x => x.Status).SingleAsync(ct) == MotionStatus.Draft
            ? Outcome.Invalid("motion", l["Voting on this motion has not opened yet."])
            : Outcome.Invalid("motion", l["Voting on this motion has closed."]);

    /// <summary>The receipt of the member's current ballot (their own: it carries the choices), or null.</summary>
    public async Task<Receipt?> MineAsync(ClaimsPrincipal actor, Guid motionId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var cast = await db.BallotCasts.AsNoTracking().SingleOrDefaultAsync(c => c.MotionId == motionId && c.MemberId == me, ct);
        return cast is not { Sequence: > 0 } ? null : await ReceiptAsync(db, motionId, cast.Sequence, ct);
    }

    private static Task<Receipt> ReceiptAsync(AppDbContext db, Guid motionId, long sequence, CancellationToken ct) =>
        db.BoardBallots.AsNoTracking().Where(b => b.MotionId == motionId && b.Sequence == sequence)
            .Select(b => new Receipt(motionId, b.Sequence, b.Tracker, b.Replaces, b.Hash, b.Choices, b.Nonce)).SingleAsync(ct);
}
