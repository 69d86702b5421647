using Grassroots.Opinion;

namespace Grassroots.Tests.Opinion;

/// <summary>
/// A synthetic conversation with planted opinion groups. Each group sits at an angle on a circle of opinion and each
/// statement at an angle too; a member of a group agrees with a statement with probability (1 + a·cos(Δ)) / 2 and
/// passes 5% of the time, so the groups' mean votes lie in a plane — the structure Pol.is' two-dimensional map is
/// meant to show. Every participant votes on a random subset of the statements (sparse), groups differ in size.
/// </summary>
public sealed record PlantedConversation(IReadOnlyList<Vote> Votes, IReadOnlyDictionary<int, int> GroupOf)
{
    public static PlantedConversation Make(int groups, int participants, int statements, int seed,
        int minVotes = 35, int maxVotes = 70, double strength = 0.95, int firstParticipantId = 1000)
    {
        var rng = new Random(seed);
        var statementAngle = Enumerable.Range(0, statements).Select(_ => rng.NextDouble() * 2 * Math.PI).ToArray();
        var share = Enumerable.Range(0, groups).Select(g => 1.0 + 0.5 * g).ToArray();
        var groupOf = new Dictionary<int, int>();
        var votes = new List<Vote>();
        var order = Enumerable.Range(0, statements).ToArray();
        for (var p = 0; p < participants; p++)
        {
            var pick = rng.NextDouble() * share.Sum();
            var g = 0;
            while (g < groups - 1 && pick >= share[g]) pick -= share[g++];
            var id = firstParticipantId + p;
            groupOf[id] = g;
            var angle = 2 * Math.PI * g / groups;
            var count = Math.Min(statements, rng.Next(minVotes, maxVotes + 1));
            for (var i = 0; i < count; i++)
            {
                var j = rng.Next(i, statements);
                (order[i], order[j]) = (order[j], order[i]);
            }
            for (var i = 0; i < count; i++)
            {
                var s = order[i];
                var lean = strength * Math.Cos(angle - statementAngle[s]);
                var value = rng.NextDouble() < 0.05 ? 0 : rng.NextDouble() < (1 + lean) / 2 ? 1 : -1;
                votes.Add(new Vote(id, 500 + s, (sbyte)value));
            }
        }
        return new PlantedConversation(votes, groupOf);
    }
}
