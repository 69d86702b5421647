using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Notices;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Projects;

/// <summary>Merging two projects with different owners: one side proposes, the other accepts; needs that look alike are combined by choice.</summary>
public abstract class MergeProposalTests(AppFactory app)
{
    private static async Task<ProjectView> LaunchAsync(HttpClient owner, string title, string description = "", string need = "Clipboard holders", int quantity = 5)
    {
        var response = await owner.PostAsJsonAsync("/api/projects", new
        {
            title, goal = "Register voters on campus.", description, online = true,
            needs = new[] { new { kind = "People", title = need, skill = "canvassing", quantity } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProjectView>())!;
    }

    private Task WithDbAsync(Func<AppDbContext, Task> use) =>
        app.WithScopeAsync(async sp => { await use(sp.GetRequiredService<AppDbContext>()); return 0; });

    [Fact]
    public async Task One_owner_proposes_the_other_accepts_and_the_kept_project_has_both_descriptions()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (ana, anaClient) = await app.MemberAsync("Ana Merge");
        var (ben, benClient) = await app.MemberAsync("Ben Merge");
        var anas = await LaunchAsync(anaClient, $"Campus voters {tag}", "We table at the **library**.");
        var bens = await LaunchAsync(benClient, $"Student voter drive {tag}", "Dorm to dorm.");
        var (volunteer, volunteerClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await volunteerClient.PostAsJsonAsync($"/api/projects/{anas.Id}/needs/{anas.Needs[0].Id}/pledges", new { })).StatusCode);

        // The preview names what moves and what is kept.
        var preview = (await anaClient.GetFromJsonAsync<MergePreview>($"/api/projects/{anas.Id}/merge-preview?intoId={bens.Id}"))!;
        Assert.Equal((1, 1, true, false), (preview.Needs, preview.Pledges, preview.DescriptionAppended, preview.OwnsBoth));
        Assert.Equal(bens.Title, preview.IntoTitle);

        var proposed = await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = bens.Id, note = "We overlap a lot." });
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var answer = (await proposed.Content.ReadFromJsonAsync<MergeProposalAnswer>())!;
        Assert.False(answer.Merged);
        var id = answer.ProposalId!.Value;
        // Nothing moved yet, and asking again (or the other way round) is the same proposal.
        Assert.Null((await volunteerClient.GetFromJsonAsync<ProjectView>($"/api/projects/{bens.Id}"))!.Needs.SingleOrDefault(n => n.Id == anas.Needs[0].Id));
        var again = (await (await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = bens.Id })).Content.ReadFromJsonAsync<MergeProposalAnswer>())!;
        Assert.Equal(id, again.ProposalId);
        var back = (await (await benClient.PostAsJsonAsync($"/api/projects/{bens.Id}/merge-proposals", new { intoId = anas.Id })).Content.ReadFromJsonAsync<MergeProposalAnswer>())!;
        Assert.Equal(id, back.ProposalId);

        var mail = await app.Smtp.WaitForAsync(ben.Email!, m => m.Subject?.Contains(anas.Title) == true);
        Assert.Contains($"/projects/merges/{id}", mail.TextBody);
        Assert.Contains("We overlap a lot.", mail.TextBody);
        Assert.DoesNotContain(ana.Email!, mail.ToString());
        // A notice kind of its own: on Ben's bell, and the mail can be unsubscribed from in one click.
        Assert.NotNull(mail.Headers[MimeKit.HeaderId.ListUnsubscribePost]);
        var notice = (await benClient.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items.Single(n => n.Kind == nameof(NoticeKind.MergeProposed));
        Assert.Equal($"/projects/merges/{id}", notice.Link);
        Assert.Contains(anas.Title, notice.Headline);

        // Only the asked side answers; nobody else even sees it.
        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/merge-proposals/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/merge-proposals/{id}/accept", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await volunteerClient.PostAsync($"/api/merge-proposals/{id}/accept", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await anaClient.PostAsync($"/api/merge-proposals/{id}/accept", null), HttpStatusCode.Forbidden);
        var view = (await benClient.GetFromJsonAsync<MergeProposalView>($"/api/merge-proposals/{id}"))!;
        Assert.True(view.ICanAnswer);
        Assert.False(view.ICanWithdraw);

        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PostAsync($"/api/merge-proposals/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PostAsync($"/api/merge-proposals/{id}/accept", null)).StatusCode); // said twice: once
        await ProblemAssert.IsProblemAsync(await benClient.PostAsync($"/api/merge-proposals/{id}/decline", null), HttpStatusCode.BadRequest);

        var kept = (await volunteerClient.GetFromJsonAsync<ProjectView>($"/api/projects/{bens.Id}"))!;
        Assert.Equal(2, kept.Needs.Count);
        Assert.Equal(PledgeStatus.Pending, kept.Needs.Single(n => n.Id == anas.Needs[0].Id).MyPledge!.Status);
        Assert.StartsWith("Dorm to dorm.", kept.Description);
        Assert.Contains($"## {anas.Title}", kept.Description);
        Assert.Contains("<strong>library</strong>", kept.DescriptionHtml);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal($"/projects/{bens.Slug}", (await browser.GetAsync($"/projects/{anas.Slug}")).Headers.Location!.OriginalString);
        // Ana is asked to co-own the kept project, not made an owner; and hears that it is done.
        await WithDbAsync(async db => Assert.True(await db.OwnerInvitations.AnyAsync(i => i.ProjectId == bens.Id && i.MemberId == ana.Id && i.DeclinedAt == null)));
        await WithDbAsync(async db => Assert.False(await db.ProjectOwners.AnyAsync(o => o.ProjectId == bens.Id && o.MemberId == ana.Id)));
        await app.Smtp.WaitForAsync(ana.Email!, m => m.Subject?.Contains("one project now") == true);
        Assert.Equal($"/projects/{bens.Slug}", (await anaClient.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items.Single(n => n.Kind == nameof(NoticeKind.MergeAnswered)).Link);
    }

    [Fact]
    public async Task A_declined_proposal_moves_nothing_and_the_proposer_can_withdraw_only_their_own()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (ana, anaClient) = await app.MemberAsync();
        var (_, benClient) = await app.MemberAsync();
        var anas = await LaunchAsync(anaClient, $"Campus voters {tag}");
        var bens = await LaunchAsync(benClient, $"Student voter drive {tag}");
        var id = (await (await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = bens.Id })).Content.ReadFromJsonAsync<MergeProposalAnswer>())!.ProposalId!.Value;
        await ProblemAssert.IsProblemAsync(await benClient.PostAsync($"/api/merge-proposals/{id}/withdraw", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PostAsync($"/api/merge-proposals/{id}/decline", null)).StatusCode);
        Assert.Equal(MergeProposalStatus.Declined, (await anaClient.GetFromJsonAsync<MergeProposalView>($"/api/merge-proposals/{id}"))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await anaClient.GetAsync($"/api/projects/{anas.Id}")).StatusCode); // not redirected: not merged
        await app.Smtp.WaitForAsync(ana.Email!, m => m.Subject?.Contains("declined merging") == true);

        // A new proposal after a no is a new question; the proposer may take it back.
        var second = (await (await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = bens.Id })).Content.ReadFromJsonAsync<MergeProposalAnswer>())!.ProposalId!.Value;
        Assert.NotEqual(id, second);
        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.PostAsync($"/api/merge-proposals/{second}/withdraw", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await benClient.PostAsync($"/api/merge-proposals/{second}/accept", null), HttpStatusCode.BadRequest);
        var tooLong = await ProblemAssert.IsProblemAsync(await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = bens.Id, note = new string('x', 1001) }), HttpStatusCode.BadRequest);
        Assert.Contains("1000", tooLong["note"][0]);
        await ProblemAssert.IsProblemAsync(await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Messages_to_the_volunteers_move_with_them_and_the_confirmation_counts_them()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, owner) = await app.MemberAsync();
        var from = await LaunchAsync(owner, $"Porch lights {tag}");
        var into = await LaunchAsync(owner, $"Porch lighting {tag}");
        var (_, volunteer) = await app.MemberAsync();
        var pledge = await volunteer.PostAsJsonAsync($"/api/projects/{from.Id}/needs/{from.Needs[0].Id}/pledges", new { });
        var pledgeId = (await pledge.Content.ReadFromJsonAsync<PledgeView>())!.Id;
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{from.Id}/pledges/{pledgeId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/messages", new { projectId = from.Id, subject = "Saturday", body = "Bring a ladder." })).StatusCode);

        Assert.Equal(1, (await owner.GetFromJsonAsync<MergePreview>($"/api/projects/{from.Id}/merge-preview?intoId={into.Id}"))!.Messages);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/projects/{from.Id}/merge", new { intoId = into.Id })).StatusCode);
        var archive = await owner.GetFromJsonAsync<Grassroots.Infrastructure.Web.Page<Grassroots.Features.Messages.MessageSummary>>($"/api/projects/{into.Id}/messages");
        Assert.Equal("Saturday", Assert.Single(archive!.Items).Subject);
    }

    [Fact]
    public async Task One_member_makes_at_most_five_proposals_a_day_even_all_at_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, spammer) = await app.MemberAsync();
        var mine = await LaunchAsync(spammer, $"Knitting circle {tag}");
        var targets = new List<ProjectView>();
        for (var i = 0; i < 8; i++)
        {
            var (_, owner) = await app.MemberAsync();
            targets.Add(await LaunchAsync(owner, $"Voter drive {i} {tag}"));
        }
        var answers = await Task.WhenAll(targets.Select(t => spammer.PostAsJsonAsync($"/api/projects/{mine.Id}/merge-proposals", new { intoId = t.Id, note = "Buy now" })));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            Assert.Contains("with", (await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest)).Keys);
        // Withdrawing does not give the day's proposals back.
        var first = (await answers.First(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<MergeProposalAnswer>())!.ProposalId!.Value;
        Assert.Equal(HttpStatusCode.NoContent, (await spammer.PostAsync($"/api/merge-proposals/{first}/withdraw", null)).StatusCode);
        var again = await spammer.PostAsJsonAsync($"/api/projects/{mine.Id}/merge-proposals", new { intoId = targets[0].Id });
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.BadRequest);
        await WithDbAsync(async db => Assert.Equal(5, await db.MergeProposals.CountAsync(m => m.FromProjectId == mine.Id)));
    }

    [Fact]
    public async Task Two_proposals_for_one_project_accepted_at_once_merge_it_into_exactly_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, anaClient) = await app.MemberAsync();
        var anas = await LaunchAsync(anaClient, $"Campus voters {tag}");
        var others = new List<(ProjectView Project, HttpClient Owner, Guid Proposal)>();
        for (var i = 0; i < 4; i++)
        {
            var (_, client) = await app.MemberAsync();
            var project = await LaunchAsync(client, $"Voter drive {i} {tag}");
            var proposal = (await (await anaClient.PostAsJsonAsync($"/api/projects/{anas.Id}/merge-proposals", new { intoId = project.Id })).Content.ReadFromJsonAsync<MergeProposalAnswer>())!.ProposalId!.Value;
            others.Add((project, client, proposal));
        }
        var answers = await Task.WhenAll(others.Select(o => o.Owner.PostAsync($"/api/merge-proposals/{o.Proposal}/accept", null)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.NoContent));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.NoContent), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        await WithDbAsync(async db =>
        {
            var into = await db.Projects.Where(p => p.Id == anas.Id).Select(p => p.MergedIntoId).SingleAsync();
            Assert.Contains(into!.Value, others.Select(o => o.Project.Id));
            Assert.Equal(1, await db.Needs.CountAsync(n => n.Id == anas.Needs[0].Id && n.ProjectId == into));
            Assert.Equal(0, await db.MergeProposals.CountAsync(m => m.FromProjectId == anas.Id && m.Status == MergeProposalStatus.Pending));
        });
    }

    [Fact]
    public async Task Needs_that_look_alike_are_offered_and_combined_keeping_every_pledge_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, owner) = await app.MemberAsync();
        var keep = await LaunchAsync(owner, $"Campus voters {tag}", need: "Clipboard holders", quantity: 5);
        var old = await LaunchAsync(owner, $"Student voter drive {tag}", need: "Clipboard holders wanted", quantity: 8);
        var (both, bothClient) = await app.MemberAsync();
        var (one, oneClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await bothClient.PostAsJsonAsync($"/api/projects/{keep.Id}/needs/{keep.Needs[0].Id}/pledges", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await bothClient.PostAsJsonAsync($"/api/projects/{old.Id}/needs/{old.Needs[0].Id}/pledges", new { })).StatusCode);
        var onesPledge = (await (await oneClient.PostAsJsonAsync($"/api/projects/{old.Id}/needs/{old.Needs[0].Id}/pledges", new { })).Content.ReadFromJsonAsync<PledgeView>())!;
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{old.Id}/pledges/{onesPledge.Id}/accept", null)).StatusCode);
        var merged = (await (await owner.PostAsJsonAsync($"/api/projects/{old.Id}/merge-proposals", new { intoId = keep.Id })).Content.ReadFromJsonAsync<MergeProposalAnswer>())!;
        Assert.True(merged.Merged); // an owner of both merges at once

        await app.WithScopeAsync<int>(async sp =>
        {
            var pairs = await sp.GetRequiredService<CombiningNeeds>().FindAsync(keep.Id, CancellationToken.None);
            var pair = Assert.Single(pairs);
            Assert.Equal((keep.Needs[0].Id, old.Needs[0].Id), (pair.KeepId, pair.OtherId));
            return 0;
        });
        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync($"/api/projects/{keep.Id}/needs/combine", new { keepId = keep.Needs[0].Id, otherId = old.Needs[0].Id }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{keep.Id}/needs/combine", new { keepId = keep.Needs[0].Id }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/projects/{keep.Id}/needs/combine", new { keepId = keep.Needs[0].Id, otherId = old.Needs[0].Id })).StatusCode);

        var need = Assert.Single((await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{keep.Id}"))!.Needs);
        Assert.Equal((8L, 2L, 1L), (need.Quantity, need.Reserved, need.Filled)); // the larger goal; one pledge each; one accepted
        await WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Pledges.CountAsync(p => p.MemberId == both.Id && p.Status == PledgeStatus.Pending));
            Assert.Equal(1, await db.Pledges.CountAsync(p => p.MemberId == both.Id && p.Status == PledgeStatus.Withdrawn)); // kept, as history
            Assert.Equal(PledgeStatus.Accepted, await db.Pledges.Where(p => p.Id == onesPledge.Id).Select(p => p.Status).SingleAsync());
        });
    }

    [Fact]
    public async Task Unrelated_online_projects_are_not_similar_and_related_ones_are()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, owner) = await app.MemberAsync();
        var mural = await LaunchAsync(owner, $"Kensington mural {tag}");
        await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Phone bank {tag}", goal = "Call seniors about Medicare.", online = true })).Content.ReadAsStringAsync();
        var related = await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Fishtown mural {tag}", goal = "Paint a mural with neighbors.", online = true })).Content.ReadFromJsonAsync<ProjectView>();
        var similar = (await owner.GetFromJsonAsync<List<SimilarProject>>($"/api/projects/similar?title=Kensington%20mural%20{tag}&goal=Paint%20a%20mural%20with%20the%20neighbors&except={mural.Id}"))!;
        Assert.Contains(similar, s => s.Id == related!.Id);
        Assert.DoesNotContain(similar, s => s.Title.StartsWith("Phone bank"));
    }
}

public sealed class MergeProposalTests_Sqlite(SqliteApp app) : MergeProposalTests(app), IClassFixture<SqliteApp>;
public sealed class MergeProposalTests_Postgres(PostgresApp app) : MergeProposalTests(app), IClassFixture<PostgresApp>;
