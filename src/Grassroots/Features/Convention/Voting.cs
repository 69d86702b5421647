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
public sealed class Voting(AppDbContext db, TurnoutBroadcast turnout, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxKeyLength = 100;

    public async Task<CastResult> CastAsync(ClaimsPrincipal actor, Guid motionId, BallotInput input, string? idempotencyKey, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (key is { Length: > MaxKeyLength }) return new(Outcome.Invalid("Idempotency-Key", l["The idempotency key can be at most {0} characters.", MaxKeyLength]));
        var m = await db.Motions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == motionId, ct);
        if (m is null) return new(Outcome.NotFound);
        var options = m.Method == MotionMethod.YesNo ? 2 : await db.MotionOptions.CountAsync(o => o.MotionId == motionId, ct);
        var (choices, problem) = Choices.Normalize(m.Method, options, input.Choices);
        if (choices is null) return new(Outcome.Invalid("choices", l[problem!]));

        for (var attempt = 0; ; attempt++)
        {
            try { return await AppendAsync(me, motionId, choices, key, ct); }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two requests of one voter at once: the second waits for the first's row, then reads what it committed.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<CastResult> AppendAsync(Guid me, Guid motionId, string choices, string? key, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // Holds the motion's row until commit: casts append one at a time, and a close waits for (or shuts out) them.
        if (await db.Motions.Where(x => x.Id == motionId && x.Status == MotionStatus.Open).ExecuteUpdateAsync(s => s.SetProperty(x => x.BoardCount, x => x.BoardCount), ct) == 0)
            return new(await Closed(motionId, ct));
        var m = await db.Motions.AsNoTracking().SingleAsync(x => x.Id == motionId, ct);
        if (m.ClosesAt is { } closes && now >= closes) return new(Outcome.Invalid("motion", l["Voting on this motion has closed."]));
        if (!await db.MotionRoll.AnyAsync(r => r.MotionId == motionId && r.MemberId == me, ct))
            return new(Outcome.Refused(l["You are not on this vote's roll: only members credentialed when voting opened may vote."]));

        if (key is not null && await db.BallotKeys.AsNoTracking().SingleOrDefaultAsync(k => k.MotionId == motionId && k.MemberId == me && k.Key == key, ct) is { } used)
            return used.Choices == choices
                ? new(Outcome.Ok, await ReceiptAsync(motionId, used.Sequence, ct), Replayed: true)
                : new(Outcome.Invalid("Idempotency-Key", l["This key was sent with other choices before. Send a new key with a new ballot."]));
        var earlier = await db.BallotCasts.SingleOrDefaultAsync(c => c.MotionId == motionId && c.MemberId == me, ct);
        if (earlier is not null && !m.AllowRevote)
            return new(Outcome.Invalid("choices", l["You already voted on this motion, and its ballots can't be changed."]));

        var replaces = earlier?.Tracker;
        var nonce = Tracker.NewNonce();
        var tracker = Tracker.Compute(motionId.ToString(), choices, nonce);
        var sequence = m.BoardCount + 1;
        var hash = BoardChain.Link(m.BoardHead, sequence, tracker, replaces);
        db.BoardBallots.Add(new BoardBallot { MotionId = motionId, Sequence = sequence, Tracker = tracker, Replaces = replaces, Hash = hash, Choices = choices, Nonce = nonce });
        if (earlier is null) db.BallotCasts.Add(new BallotCast { MotionId = motionId, MemberId = me, Tracker = tracker, Sequence = sequence, CastAt = now });
        else (earlier.Tracker, earlier.Sequence, earlier.CastAt) = (tracker, sequence, now);
        if (key is not null) db.BallotKeys.Add(new BallotKey { MotionId = motionId, MemberId = me, Key = key, Sequence = sequence, Choices = choices });
        await db.SaveChangesAsync(ct);
        var voted = earlier is null ? 1 : 0;
        await db.Motions.Where(x => x.Id == motionId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.BoardCount, sequence).SetProperty(x => x.BoardHead, hash).SetProperty(x => x.Voted, x => x.Voted + voted), ct);
        await tx.CommitAsync(ct);
        turnout.Nudge(motionId);
        return new(Outcome.Ok, new Receipt(motionId, sequence, tracker, replaces, hash, choices, nonce));
    }

    private async Task<Outcome> Closed(Guid motionId, CancellationToken ct) =>
        await db.Motions.Where(x => x.Id == motionId).Select(x => x.Status).SingleAsync(ct) == MotionStatus.Draft
            ? Outcome.Invalid("motion", l["Voting on this motion has not opened yet."])
            : Outcome.Invalid("motion", l["Voting on this motion has closed."]);

    /// <summary>The receipt of the member's current ballot (their own: it carries the choices), or null.</summary>
    public async Task<Receipt?> MineAsync(ClaimsPrincipal actor, Guid motionId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var cast = await db.BallotCasts.AsNoTracking().SingleOrDefaultAsync(c => c.MotionId == motionId && c.MemberId == me, ct);
        return cast is not { Sequence: > 0 } ? null : await ReceiptAsync(motionId, cast.Sequence, ct);
    }

    private Task<Receipt> ReceiptAsync(Guid motionId, long sequence, CancellationToken ct) =>
        db.BoardBallots.AsNoTracking().Where(b => b.MotionId == motionId && b.Sequence == sequence)
            .Select(b => new Receipt(motionId, b.Sequence, b.Tracker, b.Replaces, b.Hash, b.Choices, b.Nonce)).SingleAsync(ct);
}
