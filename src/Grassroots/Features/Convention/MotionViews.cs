using Grassroots.Ballots.Counting;

namespace Grassroots.Features.Convention;

/// <summary>What a voter keeps: the tracker, where it sits on the board, and what it committed to (recompute it: SHA-256 of "grassroots-ballot/v1\n{motion}\n{choices}\n{nonce}").</summary>
public sealed record Receipt(Guid MotionId, long Sequence, string Tracker, string? Replaces, string Hash, string Choices, string Nonce);

public sealed record OptionView(int Number, string Label);

/// <summary>
/// A motion as anyone sees it. The result and the board's choices appear only once it is closed; while it is open,
/// the roll's size, how many have voted and the board's head (to keep and compare later) are public.
/// </summary>
public sealed record MotionView(
    Guid Id, Guid AssemblyId, string AssemblySlug, string AssemblyName, int Number, string Title, string Text, MotionKind Kind, string Method,
    IReadOnlyList<OptionView> Options, int Seats, string Threshold, int QuorumBallots, int QuorumPercent, bool AllowRevote,
    string? DocumentSlug, int? DocumentVersion, Guid? AmendmentId, MotionStatus Status, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt, int Roll, int Voted, long BoardCount, string BoardHead, MotionResult? Result, bool? Passed,
    bool OnRoll, bool IVoted, long? MySequence, string? MyTracker, bool CanChair);

public sealed record BoardEntryView(long Sequence, string Tracker, string? Replaces, string Hash, string? Choices, string? Nonce, bool Counted);

public sealed record TurnoutUpdate(Guid MotionId, MotionStatus Status, int Roll, int Voted, long BoardCount, string BoardHead);
