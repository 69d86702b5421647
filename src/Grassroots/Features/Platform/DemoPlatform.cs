using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Platform;

/// <summary>
/// The demo movement's platform: "The People's Platform", started by a demo organizer from Markdown as the form does,
/// a facilitator named, and two amendments (one co-signed), all through the same use cases as the pages.
/// </summary>
internal sealed class DemoPlatform(AppDbContext db, Drafting drafting, Facilitating facilitating, Amending amending) : IDemoSeedStep
{
    public const string Title = "The People's Platform";

    private const string Text = """
        # The People's Platform

        What the movement stands for, written by its members: propose a change to any plank, and co-sign the ones you back.

        ## Health care

        ### Medicare for All

        Guarantee health care to everyone in the United States through one public insurance program, with no premiums, deductibles or co-pays.

        ### Drug prices

        Let Medicare negotiate the price of every drug, and cap what anyone pays for insulin and other life-saving medicines at $35 a month.

        ## Work and wages

        ### A living wage

        Raise the federal minimum wage to $17 an hour, index it to inflation, and end the lower wage for tipped workers.

        ### The freedom to organize

        Recognize a union as soon as most workers sign up, and fine employers who punish workers for organizing.

        ## Democracy

        ### Money out of politics

        Overturn Citizens United, match small donations with public funds, and ban contributions from corporate PACs.

        ### Voting rights

        Register every eligible citizen automatically, make Election Day a holiday, and restore the Voting Rights Act.

        ## Climate

        ### A Green New Deal

        Reach net-zero emissions by 2040 through public investment in clean energy, transit and efficient homes, with good union jobs in every community.

        ### A just transition

        Guarantee wages, pensions and training for the workers and towns that depended on coal, oil and gas.
        """;

    public int Order => 40;

    public async Task RunAsync(CancellationToken ct)
    {
        var people = new List<Guid>();
        for (var i = 0; i < DemoPeople.Count; i++)
        {
            var email = DemoPeople.EmailOf(i);
            people.Add(await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct));
        }
        var (doc, outcome) = await drafting.CreateAsync(MemberPrincipal.Acting(people[0]), new DocumentInput(null, null, Text), ct);
        Check(outcome);
        Check(await facilitating.NameAsync(MemberPrincipal.Acting(people[0]), doc!.Id, new FacilitatorInput(people[7], DocumentRole.Facilitator), ct));
        Check(await facilitating.AnswerAsync(MemberPrincipal.Acting(people[7]), doc.Id, accept: true, ct)); // asked, and said yes
        var planks = await db.PlatformPlanks.AsNoTracking().Where(p => db.PlatformVersions.Any(v => v.Id == p.VersionId && v.DocumentId == doc.Id)).ToDictionaryAsync(p => p.Title, p => p.Key, ct);

        var (wage, proposed) = await amending.ProposeAsync(MemberPrincipal.Acting(people[5]), doc.Id, new AmendmentInput(1, planks["A living wage"], AmendmentKind.Change, "A $20 wage by 2028",
            "Raise the federal minimum wage to $20 an hour by 2028, index it to inflation, and end the lower wage for tipped workers.",
            "Seventeen dollars is already less than a living wage in most cities, and it will be worth less by the time it passes."), ct);
        Check(proposed);
        foreach (var signer in new[] { people[1], people[3], people[6] })
            Check(await amending.CosignAsync(MemberPrincipal.Acting(signer), wage!.Id, true, ct));
        var (_, added) = await amending.ProposeAsync(MemberPrincipal.Acting(people[4]), doc.Id, new AmendmentInput(1, planks["A Green New Deal"], AmendmentKind.AddPlank, "Add green social housing",
            "### Green social housing\n\nBuild ten million permanently affordable, energy-efficient homes, owned by the public or by the people who live in them.",
            "Housing is where climate and cost of living meet: homes that cost little to heat are homes people can afford."), ct);
        Check(added);
    }

    private static void Check(Outcome outcome)
    {
        if (outcome.Kind != OutcomeKind.Ok)
            throw new InvalidOperationException("Demo platform is invalid: " + string.Join("; ", outcome.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [outcome.Detail ?? outcome.Kind.ToString()]));
    }
}
