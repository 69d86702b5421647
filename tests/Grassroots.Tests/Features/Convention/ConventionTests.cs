using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Ballots.Audit;
using Grassroots.Ballots.Board;
using Grassroots.Features.Convention;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Features.Platform;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Convention;

/// <summary>The convention through its API: assemblies, credentials, chairs, motions, ballots, the board, the audit, ratification.</summary>
public abstract class ConventionTests(AppFactory app)
{
    private static readonly DateTime NextYear = new(DateTime.UtcNow.Year + 1, 7, 25, 14, 0, 0, DateTimeKind.Utc);

    internal static object Assembly(string? name = null, Guid? eventId = null, string rule = "Registered") => new
    {
        name = name ?? $"People's Convention {Guid.NewGuid():N}"[..30], description = "We ratify the platform.", startsAt = NextYear, endsAt = NextYear.AddDays(2),
        timeZone = "America/New_York", eventId, streamUrl = "https://www.youtube.com/watch?v=dQw4w9WgXcQ", credentialRule = rule,
    };

    internal static async Task<AssemblyView> CreateAsync(HttpClient client, object? input = null)
    {
        var response = await client.PostAsJsonAsync("/api/assemblies", input ?? Assembly());
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AssemblyView>(Json))!;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    internal static async Task RegisterAsync(HttpClient client, AssemblyView a, string attendance = "Remote") =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/assemblies/{a.Id}/registration", new { attendance })).StatusCode);

