namespace Grassroots.Opinion;

/// <summary>One participant's vote on one statement: +1 agree, -1 disagree, 0 pass (Pol.is' export convention).</summary>
public readonly record struct Vote(int Participant, int Statement, sbyte Value);
