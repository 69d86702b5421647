using System.Security.Claims;
using Grassroots.Ballots.Board;
using Grassroots.Ballots.Counting;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
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
            catch (DbUpdateException) when (attempt < 3)
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
        if (db.IsPostgres && await db.Motions.Where(x => x.Id == motionId && x.Status == MotionStatus.Open).ExecuteUpdateAsync(s => s.SetProperty(x => x.BoardCount, x => x.BoardCount), ct) == 0)
            return new(await Closed(db, motionId, ct));
        var m = await db.Motions.AsNoTracking().Where(x => x.Id == motionId).Select(x => new
        {
            x.Status, x.ClosesAt, x.AllowRevote, x.BoardCount, x.BoardHead, x.Voted,
            OnRoll = db.MotionRoll.Any(r => r.MotionId == motionId && r.MemberId == me),
            Earlier = db.BallotCasts.Where(c => c.MotionId == motionId && c.MemberId == me).Select(c => c.Tracker).FirstOrDefault(),
            UsedSequence = db.BallotKeys.Where(k => k.MotionId == motionId && k.MemberId == me && k.Key == key).Select(k => (long?)k.Sequence).FirstOrDefault(),
            UsedChoices = db.BallotKeys.Where(k => k.MotionId == motionId && k.MemberId == me && k.Key == key).Select(k => k.Choices).FirstOrDefault(),
        }).SingleAsync(ct);
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
        db.BoardBallots.Add(new BoardBallot { MotionId = motionId, Sequence = sequence, Tracker = tracker, Replaces = replaces, Hash = hash, Choices = choices, Nonce = nonce });
        var cast = new BallotCast { MotionId = motionId, MemberId = me, Tracker = tracker, Sequence = sequence, CastAt = now };
        if (replaces is null) db.BallotCasts.Add(cast);
        else db.BallotCasts.Update(cast);
        if (key is not null) db.BallotKeys.Add(new BallotKey { MotionId = motionId, MemberId = me, Key = key, Sequence = sequence, Choices = choices });
        // The motion's board counters, written in the same batch: the row is held (PostgreSQL) or the writer is alone (SQLite).
        var counters = new Motion { Id = motionId, Title = "", BoardCount = sequence, BoardHead = hash, Voted = m.Voted + (replaces is null ? 1 : 0) };
        var entry = db.Motions.Attach(counters);
        entry.Property(x => x.BoardCount).IsModified = true;
        entry.Property(x => x.BoardHead).IsModified = true;
        entry.Property(x => x.Voted).IsModified = true;
        await db.SaveChangesAsync(ct);
        turnout.Nudge(motionId);
        return new(Outcome.Ok, new Receipt(motionId, sequence, tracker, replaces, hash, choices, nonce));
    }

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