    internal static async Task<MotionView> MotionAsync(HttpClient chair, AssemblyView a, object input)
    {
        var response = await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<MotionView>(Json))!;
    }

    internal static object YesNo(string title = "Adopt the rules", int quorumBallots = 0, bool allowRevote = true, string threshold = "majority") =>
        new { title, kind = "Procedural", method = "yes-no", threshold, quorumBallots, allowRevote };

    internal static async Task OpenAsync(HttpClient chair, AssemblyView a, MotionView m, int? minutes = null)
    {
        var r = await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/open", new { minutes });
        Assert.True(r.StatusCode == HttpStatusCode.NoContent, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
    }

    internal static Task<HttpResponseMessage> VoteAsync(HttpClient voter, AssemblyView a, MotionView m, string choices, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assemblies/{a.Id}/motions/{m.Number}/ballots") { Content = JsonContent.Create(new { choices }) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return voter.SendAsync(request);
    }

    internal static async Task<Receipt> CastAsync(HttpClient voter, AssemblyView a, MotionView m, string choices, string? key = null)
    {
        var r = await VoteAsync(voter, a, m, choices, key);
        Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<Receipt>())!;
    }

    private async Task<MotionView> ReadAsync(HttpClient client, AssemblyView a, MotionView m) =>
        (await client.GetFromJsonAsync<MotionView>($"/api/assemblies/{a.Slug}/motions/{m.Number}", Json))!;

    private async Task<(AssemblyView A, HttpClient Chair, List<HttpClient> Voters)> SeatedAsync(int voters)
    {
        var (_, chair) = await app.MemberAsync("Chair Person");
        var a = await CreateAsync(chair);
        var list = new List<HttpClient>();
        for (var i = 0; i < voters; i++)
        {
            var (_, v) = await app.MemberAsync($"Voter {i}");
            await RegisterAsync(v, a);
            list.Add(v);
        }
        return (a, chair, list);
    }

    [Fact]
    public async Task An_assembly_is_started_without_approval_and_shows_its_stream_and_officers()
    {
        var (me, client) = await app.MemberAsync("Ada Organizer");
        var a = await CreateAsync(client);

        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", a.StreamPlayer);
        Assert.Equal(AssemblyRole.Creator, a.Officers.Single().Role);
        Assert.Equal(me.Id, a.Officers.Single().MemberId);
        var anonymous = await app.CreateClient().GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Slug}", Json);
        Assert.Equal(a.Name, anonymous!.Name);
        Assert.Null(anonymous.Me);
    }

    [Fact]
    public async Task A_date_beyond_the_calendar_is_a_field_error_not_a_crash()
    {
        var (_, client) = await app.MemberAsync();
        var far = new { name = "Far", startsAt = "9999-12-31T00:00:00Z", endsAt = "9999-12-31T23:59:59Z", timeZone = "America/New_York" };
        Assert.Contains("startsAt", (await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/assemblies", far), HttpStatusCode.BadRequest)).Keys);
    }

    [Theory]
    [InlineData("name", "", "timeZone", "America/New_York")]
    [InlineData("timeZone", "Mars/Olympus", "name", "Convention")]
    public async Task Bad_assembly_fields_are_named(string field, string value, string other, string otherValue)
    {
        var (_, client) = await app.MemberAsync();
        var input = new Dictionary<string, object?>
        {
            [field] = value, [other] = otherValue, ["startsAt"] = NextYear, ["endsAt"] = NextYear.AddHours(-1), ["streamUrl"] = "http://example.org/live",
        };
        var errors = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/assemblies", input), HttpStatusCode.BadRequest);
        Assert.Contains(field, errors.Keys);
        Assert.Contains("endsAt", errors.Keys);
        Assert.Contains("streamUrl", errors.Keys);
    }

    [Fact]
    public async Task The_venue_must_be_an_event_the_creator_hosts()
    {
        var (_, host) = await app.MemberAsync();
        var e = await EventsHelper.CreateAsync(host);
        var (_, other) = await app.MemberAsync();

        var errors = await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync("/api/assemblies", Assembly(eventId: e)), HttpStatusCode.BadRequest);
        Assert.Contains("eventId", errors.Keys);
        var a = await CreateAsync(host, Assembly(eventId: e));
        Assert.Equal(e, a.Venue!.Id);
    }

    [Fact]
    public async Task In_person_delegates_are_credentialed_by_the_door_check_in_and_remote_ones_by_their_confirmed_account()
    {
        var (_, host) = await app.MemberAsync("Host");
        var venue = await EventsHelper.CreateAsync(host);
        var a = await CreateAsync(host, Assembly(eventId: venue));
        var (inPerson, inPersonClient) = await app.MemberAsync("Ines InPerson");
        var (_, remoteClient) = await app.MemberAsync("Remy Remote");
        await RegisterAsync(inPersonClient, a, "InPerson");
        await RegisterAsync(remoteClient, a, "Remote");

        var mine = (await inPersonClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Id}", Json))!.Me!;
        Assert.False(mine.Credentialed);
        Assert.NotNull(mine.VenueRsvpId);   // registering in person RSVPed them to the venue
        Assert.True((await remoteClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Id}", Json))!.Me!.Credentialed);

        var checkIn = await host.PostAsync($"/api/events/{venue}/attendees/{mine.VenueRsvpId}/checkin", null);
        Assert.True(checkIn.IsSuccessStatusCode, await checkIn.Content.ReadAsStringAsync());
        Assert.True((await inPersonClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Id}", Json))!.Me!.Credentialed);
        var roll = (await app.CreateClient().GetFromJsonAsync<Roll>($"/api/assemblies/{a.Slug}/roll", Json))!;
        Assert.Equal(2, roll.Credentialed);
        Assert.Contains(roll.Members.Items, r => r.MemberId == inPerson.Id && r.Credentialed && r.Attendance == Attendance.InPerson);
    }

    [Fact]
    public async Task The_credentials_committee_seats_and_unseats_with_reasons_in_the_public_log()
    {
        var (_, creator) = await app.MemberAsync("Cred Chair");
        var a = await CreateAsync(creator, Assembly(rule: "Delegates"));
        var (delegateMember, delegateClient) = await app.MemberAsync("Dana Delegate");
        var (_, outsider) = await app.MemberAsync();
        await RegisterAsync(delegateClient, a);
        Assert.False((await delegateClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Id}", Json))!.Me!.Credentialed);

        var refused = await outsider.PostAsJsonAsync($"/api/assemblies/{a.Id}/credentials", new { memberId = delegateMember.Id, seated = true, reason = "I say so, loudly" });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        var shortReason = await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/credentials", new { memberId = delegateMember.Id, seated = true, reason = "ok" });
        Assert.Contains("reason", (await ProblemAssert.IsProblemAsync(shortReason, HttpStatusCode.BadRequest)).Keys);

        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/credentials", new { memberId = delegateMember.Id, seated = true, reason = "Elected by the Philadelphia chapter" })).StatusCode);
        Assert.True((await delegateClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Id}", Json))!.Me!.Credentialed);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/credentials", new { memberId = delegateMember.Id, seated = false, reason = "The chapter replaced its delegate" })).StatusCode);
        Assert.False((await delegateClient.GetFromJsonAsync<AssemblyView>($"/api/assemblies/{a.Id}", Json))!.Me!.Credentialed);

        var log = await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Id}/log");
        Assert.Contains("Elected by the Philadelphia chapter", log);
        Assert.Contains("credential.unseated", log);
    }

    [Fact]
    public async Task A_chair_is_asked_and_has_no_power_until_accepting()
    {
        var (_, creator) = await app.MemberAsync();
        var a = await CreateAsync(creator);
        var (chair, chairClient) = await app.MemberAsync("Cass Chair");
        var (stranger, strangerClient) = await app.MemberAsync();
        // Only someone registered can be asked.
        Assert.Contains("memberId", (await ProblemAssert.IsProblemAsync(await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/chairs", new { memberId = stranger.Id }), HttpStatusCode.BadRequest)).Keys);
        await RegisterAsync(chairClient, a);
        await RegisterAsync(strangerClient, a);
        await ProblemAssert.IsProblemAsync(await strangerClient.PostAsJsonAsync($"/api/assemblies/{a.Id}/chairs", new { memberId = chair.Id }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PostAsJsonAsync($"/api/assemblies/{a.Id}/chairs", new { memberId = chair.Id })).StatusCode);

        await ProblemAssert.IsProblemAsync(await chairClient.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions", YesNo()), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await chairClient.PostAsJsonAsync($"/api/assemblies/{a.Id}/chairs/me", new { accept = true })).StatusCode);
        var m = await MotionAsync(chairClient, a, YesNo());
        await OpenAsync(chairClient, a, m);
        await ProblemAssert.IsProblemAsync(await strangerClient.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null), HttpStatusCode.Forbidden);
        Assert.Contains("chair.accepted", await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Id}/log"));
    }

    [Theory]
    [InlineData("Ratify", "approval", "method")]
    [InlineData("Elect", "yes-no", "method")]
    [InlineData("Elect", "borda", "method")]
    [InlineData("Procedural", "yes-no", "threshold")]
    public async Task Bad_motions_are_refused_with_the_field(string kind, string method, string field)
    {
        var (_, chair) = await app.MemberAsync();
        var a = await CreateAsync(chair);
        var input = new { title = "A motion", kind, method, threshold = "most", options = new[] { "Ana", "Ben" } };
        Assert.Contains(field, (await ProblemAssert.IsProblemAsync(await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions", input), HttpStatusCode.BadRequest)).Keys);
    }

    [Fact]
    public async Task Ranked_and_approval_motions_check_their_options_and_seats()
    {
        var (_, chair) = await app.MemberAsync();
        var a = await CreateAsync(chair);
        async Task<IDictionary<string, string[]>> Bad(object input) => await ProblemAssert.IsProblemAsync(await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions", input), HttpStatusCode.BadRequest);

        Assert.Contains("options", (await Bad(new { title = "Elect", kind = "Elect", method = "irv", options = new[] { "Ana" } })).Keys);
        Assert.Contains("options", (await Bad(new { title = "Elect", kind = "Elect", method = "irv", options = new[] { "Ana", "ana" } })).Keys);
        Assert.Contains("seats", (await Bad(new { title = "Elect", kind = "Elect", method = "irv", seats = 2, options = new[] { "Ana", "Ben", "Cy" } })).Keys);
        Assert.Contains("seats", (await Bad(new { title = "Elect", kind = "Elect", method = "stv", seats = 3, options = new[] { "Ana", "Ben", "Cy" } })).Keys);
        Assert.Contains("quorumPercent", (await Bad(new { title = "Rules", kind = "Procedural", method = "yes-no", quorumPercent = 101 })).Keys);
        Assert.Contains("quorumBallots", (await Bad(new { title = "Rules", kind = "Procedural", method = "yes-no", quorumBallots = -1 })).Keys);
    }

    [Fact]
    public async Task A_vote_is_secret_until_it_closes_then_counted_published_and_verifiable()
    {
        var (a, chair, voters) = await SeatedAsync(3);
        var m = await MotionAsync(chair, a, YesNo());
        await OpenAsync(chair, a, m);

        var receipts = new List<Receipt>
        {
            await CastAsync(voters[0], a, m, "yes"), await CastAsync(voters[1], a, m, "YES"), await CastAsync(voters[2], a, m, "no"),
        };
        Assert.All(receipts, r => Assert.Equal(r.Tracker, Tracker.Compute(m.Id.ToString(), r.Choices, r.Nonce)));   // cast as intended, checkable at once
        var open = await ReadAsync(chair, a, m);
        Assert.Equal((3, 3), (open.Roll, open.Voted));
        Assert.Null(open.Result);   // not even to the chair
        Assert.Null(open.Passed);
        var board = await chair.GetStringAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/board");
        Assert.DoesNotContain("\"yes\"", board);
        Assert.DoesNotContain(receipts[0].Nonce, board);
        await ProblemAssert.IsProblemAsync(await chair.GetAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/audit"), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null)).StatusCode);
        var closed = await ReadAsync(app.CreateClient(), a, m);
        Assert.True(closed.Passed);
        Assert.Equal((2L, 1L, 0L), (closed.Result!.Yes!.Value, closed.Result.No!.Value, closed.Result.Abstain!.Value));
        var publicBoard = await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Slug}/motions/{m.Number}/board?tracker={receipts[2].Tracker}");
        Assert.Contains("\"no\"", publicBoard);

        var file = JsonSerializer.Deserialize<AuditFile>(await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Slug}/motions/{m.Number}/audit"), AuditFile.Json)!;
        var (checks, _) = AuditVerifier.Verify(file);
        Assert.All(checks, c => Assert.True(c.Held, $"{c.What}: {c.Detail}"));
        Assert.Equal(3, file.Voters.Count);
        Assert.Contains(file.Voters, v => v.StartsWith("Voter"));
        Assert.All(file.Board, b => Assert.DoesNotContain("Voter", b.Choices));
        Assert.Equal(closed.BoardHead, file.Head);
    }

    [Fact]
    public async Task Voting_without_a_credential_before_opening_after_closing_or_with_a_bad_ranking_records_nothing()
    {
        var (a, chair, voters) = await SeatedAsync(2);
        var m = await MotionAsync(chair, a, new { title = "Elect the secretary", kind = "Elect", method = "irv", options = new[] { "Ana", "Ben", "Cy" } });
        Assert.Contains("motion", (await ProblemAssert.IsProblemAsync(await VoteAsync(voters[0], a, m, "1>2"), HttpStatusCode.BadRequest)).Keys);
        await OpenAsync(chair, a, m);

        var (_, late) = await app.MemberAsync("Late Comer");
        await RegisterAsync(late, a);   // credentialed now, but not when the roll was called
        await ProblemAssert.IsProblemAsync(await VoteAsync(late, a, m, "1>2"), HttpStatusCode.Forbidden);
        var (_, never) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await VoteAsync(never, a, m, "1"), HttpStatusCode.Forbidden);
        var repeat = await ProblemAssert.IsProblemAsync(await VoteAsync(voters[0], a, m, "1>2>1"), HttpStatusCode.BadRequest);
        Assert.Contains("ranked twice", repeat["choices"][0]);
        Assert.Contains("choices", (await ProblemAssert.IsProblemAsync(await VoteAsync(voters[0], a, m, "4"), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(0, (await ReadAsync(chair, a, m)).BoardCount);

        await CastAsync(voters[0], a, m, "2>1");
        await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null);
        Assert.Contains("motion", (await ProblemAssert.IsProblemAsync(await VoteAsync(voters[1], a, m, "1"), HttpStatusCode.BadRequest)).Keys);
        var closed = await ReadAsync(chair, a, m);
        Assert.Equal(1, closed.BoardCount);
        Assert.Equal([1], closed.Result!.Winners);
        Assert.NotNull(closed.Result.Rounds);
    }

    [Fact]
    public async Task A_re_vote_replaces_the_earlier_ballot_on_the_board_and_a_one_ballot_motion_refuses_it()
    {
        var (a, chair, voters) = await SeatedAsync(2);
        var m = await MotionAsync(chair, a, YesNo());
        var once = await MotionAsync(chair, a, YesNo("Adjourn", allowRevote: false));
        await OpenAsync(chair, a, m);
        await OpenAsync(chair, a, once);

        var first = await CastAsync(voters[0], a, m, "yes");
        var second = await CastAsync(voters[0], a, m, "no");
        Assert.Equal(first.Tracker, second.Replaces);
        var replay = await CastAsync(voters[0], a, m, "no", key: "k-1");
        var again = await VoteAsync(voters[0], a, m, "no", key: "k-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);   // the same request retried: the same receipt, nothing appended
        Assert.Equal(replay.Tracker, (await again.Content.ReadFromJsonAsync<Receipt>())!.Tracker);
        // The same key with other choices is a mistake, not a retry.
        Assert.Contains("Idempotency-Key", (await ProblemAssert.IsProblemAsync(await VoteAsync(voters[0], a, m, "yes", key: "k-1"), HttpStatusCode.BadRequest)).Keys);

        await CastAsync(voters[0], a, once, "yes");
        var refused = await ProblemAssert.IsProblemAsync(await VoteAsync(voters[0], a, once, "no"), HttpStatusCode.BadRequest);
        Assert.Contains("can't be changed", refused["choices"][0]);

        var view = await ReadAsync(chair, a, m);
        Assert.Equal((3L, 1), (view.BoardCount, view.Voted));
        // A late retry of an earlier request, after a later ballot: it answers with its own receipt and undoes nothing.
        var late = await CastAsync(voters[0], a, m, "yes", key: "k-2");
        await CastAsync(voters[0], a, m, "no", key: "k-3");
        var stale = await VoteAsync(voters[0], a, m, "yes", key: "k-2");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(late.Tracker, (await stale.Content.ReadFromJsonAsync<Receipt>())!.Tracker);
        Assert.Equal("no", (await voters[0].GetFromJsonAsync<Receipt>($"/api/assemblies/{a.Id}/motions/{m.Number}/ballots/mine"))!.Choices);
        await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null);
        var closed = await ReadAsync(chair, a, m);
        Assert.Equal(1, closed.Result!.Ballots);
        Assert.Equal(1, closed.Result.No);
        var board = (await chair.GetFromJsonAsync<Grassroots.Infrastructure.Web.Page<BoardEntryView>>($"/api/assemblies/{a.Id}/motions/{m.Number}/board", Json))!;
        Assert.Equal([false, false, false, false, true], board.Items.Select(b => b.Counted));
        // Counted, the server forgets who cast which ballot: no receipt to ask for, no tracker kept, only that they voted.
        Assert.Equal(HttpStatusCode.NotFound, (await voters[0].GetAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/ballots/mine")).StatusCode);
        var casts = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().BallotCasts.AsNoTracking().Where(c => c.MotionId == m.Id).ToListAsync());
        Assert.All(casts, c => Assert.Equal(("", 0L), (c.Tracker, c.Sequence)));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().BallotKeys.CountAsync(k => k.MotionId == m.Id)));
        Assert.True((await ReadAsync(voters[0], a, m)).IVoted);
    }

    [Fact]
    public async Task A_quorum_the_roll_cannot_reach_is_refused_when_voting_opens()
    {
        var (a, chair, _) = await SeatedAsync(2);
        var m = await MotionAsync(chair, a, YesNo(quorumBallots: 3));
        var problem = await ProblemAssert.IsProblemAsync(await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/open", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("could never be met", problem["quorum"][0]);
        Assert.Equal(MotionStatus.Draft, (await ReadAsync(chair, a, m)).Status);
    }

    [Fact]
    public async Task A_window_with_a_set_time_refuses_ballots_after_it_and_is_closed_by_the_closer()
    {
        var (a, chair, voters) = await SeatedAsync(2);
        var m = await MotionAsync(chair, a, YesNo());
        await OpenAsync(chair, a, m, minutes: 5);
        await CastAsync(voters[0], a, m, "yes");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Motions.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        Assert.Contains("motion", (await ProblemAssert.IsProblemAsync(await VoteAsync(voters[1], a, m, "no"), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<Motions>().CloseDueAsync(CancellationToken.None)));
        var closed = await ReadAsync(chair, a, m);
        Assert.Equal(MotionStatus.Closed, closed.Status);
        Assert.Equal(1, closed.Result!.Yes);
    }

    private static async Task NameConventionAsync(HttpClient creator, DocumentView doc, AssemblyView a) =>
        Assert.Equal(HttpStatusCode.NoContent, (await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/convention", new { assembly = $"https://example.org/assemblies/{a.Slug}/" })).StatusCode);

    [Fact]
    public async Task A_passed_ratify_motion_marks_the_platform_version_ratified_with_the_tally_and_audit()
    {
        var (a, chair, voters) = await SeatedAsync(3);
        var doc = await PlatformTests.CreateAsync(chair);
        await NameConventionAsync(chair, doc, a);
        var m = await MotionAsync(chair, a, new { title = "Ratify the platform", kind = "Ratify", method = "yes-no", threshold = "two-thirds", document = doc.Slug });
        await OpenAsync(chair, a, m);
        await CastAsync(voters[0], a, m, "yes");
        await CastAsync(voters[1], a, m, "yes");
        await CastAsync(voters[2], a, m, "no");
        await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null);

        var version = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlatformVersions.AsNoTracking().SingleAsync(v => v.DocumentId == doc.Id && v.Number == 1));
        Assert.NotNull(version.RatifiedAt);
        Assert.StartsWith("yes=2 no=1 abstain=0 ballots=3 roll=3", version.RatifiedTally);
        Assert.Equal($"/assemblies/{a.Slug}/motions/{m.Number}", version.RatifiedAudit);
        var phase = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlatformDocuments.Where(d => d.Id == doc.Id).Select(d => d.Phase).SingleAsync());
        Assert.Equal(PlatformPhase.Ratified, phase);
        // A ratified document can't be put to a vote again.
        Assert.Contains("documentVersion", (await ProblemAssert.IsProblemAsync(await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions",
            new { title = "Again", kind = "Ratify", method = "yes-no", document = doc.Slug, documentVersion = 1 }), HttpStatusCode.BadRequest)).Keys);
    }

    [Fact]
    public async Task Only_the_assembly_the_documents_creators_named_may_ratify_it_and_the_check_is_made_again_at_close()
    {
        var (a, chair, voters) = await SeatedAsync(1);
        var (_, author) = await app.MemberAsync("Doc Creator");
        var doc = await PlatformTests.CreateAsync(author);
        // Anyone may start an assembly with a roll of one: without the creators' word, it ratifies nothing.
        var refused = await ProblemAssert.IsProblemAsync(await chair.PostAsJsonAsync($"/api/assemblies/{a.Id}/motions",
            new { title = "Ratify", kind = "Ratify", method = "yes-no", document = doc.Slug }), HttpStatusCode.BadRequest);
        Assert.Contains("have not named this assembly", refused["document"][0]);
        await ProblemAssert.IsProblemAsync(await chair.PutAsJsonAsync($"/api/platform/{doc.Id}/convention", new { assembly = a.Slug }), HttpStatusCode.Forbidden);

        await NameConventionAsync(author, doc, a);
        var m = await MotionAsync(chair, a, new { title = "Ratify", kind = "Ratify", method = "yes-no", document = doc.Slug });
        await OpenAsync(chair, a, m);
        await CastAsync(voters[0], a, m, "yes");
        // The creators name another assembly while the vote is open: the result stands, the platform is not ratified.
        var other = await CreateAsync(author);
        await NameConventionAsync(author, doc, other);
        await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null);

        Assert.True((await ReadAsync(chair, a, m)).Passed);
        var ratified = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlatformVersions.AnyAsync(v => v.DocumentId == doc.Id && v.RatifiedAt != null));
        Assert.False(ratified);
    }

    [Fact]
    public async Task An_stv_election_publishes_its_round_table_and_its_ballots_as_blt()
    {
        var (a, chair, voters) = await SeatedAsync(5);
        var m = await MotionAsync(chair, a, new { title = "Elect the platform committee", kind = "Elect", method = "stv", seats = 2, options = new[] { "Ana", "Ben", "Cy", "Dee" } });
        await OpenAsync(chair, a, m);
        foreach (var (v, choices) in voters.Zip(new[] { "1>2", "1>3", "1>2", "2>1", "4>3" })) await CastAsync(v, a, m, choices);
        await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null);

        var closed = await ReadAsync(chair, a, m);
        Assert.Equal([0, 1], closed.Result!.Winners);   // Ana reaches the quorum of 2 at once; her surplus elects Ben
        Assert.Equal(2m, closed.Result.Rounds!.Quota);
        var blt = await app.CreateClient().GetStringAsync($"/api/assemblies/{a.Slug}/motions/{m.Number}/ballots.blt");
        var election = Grassroots.Ballots.Blt.BltReader.Read(blt);
        Assert.Equal(["Ana", "Ben", "Cy", "Dee"], election.Candidates);
        Assert.Equal(5, election.Ballots.Sum(b => b.Weight));
    }

    [Fact]
    public async Task The_turnout_hub_pushes_the_count_and_never_a_choice()
    {
        var (a, chair, voters) = await SeatedAsync(1);
        var m = await MotionAsync(chair, a, YesNo());
        await using var hub = new Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilder().WithUrl(new Uri(app.Server.BaseAddress, TurnoutHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
        }).Build();
        var pushes = new System.Collections.Concurrent.ConcurrentQueue<TurnoutUpdate>();
        hub.On<TurnoutUpdate>(TurnoutHub.UpdateMethod, u => pushes.Enqueue(u));
        await hub.StartAsync();
        var now = await hub.InvokeAsync<TurnoutUpdate?>("Watch", m.Id);
        Assert.Equal(MotionStatus.Draft, now!.Status);

        await OpenAsync(chair, a, m);
        await CastAsync(voters[0], a, m, "yes");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!pushes.Any(p => p.Voted == 1) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Contains(pushes, p => p.Status == MotionStatus.Open && p.Voted == 1 && p.Roll == 1);
    }

    [Fact]
    public async Task Two_thousand_parallel_ballots_are_all_counted_and_all_on_one_chain()
    {
        const int n = 2000;
        var (_, chair) = await app.MemberAsync("Big Chair");
        var a = await CreateAsync(chair);
        var members = await BulkMembers.CreateAsync(app, n);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AssemblyRegistrations.AddRange(members.Select(x => new AssemblyRegistration { AssemblyId = a.Id, MemberId = x.Id, Attendance = Attendance.Remote, RegisteredAt = DateTimeOffset.UtcNow }));
            return await db.SaveChangesAsync();
        });
        var m = await MotionAsync(chair, a, YesNo());
        await OpenAsync(chair, a, m);

        var answers = await Task.WhenAll(members.Select((x, i) => Retried(() => VoteAsync(x.Client, a, m, i % 3 == 0 ? "no" : "yes"))));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var view = await ReadAsync(chair, a, m);
        Assert.Equal((n, (long)n), (view.Voted, view.BoardCount));
        var entries = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().BoardBallots.AsNoTracking().Where(b => b.MotionId == m.Id).OrderBy(b => b.Sequence)
            .Select(b => new BoardEntry(b.Sequence, b.Tracker, b.Replaces, b.Hash)).ToListAsync());
        var (problem, head) = BoardChain.Verify(m.Id.ToString(), entries);
        Assert.Null(problem);
        Assert.Equal(view.BoardHead, head);
        await chair.PostAsync($"/api/assemblies/{a.Id}/motions/{m.Number}/close", null);
        var closed = await ReadAsync(chair, a, m);
        Assert.Equal((long)n, closed.Result!.Ballots);
        Assert.Equal(n / 3 + 1, closed.Result.No);

        static async Task<HttpResponseMessage> Retried(Func<Task<HttpResponseMessage>> send)
        {
            for (var attempt = 0; ; attempt++)
            {
                var answer = await send();
                if (answer.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 4) return answer;
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, answer.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1)));
            }
        }
    }
}

public sealed class ConventionTests_Sqlite(SqliteApp app) : ConventionTests(app), IClassFixture<SqliteApp>;
public sealed class ConventionTests_Postgres(PostgresApp app) : ConventionTests(app), IClassFixture<PostgresApp>;
