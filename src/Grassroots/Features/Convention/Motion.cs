using System.Text.Json.Serialization;
using Grassroots.Ballots.Counting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Convention;

/// <summary>What a motion decides.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MotionKind>))]
public enum MotionKind
{
    /// <summary>Anything else the assembly votes on: the agenda, a recess, a rule.</summary>
    Procedural = 0,
    /// <summary>Ratify a version of a platform document; when it passes, the version is marked ratified.</summary>
    Ratify = 1,
    /// <summary>Adopt an amendment that reached the ballot while drafting; when it passes, it is accepted for merging.</summary>
    AdoptAmendment = 2,
    /// <summary>Elect people to a committee or an office: approval, instant runoff or single transferable vote.</summary>
    Elect = 3,
    /// <summary>Endorse a candidate: opened by the candidates feature with the office's electorate as the roll; it is told the result.</summary>
    Endorse = 4,
}

/// <summary>
/// Told, inside the closing transaction (on the same context), that a motion was decided: the feature that opened
/// an endorsement learns the result exactly when it is written.
/// </summary>
public interface IMotionDecided
{
    Task DecidedAsync(Motion motion, bool passed, string tally, DateTimeOffset at, CancellationToken ct);
}

/// <summary>Draft: written, not yet voted on. Open: the voting window is open. Closed: the result is published.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MotionStatus>))]
public enum MotionStatus { Draft = 0, Open = 1, Closed = 2 }

/// <summary>
/// A motion and its vote. While it is open the board only grows (<see cref="BoardCount"/>, <see cref="BoardHead"/>)
/// and the turnout moves; the result is counted once, when it closes, and never shown before.
/// </summary>
public sealed class Motion
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 10_000;
    public const int MaxOptions = 50;
    public const int MaxOptionLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssemblyId { get; set; }
    public Guid? AgendaItemId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Text { get; set; } = "";
    public MotionKind Kind { get; set; }
    public MotionMethod Method { get; set; }
    public int Seats { get; set; } = 1;
    public Threshold Threshold { get; set; }
    public int QuorumBallots { get; set; }
    public int QuorumPercent { get; set; }
    /// <summary>Whether a voter may cast again before closing (the later ballot replaces the earlier, and the board says so).</summary>
    public bool AllowRevote { get; set; } = true;
    public Guid? DocumentId { get; set; }
    public int? DocumentVersion { get; set; }
    public Guid? AmendmentId { get; set; }

    public MotionStatus Status { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public Guid? OpenedById { get; set; }
    /// <summary>When the window closes by itself, if the chair set a time.</summary>
    public DateTimeOffset? ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Who may vote: the credentialed members when the window opened.</summary>
    public int Roll { get; set; }
    /// <summary>People who have cast a ballot (a re-vote does not add one).</summary>
    public int Voted { get; set; }
    public long BoardCount { get; set; }
    public string BoardHead { get; set; } = "";
    /// <summary>The counted result (JSON of the counting library's MotionResult), written once at close.</summary>
    public string? ResultJson { get; set; }
    public bool? Passed { get; set; }
}

public sealed class MotionOption
{
    public Guid MotionId { get; set; }
    /// <summary>1, 2, 3…: the number ballots use for it.</summary>
    public int Position { get; set; }
    public required string Label { get; set; }
}

/// <summary>One member on a motion's eligibility roll, called when the window opened.</summary>
public sealed class RollEntry
{
    public Guid MotionId { get; set; }
    public Guid MemberId { get; set; }
    public Attendance Attendance { get; set; }
}

/// <summary>
/// One entry of a motion's bulletin board. It names no one: the tracker commits to the choices and the nonce, and
/// the hash to the entry before it. Choices and nonce are published only after closing.
/// </summary>
public sealed class BoardBallot
{
    public Guid MotionId { get; set; }
    public long Sequence { get; set; }
    public required string Tracker { get; set; }
    public string? Replaces { get; set; }
    public required string Hash { get; set; }
    public required string Choices { get; set; }
    public required string Nonce { get; set; }
}

/// <summary>
/// That a member voted on a motion, and their current ballot's tracker (so a re-vote can say which entry it
/// replaces). While voting is open this row links a person to a tracker, and so to a choice; the public sees the
/// roll of who voted (names) and the board (trackers) apart. When the motion closes the tracker is cleared: after
/// that the server no longer knows who cast which ballot.
/// </summary>
public sealed class BallotCast
{
    public Guid MotionId { get; set; }
    public Guid MemberId { get; set; }
    public required string Tracker { get; set; }
    public long Sequence { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset CastAt { get; set; }
}

/// <summary>
/// A client's Idempotency-Key for one of its ballots on a motion: a retried request, however late, gets that ballot's
/// receipt back instead of casting it again over a later one. Deleted when the motion closes, with the link above.
/// </summary>
public sealed class BallotKey
{
    public Guid MotionId { get; set; }
    public Guid MemberId { get; set; }
    public required string Key { get; set; }
    public long Sequence { get; set; }
    public required string Choices { get; set; }
}

internal sealed class MotionConfiguration : IEntityTypeConfiguration<Motion>, IEntityTypeConfiguration<MotionOption>, IEntityTypeConfiguration<RollEntry>,
    IEntityTypeConfiguration<BoardBallot>, IEntityTypeConfiguration<BallotCast>, IEntityTypeConfiguration<BallotKey>
{
    public void Configure(EntityTypeBuilder<BallotKey> b)
    {
        b.ToTable("ballot_keys");
        b.HasKey(x => new { x.MotionId, x.MemberId, x.Key });
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Choices).HasMaxLength(400);
    }

    public void Configure(EntityTypeBuilder<Motion> b)
    {
        b.ToTable("motions", t =>
        {
            t.HasCheckConstraint("CK_motions_seats", "\"Seats\" BETWEEN 1 AND 50");
            t.HasCheckConstraint("CK_motions_quorum", "\"QuorumBallots\" >= 0 AND \"QuorumPercent\" BETWEEN 0 AND 100");
        });
        b.HasIndex(m => new { m.AssemblyId, m.Number }).IsUnique();
        b.HasIndex(m => new { m.Status, m.ClosesAt });
        b.Property(m => m.Title).HasMaxLength(Motion.MaxTitleLength);
        b.Property(m => m.Text).HasMaxLength(Motion.MaxTextLength);
        b.Property(m => m.BoardHead).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<MotionOption> b)
    {
        b.ToTable("motion_options");
        b.HasKey(o => new { o.MotionId, o.Position });
        b.Property(o => o.Label).HasMaxLength(Motion.MaxOptionLength);
    }

    public void Configure(EntityTypeBuilder<RollEntry> b)
    {
        b.ToTable("motion_roll");
        b.HasKey(r => new { r.MotionId, r.MemberId });
    }

    public void Configure(EntityTypeBuilder<BoardBallot> b)
    {
        b.ToTable("board_ballots");
        b.HasKey(x => new { x.MotionId, x.Sequence });
        b.HasIndex(x => new { x.MotionId, x.Tracker }).IsUnique();
        b.Property(x => x.Tracker).HasMaxLength(64);
        b.Property(x => x.Replaces).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.Choices).HasMaxLength(400);
        b.Property(x => x.Nonce).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<BallotCast> b)
    {
        b.ToTable("ballot_casts");
        b.HasKey(x => new { x.MotionId, x.MemberId });
        b.Property(x => x.Tracker).HasMaxLength(64);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
    }
}
