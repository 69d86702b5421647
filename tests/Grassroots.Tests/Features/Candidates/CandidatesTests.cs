using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grassroots.Features.Candidates;
using Grassroots.Features.Convention;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Payments;
using Grassroots.Features.Notices;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Features.Fund;
using Grassroots.Tests.Features.Platform;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Candidates;

/// <summary>A host with a candidates' steward (and the fund's treasurer), endorsement votes that need no quorum.</summary>
public sealed class CandidatesApp(DbKind kind) : AppFactory(kind)
{
    public const string Steward = "steward@candidates.example.org";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Candidates:Stewards:0"] = Steward,
        ["Candidates:QuorumPercent"] = "0",
        ["Fund:Treasurers:0"] = FundApp.Treasurer,
    };
}

/// <summary>
/// Candidates over the API on SQLite and PostgreSQL: nominate → accept by the emailed link → questionnaire →
/// endorsement vote of the district's members → endorsed → gifts split to them; consent, races and refusals.
/// </summary>
public abstract class CandidatesTests(DbKind kind) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = GivingTests.Json;
    private readonly CandidatesApp app = new(kind);

    public Task InitializeAsync() => app.InitializeAsync();
    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    internal static async Task<HttpClient> BecomeAsync(AppFactory app, string email, string name = "Steward")
    {
        var (member, client) = await app.MemberAsync(name);
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email).SetProperty(u => u.NormalizedEmail, email.ToUpperInvariant())));
        return client;
    }

    internal static async Task<OfficeView> OfficeAsync(HttpClient steward, object office)
    {
        var r = await steward.PostAsJsonAsync("/api/offices", office);
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<OfficeView>(Json))!;
    }

    internal static object Pco(string precinct = "SEA 37-1234") => new { level = "Party", kind = "PrecinctCommitteeOfficer", name = $"PCO {precinct}", state = "wa", county = "King", precinct };

    private static async Task<T> OkAsync<T>(HttpResponseMessage r, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private async Task<string> TokenMailedToAsync(string email)
    {
        var mail = await app.Smtp.WaitForAsync(email, m => m.Subject?.Contains("nominated you") == true);
        return Regex.Match(mail.TextBody ?? "", @"/candidates/answer/([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    /// <summary>A ratified platform of the test text; its plank keys.</summary>
    private async Task<List<Guid>> RatifiedPlanksAsync(HttpClient author)
    {
        var doc = await PlatformTests.CreateAsync(author);
        return await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var version = await db.PlatformVersions.SingleAsync(v => v.DocumentId == doc.Id);
            await db.PlatformVersions.Where(v => v.Id == version.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RatifiedAt, DateTimeOffset.UtcNow));
            return await db.PlatformPlanks.Where(p => p.VersionId == version.Id).Select(p => p.Key).ToListAsync();
        });
    }

    private Task<int> CloseVotesNowAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Motions.Where(m => m.Status == MotionStatus.Open).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        return await sp.GetRequiredService<Motions>().CloseDueAsync(CancellationToken.None);
    });

    [Fact]
    public async Task Nominated_accepted_answered_endorsed_by_the_precinct_then_given_to()
    {
        var steward = await BecomeAsync(app, CandidatesApp.Steward);
        var office = await OfficeAsync(steward, Pco());
        Assert.Equal(("WA", "KING", "SEA 37-1234"), (office.State, office.County, office.Precinct));
        var (_, nominator) = await app.MemberAsync("Nora Nominator");
        var (nominee, nomineeClient) = await app.MemberAsync("Cara Candidate");

        var nominated = await OkAsync<NominationView>(await nominator.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, name = "Cara C.", email = nominee.Email }), HttpStatusCode.Created);
        Assert.Equal(Stage.Nominated, nominated.Stage);
        // Nobody is a candidate before saying yes: not listed, no profile; the nominator sees it waiting.
        Assert.Equal(0, (await app.CreateClient().GetFromJsonAsync<Page<CandidateCard>>("/api/candidates", Json))!.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/candidates/{nominated.Id}")).StatusCode);
        Assert.Equal(Stage.Nominated, (await nominator.GetFromJsonAsync<Page<CandidateCard>>("/api/me/candidacies", Json))!.Items.Single().Stage);
        // The same person for the same office once.
        Assert.Contains("email", (await ProblemAssert.IsProblemAsync(await nominator.PostAsJsonAsync("/api/candidates",
            new { officeId = office.Id, name = "Cara", email = nominee.Email!.ToUpperInvariant() }), HttpStatusCode.BadRequest)).Keys);

        var token = await TokenMailedToAsync(nominee.Email!);
        var waiting = await OkAsync<WaitingNominationView>(await app.CreateClient().PostAsJsonAsync("/api/candidates/nominations/read", new { token }));
        Assert.Equal(("Cara C.", "Nora"), (waiting.Name, waiting.Nominator)); // the public name: first name unless they show the full one
        var accepted = await OkAsync<NominationView>(await nomineeClient.PostAsJsonAsync("/api/candidates/nominations/accept", new { token }));
        Assert.Equal(Stage.Questionnaire, accepted.Stage);
        // A link answers once.
        Assert.Equal(HttpStatusCode.BadRequest, (await nominator.PostAsJsonAsync("/api/candidates/nominations/accept", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().PostAsJsonAsync("/api/candidates/nominations/decline", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/profile", new { name = "Cara Candidate", statement = "I *will* show up." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nominator.PutAsJsonAsync($"/api/candidates/{accepted.Id}/profile", new { name = "Hijacked", statement = "" })).StatusCode);

        // The questionnaire asks about every plank of the ratified platform; a disagreement says why.
        var planks = await RatifiedPlanksAsync(steward);
        Assert.True(planks.Count >= 2);
        var profile = (await app.CreateClient().GetFromJsonAsync<CandidateView>($"/api/candidates/{accepted.Id}", Json))!;
        Assert.Equal(planks.Count, profile.Questionnaire.Planks.Count);
        Assert.False(profile.Questionnaire.Complete);
        Assert.Contains("<em>will</em>", profile.StatementHtml);
        Assert.Contains("answers", (await ProblemAssert.IsProblemAsync(await nomineeClient.PostAsync($"/api/candidates/{accepted.Id}/endorsement", null), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("answers[0]", (await ProblemAssert.IsProblemAsync(await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/questionnaire",
            new { answers = new[] { new { plank = planks[0], pledge = false, why = " " } } }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("answers[0]", (await ProblemAssert.IsProblemAsync(await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/questionnaire",
            new { answers = new[] { new { plank = Guid.NewGuid(), pledge = true, why = "" } } }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("answers[0]", (await ProblemAssert.IsProblemAsync(await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/questionnaire",
            new { answers = new object?[] { null } }), HttpStatusCode.BadRequest)).Keys);
        var answers = planks.Select((p, i) => new { plank = p, pledge = i > 0, why = i > 0 ? "" : "Too slow: do it in one year." }).ToArray();
        var questionnaire = await OkAsync<QuestionnaireView>(await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/questionnaire", new { answers }));
        Assert.True(questionnaire.Complete);

        // Nobody says they vote in the precinct yet: no vote could be held.
        Assert.Contains("stage", (await ProblemAssert.IsProblemAsync(await nomineeClient.PostAsync($"/api/candidates/{accepted.Id}/endorsement", null), HttpStatusCode.BadRequest)).Keys);
        var neighbors = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            var (_, neighbor) = await app.MemberAsync($"Neighbor {i}");
            Assert.Equal(HttpStatusCode.NoContent, (await neighbor.PutAsJsonAsync("/api/me/residence", new { state = "WA", county = "king ", precinct = "sea 37-1234" })).StatusCode);
            neighbors.Add(neighbor);
        }
        // The candidate says she votes there too: she is not on her own roll.
        Assert.Equal(HttpStatusCode.NoContent, (await nomineeClient.PutAsJsonAsync("/api/me/residence", new { state = "WA", county = "King", precinct = "SEA 37-1234" })).StatusCode);
        var (_, elsewhere) = await app.MemberAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.NoContent, (await elsewhere.PutAsJsonAsync("/api/me/residence", new { state = "WA", county = "King", precinct = "SEA 37-9999" })).StatusCode);
        Assert.Contains("state", (await ProblemAssert.IsProblemAsync(await elsewhere.PutAsJsonAsync("/api/me/residence", new { state = "ZZ" }), HttpStatusCode.BadRequest)).Keys);

        // Ten asks at once open one vote; the roll is the precinct's three members.
        var asks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => nomineeClient.PostAsync($"/api/candidates/{accepted.Id}/endorsement", null)));
        Assert.Equal(1, asks.Count(a => a.StatusCode == HttpStatusCode.Created));
        var vote = await OkAsync<EndorsementVoteView>(asks.Single(a => a.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created);
        Assert.Equal(3, vote.Roll);
        Assert.Contains("answers", (await ProblemAssert.IsProblemAsync(await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/questionnaire", new { answers }), HttpStatusCode.BadRequest)).Keys);
        // The members vote on a name: it can't change under them.
        Assert.Contains("name", (await ProblemAssert.IsProblemAsync(await nomineeClient.PutAsJsonAsync($"/api/candidates/{accepted.Id}/profile", new { name = "Someone Famous", statement = "" }), HttpStatusCode.BadRequest)).Keys);
        var assembly = (await app.CreateClient().GetFromJsonAsync<AssemblyView>($"/api/assemblies/{vote.Assembly}", Json))!;
        async Task<HttpStatusCode> Vote(HttpClient voter, string choices) =>
            (await voter.PostAsJsonAsync($"/api/assemblies/{assembly.Id}/motions/{vote.Number}/ballots", new { choices })).StatusCode;
        Assert.Equal(HttpStatusCode.Created, await Vote(neighbors[0], "yes"));
        Assert.Equal(HttpStatusCode.Created, await Vote(neighbors[1], "yes"));
        Assert.Equal(HttpStatusCode.Created, await Vote(neighbors[2], "no"));
        Assert.NotEqual(HttpStatusCode.Created, await Vote(elsewhere, "yes"));    // not on this precinct's roll
        // Chairs close other motions by hand; nobody closes this one before its time.
        Assert.NotEqual(HttpStatusCode.NoContent, (await steward.PostAsync($"/api/assemblies/{assembly.Id}/motions/{vote.Number}/close", null)).StatusCode);

        // Before the endorsement, no gift may go to them.
        var (_, donor) = await app.MemberAsync("Dora Donor");
        Assert.Contains("splits", (await ProblemAssert.IsProblemAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(2700, splits: new object?[] { null })), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("splits", (await ProblemAssert.IsProblemAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(2700,
            splits: new[] { new { to = accepted.Id.ToString() } })), HttpStatusCode.BadRequest)).Keys);

        Assert.Equal(1, await CloseVotesNowAsync());
        profile = (await app.CreateClient().GetFromJsonAsync<CandidateView>($"/api/candidates/{accepted.Id}", Json))!;
        Assert.Equal((Stage.Endorsed, true, MotionStatus.Closed), (profile.Stage, profile.Backed, profile.Vote!.Status));
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.AnyAsync(n => n.MemberId == nominee.Id && n.Kind == NoticeKind.CandidacyNews)));

        // Endorsed: a gift splits between the fund and them, and their balance shows their share.
        var gift = await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(2700,
            splits: new object[] { new { to = "fund", cents = 700L }, new { to = accepted.Id.ToString(), cents = 2000L } })));
        Assert.Equal(2, gift.Splits.Count);
        Assert.Equal(2000, (await app.CreateClient().GetFromJsonAsync<CandidateView>($"/api/candidates/{accepted.Id}", Json))!.HeldCents);
        Assert.Contains((await app.CreateClient().GetFromJsonAsync<FundTotals>("/api/fund", Json))!.Recipients, r => r.Name == "Cara Candidate, PCO SEA 37-1234" && r.HeldCents == 2000);
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);

        // Filing: the candidate records it; the state's decisions are the stewards'.
        Assert.Equal(HttpStatusCode.Forbidden, (await nomineeClient.PostAsJsonAsync($"/api/candidates/{accepted.Id}/stage", new { stage = "OnBallot" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await nomineeClient.PostAsJsonAsync($"/api/candidates/{accepted.Id}/stage", new { stage = "Filed" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await steward.PostAsJsonAsync($"/api/candidates/{accepted.Id}/stage", new { stage = "Won" })).StatusCode); // not on the ballot yet
        Assert.Equal(HttpStatusCode.NoContent, (await steward.PostAsJsonAsync($"/api/candidates/{accepted.Id}/stage", new { stage = "OnBallot" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nominator.PostAsJsonAsync($"/api/candidates/{accepted.Id}/stage", new { stage = "Withdrawn" })).StatusCode);

        var pipeline = (await app.CreateClient().GetFromJsonAsync<Pipeline>("/api/candidates/pipeline?state=WA", Json))!;
        Assert.Equal(new CountyCount("WA", "KING", 1, 1), pipeline.PrecinctSeats.Single());
        Assert.Equal(1, pipeline.States.Single().Endorsed);
    }

    [Fact]
    public async Task Consent_stewardship_and_bad_input_are_enforced()
    {
        var steward = await BecomeAsync(app, CandidatesApp.Steward);
        var (_, member) = await app.MemberAsync("Mo Member");
        // Only stewards add offices and windows; bad ones are refused field by field.
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/offices", Pco())).StatusCode);
        var errors = await ProblemAssert.IsProblemAsync(await steward.PostAsJsonAsync("/api/offices", new { level = "Party", kind = "PrecinctCommitteeOfficer", name = "", state = "XX", seats = 0 }), HttpStatusCode.BadRequest);
        Assert.Superset(new HashSet<string> { "name", "state", "precinct", "seats" }, errors.Keys.ToHashSet());
        var office = await OfficeAsync(steward, Pco());
        Assert.Contains("name", (await ProblemAssert.IsProblemAsync(await steward.PostAsJsonAsync("/api/offices", Pco()), HttpStatusCode.BadRequest)).Keys); // listed already
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/filing-windows", new { state = "WA", kind = "PrecinctCommitteeOfficer", opensAt = DateTimeOffset.UtcNow, closesAt = DateTimeOffset.UtcNow.AddDays(4), timeZone = "America/Los_Angeles" })).StatusCode);
        Assert.Contains("closesAt", (await ProblemAssert.IsProblemAsync(await steward.PostAsJsonAsync("/api/filing-windows",
            new { state = "WA", kind = "PrecinctCommitteeOfficer", opensAt = DateTimeOffset.UtcNow, closesAt = DateTimeOffset.UtcNow.AddDays(-1), timeZone = "America/Los_Angeles" }), HttpStatusCode.BadRequest)).Keys);

        // Nominations: an office that exists, a real address; an unconfirmed member can't nominate (each sends mail).
        Assert.Contains("officeId", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync("/api/candidates", new { officeId = Guid.NewGuid(), self = true }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("email", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, name = "X", email = "x@y\nBcc: z@w" }), HttpStatusCode.BadRequest)).Keys);
        var (unconfirmed, unconfirmedClient) = await app.MemberAsync("Unconfirmed");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == unconfirmed.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false)));
        Assert.Equal(HttpStatusCode.Forbidden, (await unconfirmedClient.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, self = true })).StatusCode);

        // Running yourself is consent; twice for one office is refused.
        var mine = await OkAsync<NominationView>(await member.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, self = true }), HttpStatusCode.Created);
        Assert.Equal(Stage.Questionnaire, mine.Stage);
        Assert.Contains("officeId", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, self = true }), HttpStatusCode.BadRequest)).Keys);

        // A declined nomination shows nowhere and its link is spent; tokens are not guessable, and a wrong one says so.
        await member.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, name = "Dee Cliner", email = "dee@example.org" });
        var token = await TokenMailedToAsync("dee@example.org");
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().PostAsJsonAsync("/api/candidates/nominations/decline", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync("/api/candidates/nominations/accept", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsJsonAsync("/api/candidates/nominations/read", new { token = token[..^2] + "xx" })).StatusCode);
        // A "no" stays a no: nobody re-asks the address for this office.
        Assert.Contains("email", (await ProblemAssert.IsProblemAsync(await member.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, name = "Dee", email = "dee@example.org" }), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(1, (await app.CreateClient().GetFromJsonAsync<Page<CandidateCard>>("/api/candidates", Json))!.Total);
        // The stored nomination keeps neither the address nor the token.
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Candidacies.AsNoTracking().SingleAsync(c => c.Name == "Dee Cliner"));
        Assert.Null(stored.TokenHash);
        Assert.DoesNotContain("dee@example.org", stored.EmailHash ?? "");

        // Twenty accepts of one link at once: one candidate.
        var (_, other) = await app.MemberAsync("Other");
        await other.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, name = "Raced", email = "raced@example.org" });
        var raced = await TokenMailedToAsync("raced@example.org");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 20; i++) clients.Add((await app.MemberAsync($"Racer {i}")).Client);
        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/candidates/nominations/accept", new { token = raced })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Candidacies.CountAsync(c => c.Name == "Raced" && c.MemberId != null)));

        // A member names an assembly of their own "Endorsements" first: endorsement votes still go to the standing one.
        var squatter = (await app.MemberAsync("Squatter")).Client;
        var own = await squatter.PostAsJsonAsync("/api/assemblies", new { name = "Endorsements", startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(5), timeZone = "America/New_York" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        // A federal office's electorate is the whole movement: every confirmed member is on the roll.
        var house = await OfficeAsync(steward, new { level = "Federal", kind = "House", name = "U.S. House, Washington 7th", state = "WA", district = "07" });
        var runner = (await app.MemberAsync("Federal Runner")).Client;
        var run = await OkAsync<NominationView>(await runner.PostAsJsonAsync("/api/candidates", new { officeId = house.Id, self = true }), HttpStatusCode.Created);
        var vote = await OkAsync<EndorsementVoteView>(await runner.PostAsync($"/api/candidates/{run.Id}/endorsement", null), HttpStatusCode.Created);
        var confirmed = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.EmailConfirmed && u.DeletedAt == null));
        Assert.Equal(confirmed - 1, vote.Roll); // everyone but the candidate
        // An endorsement motion can't be written by hand in any assembly.
        var assembly = (await app.CreateClient().GetFromJsonAsync<AssemblyView>($"/api/assemblies/{vote.Assembly}", Json))!;
        Assert.Equal(CredentialRule.Electorate, assembly.CredentialRule);
        Assert.NotEqual("endorsements", vote.Assembly);
        Assert.NotEqual(HttpStatusCode.NoContent, (await squatter.PostAsync($"/api/assemblies/{assembly.Id}/motions/{vote.Number}/close", null)).StatusCode);
        var squatted = (await app.CreateClient().GetFromJsonAsync<AssemblyView>("/api/assemblies/endorsements", Json))!;
        Assert.Equal(HttpStatusCode.NotFound, (await squatter.PostAsync($"/api/assemblies/{squatted.Id}/motions/{vote.Number}/close", null)).StatusCode);
    }

    [Fact]
    public async Task A_member_who_leaves_is_withdrawn_forgets_where_they_vote_and_their_waiting_nominations_die()
    {
        var steward = await BecomeAsync(app, CandidatesApp.Steward);
        var office = await OfficeAsync(steward, Pco());
        var (member, client) = await app.MemberAsync("Leaving Lee");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/me/residence", new { state = "WA", county = "King", precinct = "SEA 37-1234" })).StatusCode);
        var mine = await OkAsync<NominationView>(await client.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, self = true }), HttpStatusCode.Created);
        await client.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, name = "Friend", email = "friend@example.org" });
        var token = await TokenMailedToAsync("friend@example.org");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/me")).StatusCode);

        Assert.Equal(Stage.Withdrawn, (await app.CreateClient().GetFromJsonAsync<CandidateView>($"/api/candidates/{mine.Id}", Json))!.Stage);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Residences.AnyAsync(r => r.MemberId == member.Id)));
        var (_, friend) = await app.MemberAsync("Friend");
        Assert.Equal(HttpStatusCode.BadRequest, (await friend.PostAsJsonAsync("/api/candidates/nominations/accept", new { token })).StatusCode);
    }

    [Fact]
    public async Task Recruits_who_have_not_filed_are_reminded_once_a_week_before_the_window_opens()
    {
        var steward = await BecomeAsync(app, CandidatesApp.Steward);
        var office = await OfficeAsync(steward, Pco());
        var (runner, client) = await app.MemberAsync("Runner");
        await OkAsync<NominationView>(await client.PostAsJsonAsync("/api/candidates", new { officeId = office.Id, self = true }), HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Created, (await steward.PostAsJsonAsync("/api/filing-windows", new
        {
            state = "WA", kind = "PrecinctCommitteeOfficer", opensAt = now.AddDays(3), closesAt = now.AddDays(7), timeZone = "America/Los_Angeles", note = "File at sos.wa.gov",
        })).StatusCode);
        // Another state's window reminds nobody here.
        await steward.PostAsJsonAsync("/api/filing-windows", new { state = "OR", kind = "PrecinctCommitteeOfficer", opensAt = now.AddDays(2), closesAt = now.AddDays(6), timeZone = "America/Los_Angeles" });

        Task<int> RemindAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<FilingReminding>().RemindAsync(CancellationToken.None));
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        var notice = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.SingleAsync(n => n.MemberId == runner.Id && n.Kind == NoticeKind.CandidacyNews));
        Assert.Contains("filing-week", notice.Args);
        Assert.Contains("sos.wa.gov", notice.Args);
        Assert.Equal(2, (await app.CreateClient().GetFromJsonAsync<Page<FilingWindowView>>("/api/filing-windows", Json))!.Total);
    }
}

public sealed class CandidatesTests_Sqlite() : CandidatesTests(DbKind.Sqlite);
public sealed class CandidatesTests_Postgres() : CandidatesTests(DbKind.Postgres);
