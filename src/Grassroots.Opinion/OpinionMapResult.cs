using System.Text.Json.Serialization;

namespace Grassroots.Opinion;

/// <summary>What one recompute of a conversation's opinion map found. Serializable with System.Text.Json.</summary>
/// <param name="Participants">Every participant with a vote on a statement not moderated out, by id ascending.</param>
/// <param name="Groups">The opinion groups by id ascending; empty when nobody is in the clustering.</param>
/// <param name="ConsensusAgree">Statements every group tends to agree with, strongest group-aware consensus first.</param>
/// <param name="ConsensusDisagree">Statements every group tends to disagree with, strongest first.</param>
/// <param name="GroupCount">How many groups the map shows (the held k; 1 when everyone sits on one point, 0 when nobody is clustered).</param>
/// <param name="State">What the next recompute starts from; store it and pass it back.</param>
public sealed record OpinionMapResult(
    IReadOnlyList<ParticipantPoint> Participants,
    IReadOnlyList<OpinionGroup> Groups,
    IReadOnlyList<ConsensusStatement> ConsensusAgree,
    IReadOnlyList<ConsensusStatement> ConsensusDisagree,
    int GroupCount,
    OpinionMapState State);

/// <summary>A participant on the map; <paramref name="Group"/> is null until they are in the clustering.</summary>
public readonly record struct ParticipantPoint(int Participant, double X, double Y, int? Group);

/// <summary>
/// One opinion group. <paramref name="Id"/> is kept across recomputes (matched by centre), so a colour can be tied
/// to it; ids are small (0, 1, …) and a freed id is reused first.
/// </summary>
public sealed record OpinionGroup(int Id, int Size, double X, double Y, IReadOnlyList<RepresentativeStatement> Representative);

[JsonConverter(typeof(JsonStringEnumConverter<Stance>))]
public enum Stance { Agree, Disagree }

/// <summary>
/// A statement that sets a group apart (Pol.is' repness). For <see cref="For"/> = Agree: <paramref name="Votes"/> is
/// the group's agrees, <paramref name="Seen"/> the group's votes on it (passes included), <paramref name="Probability"/>
/// = (agrees + 1) / (seen + 2), <paramref name="ProbabilityZ"/> the one-proportion test against ½,
/// <paramref name="Representativeness"/> = that probability over the same for everyone in the other groups,
/// <paramref name="RepresentativenessZ"/> the two-proportion test against the other groups. Likewise for Disagree.
/// <paramref name="BestAgree"/> marks the statement Pol.is puts first as what the group most agrees on.
/// </summary>
public sealed record RepresentativeStatement(
    int Statement, Stance For, int Votes, int Seen, double Probability, double ProbabilityZ,
    double Representativeness, double RepresentativenessZ, bool BestAgree);

/// <summary>
/// Group-aware consensus of a statement: the product over groups of (agrees + 1) / (votes + 2), and the same for
/// disagrees; <paramref name="GroupAgree"/> and <paramref name="GroupDisagree"/> are the factors, by group id order.
/// </summary>
public sealed record ConsensusStatement(
    int Statement, double Agree, double Disagree, IReadOnlyList<double> GroupAgree, IReadOnlyList<double> GroupDisagree);
