using System.Collections.Concurrent;

namespace Grassroots.CrashTest;

/// <summary>One pledge request as the client saw it: what it sent and what (if anything) it heard.</summary>
public sealed class PledgeAttempt
{
    public required int Member { get; init; }
    public required Guid ProjectId { get; init; }
    public required Guid NeedId { get; init; }
    public required string Key { get; init; }
    public required long Amount { get; init; }
    public required int Round { get; init; }
    /// <summary>Sent again with the same key right after a 2xx, as a client that missed the answer would.</summary>
    public bool IsRepeat { get; init; }
    /// <summary>Sent after the last restart for a request that got no answer.</summary>
    public bool IsFinalRetry { get; init; }
    public int? Status { get; set; }
    public Guid? PledgeId { get; set; }
    public string? PledgeStatus { get; set; }
    public bool Unanswered => Status is null;
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>An owner's answer or a pledger's withdrawal, and what the client heard.</summary>
public sealed class PledgeChange
{
    public required Guid ProjectId { get; init; }
    public required Guid PledgeId { get; init; }
    public required string Action { get; init; } // accept, decline, withdraw
    public int? Status { get; set; }
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>A group message (mail to every member) and what the client heard.</summary>
public sealed class MessagePost
{
    public int? Status { get; set; }
    public int Recipients { get; set; }
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>Everything the clients sent and heard, across rounds.</summary>
public sealed class Ledger
{
    public ConcurrentBag<PledgeAttempt> Pledges { get; } = [];
    public ConcurrentBag<PledgeChange> Changes { get; } = [];
    public ConcurrentBag<MessagePost> Messages { get; } = [];
}

/// <summary>One kill: when, and what was going on.</summary>
public sealed record KillPoint(int Round, double SecondsIntoLoad, DateTimeOffset At, int AnsweredBefore, int InFlight, bool LoadStillRunning, double RestartSeconds);
