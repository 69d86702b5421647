using Grassroots.Features.Members;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

/// <summary>
/// The demo's conversation on The People's Platform, so a first visitor sees an opinion map with groups: the demo
/// people write and vote through <see cref="Deliberating"/>; a few dozen more participants are numbers only, as
/// an imported Pol.is conversation's are (the demo has eight accounts, a map needs more people), voting in three
/// planted leanings with common ground on money in politics. The map is computed before the first visit.
/// </summary>
internal sealed class DemoConversation(AppDbContext db, Deliberating deliberating, OpinionRecompute recompute, TimeProvider clock) : IDemoSeedStep
{
    private static readonly string[] Seeds =
    [
        "Health care should be a right, not a privilege.",
        "Medicare for All should come before every other plank.",
        "A $17 minimum wage would hurt small businesses in rural towns.",
        "Public financing of elections matters more than any single policy.",
        "Climate action should create union jobs first.",
        "We should ban fracking within ten years.",
        "Getting big money out of politics helps every other plank pass.",
        "The platform should be short enough to fit on one page.",
        "Student debt should be cancelled.",
        "Nuclear power belongs in the clean energy plan.",
    ];

    /// <summary>Written by demo people after the start: who (a demo person's index) and what.</summary>
    private static readonly (int Person, string Text)[] Written =
    [
        (3, "Trade deals should protect workers, not corporations."),
        (2, "Young people should lead the climate planks."),
    ];

    /// <summary>For each statement, the chance each leaning agrees and disagrees (the rest pass).</summary>
    private static readonly (double Agree, double Disagree)[][] Leanings =
    [
        [(.9, .05), (.85, .1), (.1, .85), (.6, .2), (.85, .1), (.4, .4), (.9, .05), (.7, .15), (.5, .3), (.3, .55), (.85, .1), (.3, .4)],
        [(.8, .1), (.3, .55), (.2, .7), (.5, .3), (.5, .3), (.9, .05), (.9, .05), (.7, .15), (.9, .05), (.15, .75), (.4, .3), (.9, .05)],
        [(.4, .45), (.15, .75), (.85, .1), (.6, .25), (.2, .6), (.1, .85), (.85, .1), (.75, .1), (.2, .7), (.65, .2), (.7, .2), (.2, .5)],
    ];

    private const int NumbersOnly = 36;

    public int Order => 45;

    public async Task RunAsync(CancellationToken ct)
    {
        var people = new List<Guid>();
        for (var i = 0; i < DemoPeople.Count; i++)
        {
            var email = DemoPeople.EmailOf(i);
            people.Add(await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct));
        }
        var doc = await db.PlatformDocuments.Where(d => d.Title == DemoPlatform.Title).Select(d => d.Id).SingleAsync(ct);
        var (c, started) = await deliberating.CreateAsync(MemberPrincipal.Acting(people[0]), new ConversationInput("What should The People's Platform put first?",
            "Vote on each statement (agree, disagree or pass) and add your own. The map groups people who vote alike and shows what every group agrees on.",
            doc, null, Seeds: Seeds), ct);
        Check(started);
        foreach (var (person, text) in Written)
            Check((await deliberating.SubmitAsync(MemberPrincipal.Acting(people[person]), c!.Id, new StatementInput(text), ct)).Outcome);

        var random = new Random(15); // the same demo map on every new installation
        var statements = Seeds.Length + Written.Length;
        IEnumerable<(int Statement, sbyte Vote)> Ballot(int leaning)
        {
            for (var s = 0; s < statements; s++)
            {
                if (random.NextDouble() < .12) continue; // nobody votes on everything
                var (agree, disagree) = Leanings[leaning][s];
                var roll = random.NextDouble();
                yield return (s, roll < agree ? (sbyte)1 : roll < agree + disagree ? (sbyte)-1 : (sbyte)0);
            }
        }
        for (var i = 0; i < people.Count; i++)
            foreach (var (s, vote) in Ballot(i % 3))
                Check(await deliberating.VoteAsync(MemberPrincipal.Acting(people[i]), c!.Id, new VoteInput(s, vote), ct));

        // The participants who are numbers only: written as an import writes them, with the counters recounted from the rows.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = await db.Conversations.Where(x => x.Id == c!.Id).Select(x => x.Participants).SingleAsync(ct);
        var now = clock.GetUtcNow();
        for (var n = 0; n < NumbersOnly; n++)
        {
            db.ConversationParticipants.Add(new ConversationParticipant { ConversationId = c!.Id, Number = first + n, JoinedAt = now });
            foreach (var (s, vote) in Ballot(n % 3))
                db.StatementVotes.Add(new StatementVote { ConversationId = c.Id, ParticipantNumber = first + n, StatementNumber = s, Value = vote, At = now });
        }
        await db.SaveChangesAsync(ct);
        var id = c!.Id;
        await db.Statements.Where(s => s.ConversationId == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Agrees, s => db.StatementVotes.Count(v => v.ConversationId == id && v.StatementNumber == s.Number && v.Value == 1))
            .SetProperty(s => s.Disagrees, s => db.StatementVotes.Count(v => v.ConversationId == id && v.StatementNumber == s.Number && v.Value == -1))
            .SetProperty(s => s.Passes, s => db.StatementVotes.Count(v => v.ConversationId == id && v.StatementNumber == s.Number && v.Value == 0))
            .SetProperty(s => s.Seen, s => db.StatementVotes.Count(v => v.ConversationId == id && v.StatementNumber == s.Number)), ct);
        await db.Conversations.Where(x => x.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Participants, x => db.ConversationParticipants.Count(p => p.ConversationId == id))
            .SetProperty(x => x.Votes, x => db.StatementVotes.LongCount(v => v.ConversationId == id))
            .SetProperty(x => x.Pending, x => x.Pending + 1), ct);
        await tx.CommitAsync(ct);
        await recompute.ComputeAsync(id, ct);
    }

    private static void Check(Outcome outcome)
    {
        if (outcome.Kind != OutcomeKind.Ok)
            throw new InvalidOperationException("Demo conversation is invalid: " + string.Join("; ", outcome.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [outcome.Detail ?? outcome.Kind.ToString()]));
    }
}
