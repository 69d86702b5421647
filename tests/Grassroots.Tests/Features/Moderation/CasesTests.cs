using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Moderation;

/// <summary>One open case per item, a kept decision that holds, and juries of people who can act and do.</summary>
public abstract class CasesTests(DbKind kind)
{
    [Fact]
    public async Task Accounts_made_today_can_neither_hide_content_by_flagging_it_nor_sit_on_its_jury()
    {
        await using var app = await ModerationApp.StartAsync(kind, new Dictionary<string, string?> { ["Moderation:MinimumAccountAge"] = "1.00:00:00" });
        async Task<Dictionary<Guid, HttpClient>> SettledAsync(int n)
        {
            var people = await app.PeopleAsync(n, "Settled");
            var ids = people.Keys.ToList();
            var before = app.Clock.GetUtcNow().AddDays(-3);
            await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => ids.Contains(u.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, before).SetProperty(u => u.ConfirmedAt, before)));
            return people;
        }
        var (target, _) = await app.MemberAsync("Honest Organizer");
        var id = target.Id.ToString();
        var fresh = await app.PeopleAsync(6, "Sock puppet"); // made this hour: three flag, three wait to be drawn
        foreach (var c in fresh.Values.Take(3))
            Assert.Equal(HttpStatusCode.Created, (await c.PostAsJsonAsync("/api/flags", Flag(id))).StatusCode);
        Assert.False((await app.CreateClient().GetFromJsonAsync<PublicMemberView>($"/api/members/{id}"))!.UnderReview); // recorded, not hiding
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ModerationCases.AnyAsync(c => c.ContentId == id)));

        // A day later the puppets are "old", but what counts is their age when they flagged: one settled
        // flag on top of theirs hides nothing.
        app.Clock.Advance(TimeSpan.FromDays(2));
        var settled = await SettledAsync(6);
        Assert.Equal(HttpStatusCode.Created, (await settled.Values.First().PostAsJsonAsync("/api/flags", Flag(id))).StatusCode);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ModerationCases.AnyAsync(c => c.ContentId == id)));
        // An account registered long ago but confirmed today is new too.
        var (late, lateClient) = await app.MemberAsync("Late Confirmer");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == late.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, app.Clock.GetUtcNow().AddDays(-30)).SetProperty(u => u.ConfirmedAt, app.Clock.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Created, (await lateClient.PostAsJsonAsync("/api/flags", Flag(id))).StatusCode);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ModerationCases.AnyAsync(c => c.ContentId == id)));

        var newcomers = await app.PeopleAsync(6, "Newcomer"); // confirmed today (by the test's clock): never drawn
        var newIds = newcomers.Keys.ToList();
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => newIds.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, app.Clock.GetUtcNow()).SetProperty(u => u.ConfirmedAt, app.Clock.GetUtcNow())));
        foreach (var c in settled.Values.Skip(1).Take(2))
            Assert.Equal(HttpStatusCode.Created, (await c.PostAsJsonAsync("/api/flags", Flag(id))).StatusCode);
        var @case = await app.OpenCaseAsync("member", id);
        var seats = await app.SeatsAsync(@case.Id);
        Assert.NotEmpty(seats);
        Assert.All(seats, s => Assert.DoesNotContain(s.MemberId, newcomers.Keys.Append(late.Id)));
    }

    [Fact]
    public async Task A_kept_item_holds_against_the_same_flaggers_and_needs_as_many_new_ones_for_a_new_case()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (target, _) = await app.MemberAsync("Fan Account");
        var people = await app.PeopleAsync(4);
        var flaggers = new List<HttpClient>();
        for (var i = 0; i < 3; i++) flaggers.Add((await app.MemberAsync($"Flagger {i}")).Client);
        var id = target.Id.ToString();
        // The same member, the same id written five ways: one flag.
        string[] spellings = [id, id.ToUpperInvariant(), "{" + id + "}", target.Id.ToString("N"), " " + id + " "];
        var first = await Task.WhenAll(spellings.Select(s => flaggers[0].PostAsJsonAsync("/api/flags", Flag(s))));
        Assert.Equal(1, first.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(first.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        foreach (var f in flaggers.Skip(1)) Assert.Equal(HttpStatusCode.Created, (await f.PostAsJsonAsync("/api/flags", Flag(id.ToUpperInvariant()))).StatusCode);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Flags.Where(f => f.ContentType == "member").Select(f => f.ContentId).ToListAsync());
        Assert.Equal([id, id, id], stored);

        var @case = await app.OpenCaseAsync("member", id);
        await app.DecideAsync(@case.Id, people, JuryVote.Keep);

        // The same flaggers again, however they write the id: refused, and no new case.
        foreach (var f in flaggers)
            foreach (var s in spellings)
                await ProblemAssert.IsProblemAsync(await f.PostAsJsonAsync("/api/flags", Flag(s)), HttpStatusCode.BadRequest);
        Assert.Equal(1, await CasesAsync(app, id));
        // New flaggers: the threshold counts again from the decision.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Created, (await (await app.MemberAsync()).Client.PostAsJsonAsync("/api/flags", Flag(id))).StatusCode);
        Assert.Equal(1, await CasesAsync(app, id));
        Assert.Equal(HttpStatusCode.Created, (await (await app.MemberAsync()).Client.PostAsJsonAsync("/api/flags", Flag(id))).StatusCode);
        Assert.Equal(2, await CasesAsync(app, id));
        Assert.Equal(CaseStatus.UnderReview, (await app.OpenCaseAsync("member", id)).Status);
    }

    [Fact]
    public async Task The_database_holds_one_open_case_per_item()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var contentId = Guid.NewGuid().ToString();
        ModerationCase Open() => new() { ContentType = "group", ContentId = contentId, ContentTitle = "x", Status = CaseStatus.UnderReview, OpenedAt = DateTimeOffset.UtcNow };
        // Twenty writers at once, each inserting an open case for the same item: one row.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.ModerationCases.Add(Open());
            try { await db.SaveChangesAsync(); return true; }
            catch (DbUpdateException) { return false; }
        }))));
        Assert.Equal(1, results.Count(ok => ok));
        // Decided cases do not count: a second case may follow a decision.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ModerationCases.Where(c => c.ContentId == contentId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Kept)));
        await app.WithScopeAsync(async sp => { var db = sp.GetRequiredService<AppDbContext>(); db.ModerationCases.Add(Open()); return await db.SaveChangesAsync(); });
    }

    [Fact]
    public async Task Juries_are_drawn_only_among_members_who_can_act()
    {
        await using var app = await ModerationApp.StartAsync(kind, new Dictionary<string, string?> { ["Moderation:JurySize"] = "5" });
        var able = await app.PeopleAsync(3, "Active");
        // Demo-like members (confirmed, no password, never signed in), long-absent ones, unconfirmed ones: many of them.
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Member>>();
            for (var i = 0; i < 30; i++)
            {
                var email = $"demo{Guid.NewGuid():N}@example.org";
                var m = new Member { UserName = email, Email = email, EmailConfirmed = i % 3 != 2, DisplayName = $"Demo {i}" };
                Assert.True((i % 3 == 0 ? await users.CreateAsync(m) : await users.CreateAsync(m, AppFactory.Password)).Succeeded);
                // A third never signed in (demo); a third signed in a year ago; a third signed in but never confirmed.
                if (i % 3 != 0) { m.LastSignInAt = app.Clock.GetUtcNow() - (i % 3 == 1 ? TimeSpan.FromDays(365) : TimeSpan.Zero); await users.UpdateAsync(m); }
            }
            return 0;
        });
        var (target, _) = await app.MemberAsync("Target");
        var @case = await app.FlagPastThresholdAsync("member", target.Id.ToString());
        var seats = await app.SeatsAsync(@case.Id);
        Assert.Equal(able.Keys.Order(), seats.Select(s => s.MemberId).Order());
        // A jury of three of the five seats still decides: no demo member holds a seat that never votes.
        await app.DecideAsync(@case.Id, able, JuryVote.Keep);
    }

    [Fact]
    public async Task A_seat_left_without_a_vote_past_the_deadline_goes_to_another_member_and_the_case_page_says_how_long_is_left()
    {
        await using var app = await ModerationApp.StartAsync(kind, new Dictionary<string, string?>
        {
            ["Moderation:VoteWithin"] = "3.00:00:00", ["Moderation:SeatCheckInterval"] = "00:10:00",
        });
        var people = await app.PeopleAsync(6);
        var (target, _) = await app.MemberAsync("Target");
        var @case = await app.FlagPastThresholdAsync("member", target.Id.ToString());
        var first = await app.SeatsAsync(@case.Id);
        Assert.Equal(3, first.Count);
        Assert.Equal(HttpStatusCode.NoContent, (await people[first[0].MemberId].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes",
            new { vote = "Keep", reason = "A fan account, clearly labelled." })).StatusCode);
        Assert.Contains("The jurors have 3 days left to vote", await app.CreateClient().GetStringAsync($"/moderation/cases/{@case.Id}"));
        var mine = (await people[first[1].MemberId].GetFromJsonAsync<CaseView>($"/api/moderation/cases/{@case.Id}"))!;
        Assert.InRange(mine.VoteBy!.Value, app.Clock.GetUtcNow() + TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1), app.Clock.GetUtcNow() + TimeSpan.FromDays(3));
        app.Clock.Advance(TimeSpan.FromMinutes(30)); // half an hour on, the page counts down (for visitors too)
        Assert.Contains("The jurors have 2 days and 23 hours left to vote", await app.CreateClient().GetStringAsync($"/moderation/cases/{@case.Id}"));

        // Three days on, the background check gives the two silent seats to two other members.
        app.Clock.Advance(TimeSpan.FromDays(3));
        List<Juror> seats = [];
        for (var i = 0; i < 100 && seats.Count(s => s.LapsedAt is not null) < 2; i++) // the first read may still show the old three
        {
            await Task.Delay(100);
            seats = await app.SeatsAsync(@case.Id);
        }
        var seated = seats.Where(s => s.LapsedAt is null).ToList();
        Assert.Equal(3, seated.Count);
        Assert.Contains(seated, s => s.MemberId == first[0].MemberId); // who voted keeps the seat
        Assert.Equal(2, seats.Count(s => s.LapsedAt is not null));
        Assert.Empty(seated.Where(s => s.MemberId != first[0].MemberId).Select(s => s.MemberId).Intersect(first.Select(f => f.MemberId)));
        foreach (var id in people.Keys.ToList()) people[id] = await app.ClientForAsync(id); // three days on, their tokens expired
        var late = await ProblemAssert.IsProblemAsync(await people[first[1].MemberId].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes",
            new { vote = "Remove", reason = "Sorry I am late to this." }), HttpStatusCode.BadRequest);
        Assert.Contains("time to vote ran out", late["vote"][0]);
        var newcomer = seated.First(s => s.MemberId != first[0].MemberId).MemberId;
        var email = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == newcomer).Select(u => u.Email).SingleAsync());
        await app.Smtp.WaitForAsync(email!, m => m.Subject!.Contains("jury"));

        // The new jurors decide.
        await app.DecideAsync(@case.Id, people, JuryVote.Keep);
        Assert.False((await app.CreateClient().GetFromJsonAsync<PublicMemberView>($"/api/members/{target.Id}"))!.UnderReview);
    }

    private static object Flag(string id) => new { contentType = "member", contentId = id, value = "truthfulness", reason = "Pretends to be the candidate's campaign." };

    private static Task<int> CasesAsync(AppFactory app, string id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ModerationCases.CountAsync(c => c.ContentId == id));
}

public sealed class CasesTests_Sqlite() : CasesTests(DbKind.Sqlite);
public sealed class CasesTests_Postgres() : CasesTests(DbKind.Postgres);
