using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Features.Moderation;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Groups;

/// <summary>A group a jury reviews is frozen and shown as a notice; removed, it is a placeholder for all but its organizers, who are told.</summary>
public abstract class GroupModerationTests(DbKind kind)
{
    private const string Spam = "https://cheap-watches.example/buy";

    [Fact]
    public async Task A_group_under_review_is_frozen_and_once_removed_is_a_placeholder_for_everyone_but_its_organizers()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (organizer, org) = await app.MemberAsync("Watch Seller");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == organizer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "es")));
        var group = (await (await org.PostAsJsonAsync("/api/groups", new { name = $"Watch deals {Guid.NewGuid():N}"[..24], kind = "Issue", description = $"Buy here: {Spam}" }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var (member, memberClient) = await app.MemberAsync("Member");
        Assert.Equal(HttpStatusCode.NoContent, (await memberClient.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        // Away for a year (the token still works): never drawn, so what they see is what any member sees.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, DateTimeOffset.UtcNow.AddYears(-1))));
        var people = await app.PeopleAsync(5);
        var visitor = app.CreateClient();

        var @case = await app.FlagPastThresholdAsync("group", group.Id.ToString());

        // Under review: visitors and members read a notice, not the group; the API says so.
        var page = await visitor.GetAsync($"/groups/{group.Slug}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("hidden while a jury of randomly drawn members reviews it", html);
        Assert.DoesNotContain(Spam, html);
        Assert.DoesNotContain("Join this group", html);
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/groups/{group.Id}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await memberClient.GetAsync($"/api/groups/{group.Slug}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/groups/{group.Id}/members"), HttpStatusCode.Forbidden);
        // A juror reads it to judge it.
        var juror = (await app.SeatsAsync(@case.Id)).First().MemberId;
        Assert.Equal(HttpStatusCode.OK, (await people[juror].GetAsync($"/api/groups/{group.Id}")).StatusCode);

        // Frozen: the organizer cannot edit it or write to its members, and no one joins.
        // (Refused by the organizers' policy, saying why, as a frozen project's owners are.)
        var edit = await org.PutAsJsonAsync($"/api/groups/{group.Id}", new { name = "Totally fine group", kind = "Issue", description = "Nothing to see." });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("jury", await edit.Content.ReadAsStringAsync());
        var message = await org.PostAsJsonAsync($"/api/groups/{group.Id}/messages", new { subject = "Sale", body = Spam });
        Assert.Equal(HttpStatusCode.Forbidden, message.StatusCode);
        Assert.Contains("jury", await message.Content.ReadAsStringAsync());
        var joiner = people.Values.Last();
        await ProblemAssert.IsProblemAsync(await joiner.PostAsync($"/api/groups/{group.Id}/join", null), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await org.PostAsJsonAsync($"/api/groups/{group.Id}/organizers", new { memberId = member.Id }), HttpStatusCode.Forbidden);
        var outbox = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.CountAsync(m => m.Subject.Contains("Sale")));
        Assert.Equal(0, outbox);
        var unchanged = (await org.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}"))!;
        Assert.Equal((group.Name, 2, ContentModeration.UnderReview), (unchanged.Name, unchanged.MemberCount, unchanged.Moderation));

        // The jury removes it.
        await app.DecideAsync(@case.Id, people, JuryVote.Remove);

        // Visitors and members: a placeholder, 410 Gone, no link, no Join, no stale "reviews it" banner.
        page = await visitor.GetAsync($"/groups/{group.Slug}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        html = await page.Content.ReadAsStringAsync();
        Assert.Contains("removed this", html);
        Assert.Contains($"/moderation/cases/{@case.Id}", html);
        Assert.DoesNotContain(Spam, html);
        Assert.DoesNotContain("Join this group", html);
        Assert.DoesNotContain("reviews it", html);
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/groups/{group.Id}"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await memberClient.GetAsync($"/api/groups/{group.Id}"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await people[juror].GetAsync($"/api/groups/{group.Id}"), HttpStatusCode.Gone);
        // The public log keeps the title and the reasons.
        var log = (await visitor.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{@case.Id}"))!;
        Assert.Equal((group.Name, CaseStatus.Removed), (log.ContentTitle, log.Status));
        Assert.Contains(log.Votes, v => v.Reason.Contains("watches"));

        // The organizer still sees it (to appeal), still frozen, and was told in Spanish with the link to appeal.
        Assert.Equal(ContentModeration.Removed, (await org.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}"))!.Moderation);
        await ProblemAssert.IsProblemAsync(await org.PostAsJsonAsync($"/api/groups/{group.Id}/messages", new { subject = "Sale", body = Spam }), HttpStatusCode.Forbidden);
        var mail = await app.Smtp.WaitForAsync(organizer.Email!, m => m.Subject?.Contains("jurado") == true);
        Assert.Contains($"/moderation/cases/{@case.Id}", mail.TextBody);
        Assert.Contains("apelar", mail.TextBody);
        // Members can still leave it.
        Assert.Equal(HttpStatusCode.NoContent, (await memberClient.PostAsJsonAsync($"/api/groups/{group.Id}/leave", new { })).StatusCode);
    }

    [Fact]
    public async Task A_kept_group_is_itself_again_and_its_organizer_is_told()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (organizer, org) = await app.MemberAsync("Organizer");
        var group = (await (await org.PostAsJsonAsync("/api/groups", new { name = $"Tenants {Guid.NewGuid():N}"[..20], kind = "Issue", description = "We meet on Mondays." }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var people = await app.PeopleAsync(4);
        var @case = await app.FlagPastThresholdAsync("group", group.Id.ToString());
        await app.DecideAsync(@case.Id, people, JuryVote.Keep);

        var visitor = app.CreateClient();
        var seen = (await visitor.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}"))!;
        Assert.Equal(ContentModeration.Visible, seen.Moderation);
        Assert.Contains("We meet on Mondays", await visitor.GetStringAsync($"/groups/{group.Slug}"));
        var (_, member) = await app.MemberAsync("Tenant");
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await org.PostAsJsonAsync($"/api/groups/{group.Id}/messages", new { subject = "Monday", body = "See you." })).StatusCode);
        var mail = await app.Smtp.WaitForAsync(organizer.Email!, m => m.Subject?.Contains("jury decided") == true);
        Assert.Contains("stays", mail.TextBody);
    }
}

public sealed class GroupModerationTests_Sqlite() : GroupModerationTests(DbKind.Sqlite);
public sealed class GroupModerationTests_Postgres() : GroupModerationTests(DbKind.Postgres);
