using System.Text.Json;
using System.Text.Json.Serialization;
using Grassroots.Ballots.Counting;

namespace Grassroots.Ballots.Audit;

/// <summary>The motion as the audit file describes it: everything its count depends on.</summary>
public sealed record AuditMotion(
    string Id, string Title, string Method, IReadOnlyList<string> Options, int Seats, string Threshold,
    int QuorumBallots, int QuorumPercentOfRoll, int Roll, DateTimeOffset OpenedAt, DateTimeOffset ClosedAt)
{
    public MotionRules Rules()
    {
        var method = MotionMethods.Parse(Method) ?? throw new FormatException($"\"{Method}\" is not a counting method (yes-no, approval, irv, stv).");
        var threshold = Thresholds.Parse(Threshold) ?? throw new FormatException($"\"{Threshold}\" is not a threshold (majority, three-fifths, two-thirds).");
        if (Options is null || Options.Any(o => o is null)) throw new FormatException("The motion's options are missing.");
        if (Roll < 0) throw new FormatException("The roll can't be negative.");
        var quorum = new Quorum(QuorumBallots, QuorumPercentOfRoll);
        if (quorum.Problem(Roll) is { } problem) throw new FormatException(problem);
        if (method is MotionMethod.YesNo or MotionMethod.InstantRunoff ? Seats != 1 : Seats < 1 || Seats >= Math.Max(2, Options.Count))
            throw new FormatException($"{Seats} seats do not fit a {Method} motion of {Options.Count} options.");
        return new(method, Options, Seats, threshold, quorum, Roll);
    }
}

/// <summary>A board entry with what it committed to, published once voting closed.</summary>
public sealed record AuditBallot(long Sequence, string Tracker, string? Replaces, string Hash, string Choices, string Nonce);

/// <summary>
/// Everything needed to recount a closed motion without trusting the server: the motion's rules, the whole board
/// (trackers in order with their hashes, choices and nonces; no identities), the roll of who voted (identities, no
/// choices, alphabetical), the board's head, and the result the assembly published. `verify` reads this file.
/// </summary>
public sealed record AuditFile(string Format, AuditMotion Motion, IReadOnlyList<AuditBallot> Board, IReadOnlyList<string> Voters, string Head, MotionResult Result)
{
    public const string CurrentFormat = "grassroots-audit/v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
