using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Projects;

public sealed record OwnerInput(Guid MemberId);
public sealed record StatusInput(ProjectStatus? Status);
public sealed record MergeInput(Guid? IntoId);
public sealed record MergeProposalInput(Guid? IntoId, string? Note);
public sealed record CombineNeedsInput(Guid? KeepId, Guid? OtherId);
public sealed record MergeProposalAnswer(Guid? ProposalId, bool Merged);

/// <summary>
/// The projects API: the same use cases as the pages, each answer a DTO or problem+json. Endpoints only
/// translate HTTP to a use case and back; permissions are checked inside the use cases (policies).
/// </summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projects").WithTags("Projects").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async Task<Results<Ok<Page<ProjectSummary>>, ValidationProblem>> ([AsParameters] ProjectQuery query, ProjectDirectory directory, CancellationToken ct) =>
        {
            var (page, errors) = await directory.SearchAsync(query, ct);
            return page is null ? ApiResults.Invalid(errors) : TypedResults.Ok(page);
        }).WithSummary("Browse projects by text, skill needed, distance from a ZIP, group and status; paged");

        api.MapGet("/similar", async Task<Ok<IReadOnlyList<SimilarProject>>> (string? title, string? goal, string? zip, Guid? except, Similarity similarity, CancellationToken ct) =>
            TypedResults.Ok(await similarity.FindAsync(Trim(title), Trim(goal), zip, except, ct)))
            .WithSummary("Existing projects most like a title and goal (overlap detection), best first");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<ProjectView>, RedirectHttpResult, ProblemHttpResult>> (string idOrSlug, HttpContext http, ProjectDetails details, Merging merging, CancellationToken ct) =>
        {
            if (await merging.RedirectForAsync(idOrSlug, ct) is { } moved) return TypedResults.Redirect($"/api/projects/{moved}", permanent: true);
            var (project, notice) = await details.ReadAsync(idOrSlug, http.User, ct);
            return project is null ? ApiResults.NotFound() : notice.ShowContent ? TypedResults.Ok(project) : details.Refusal(notice);
        }).WithSummary("One project with its needs and their progress (403 while a community jury reviews it, 410 once it removed it, unless you own it)");

        api.MapPost("/", async Task<Results<Created<ProjectView>, ValidationProblem>> (ProjectInput input, HttpContext http, Launching launching, ProjectDetails details, CancellationToken ct) =>
        {
            var (project, outcome) = await launching.LaunchAsync(http.User, input, ct);
            if (project is null) return ApiResults.Invalid(outcome.Errors!);
            return TypedResults.Created($"/api/projects/{project.Id}", (await details.FindAsync(project.Id.ToString(), http.User, ct))!);
        }).RequireAuthorization().WithSummary("Launch a project at once, with its needs: no approval");

        api.MapPut("/{id:guid}", async Task<Results<Ok<ProjectView>, ProblemHttpResult, ValidationProblem>> (Guid id, ProjectInput input, HttpContext http, Editing editing, ProjectDetails details, CancellationToken ct) =>
        {
            var outcome = await editing.EditAsync(http.User, id, input, ct);
            var view = outcome.Kind == OutcomeKind.Ok ? await details.FindAsync(id.ToString(), http.User, ct) : null;
            return ApiResults.From(outcome, () => TypedResults.Ok(view!));
        }).RequireAuthorization().WithSummary("An owner edits the project's title, goal, description, place, dates, group or status (needs are changed one by one)");

        api.MapPut("/{id:guid}/status", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, StatusInput input, HttpContext http, Editing editing, CancellationToken ct) =>
            ApiResults.From(await editing.SetStatusAsync(http.User, id, input.Status, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner moves the project: Idea → Active → Done / Archived");

        api.MapPost("/{id:guid}/needs", async Task<Results<Created<NeedView>, ProblemHttpResult, ValidationProblem>> (Guid id, NeedInput input, HttpContext http, NeedChanges needs, CancellationToken ct) =>
        {
            var (need, outcome) = await needs.AddAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/projects/{id}", need!));
        }).RequireAuthorization().WithSummary("An owner adds a need");

        api.MapPost("/{id:guid}/needs/{needId:guid}/close", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid needId, HttpContext http, NeedChanges needs, CancellationToken ct) =>
            ApiResults.From(await needs.SetClosedAsync(http.User, id, needId, true, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner closes a need: no more pledges (those made stay)");

        api.MapPost("/{id:guid}/needs/{needId:guid}/reopen", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid needId, HttpContext http, NeedChanges needs, CancellationToken ct) =>
            ApiResults.From(await needs.SetClosedAsync(http.User, id, needId, false, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner reopens a closed need that is not full");

        api.MapPost("/{id:guid}/owners", async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> (Guid id, OwnerInput input, HttpContext http, Ownership ownership, CancellationToken ct) =>
            ApiResults.From(await ownership.InviteAsync(http.User, id, input.MemberId, ct), () => TypedResults.Accepted($"/api/me/owner-invitations")))
            .RequireAuthorization().WithSummary("An owner invites a member to co-own the project; they become an owner when they accept");

        api.MapPost("/{id:guid}/owners/me", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Ownership ownership, CancellationToken ct) =>
            ApiResults.From(await ownership.AcceptAsync(http.User, id, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Accept an invitation to co-own the project");

        api.MapDelete("/{id:guid}/owners/invitation", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Ownership ownership, CancellationToken ct) =>
            ApiResults.From(await ownership.DeclineAsync(http.User, id, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Decline an invitation to co-own the project");

        api.MapDelete("/{id:guid}/owners/me", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, bool? archive, HttpContext http, Ownership ownership, CancellationToken ct) =>
            ApiResults.From(await ownership.StepDownAsync(http.User, id, ct, archive == true), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner steps down (only oneself); the last owner only with ?archive=true, which archives the project");

        api.MapDelete("/{id:guid}/group", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, GroupAffiliation affiliation, CancellationToken ct) =>
            ApiResults.From(await affiliation.DetachAsync(http.User, id, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An organizer of the project's group detaches the project from the group");

        api.MapPost("/{id:guid}/needs/{needId:guid}/pledges", async Task<Results<Created<PledgeView>, Ok<PledgeView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, Guid needId, PledgeInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Pledging pledging, CancellationToken ct) =>
        {
            var (pledge, replayed, outcome) = await pledging.PledgeAsync(http.User, id, needId, input, key, ct);
            return outcome.Kind switch
            {
                OutcomeKind.Ok when replayed => TypedResults.Ok(pledge!),
                OutcomeKind.Ok => TypedResults.Created($"/api/projects/{id}/pledges/{pledge!.Id}", pledge),
                OutcomeKind.Invalid => ApiResults.Invalid(outcome.Errors!),
                OutcomeKind.Forbidden => ApiResults.Forbidden(),
                _ => ApiResults.NotFound(),
            };
        }).RequireAuthorization().WithSummary("Pledge to a need; send an Idempotency-Key header to retry safely (a repeat answers 200 with the same pledge)");

        api.MapGet("/{id:guid}/pledges", async Task<Results<Ok<Page<OwnerPledgeView>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? page, int? pageSize, HttpContext http,
            Access access, ProjectDetails details, CancellationToken ct) =>
        {
            var outcome = await access.CheckAsync(http.User, new ProjectResource(id), ProjectPolicies.Own);
            var pledges = outcome.Kind == OutcomeKind.Ok ? await details.PledgesAsync(id, page, pageSize, ct) : null;
            return ApiResults.From(outcome, () => TypedResults.Ok(pledges!));
        }).RequireAuthorization().WithSummary("The project's pledges, for its owners; paged");

        api.MapPost("/{id:guid}/pledges/{pledgeId:guid}/accept", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid pledgeId, HttpContext http, Answering answering, CancellationToken ct) =>
            ApiResults.From(await answering.AcceptAsync(http.User, id, pledgeId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner accepts a pledge");

        api.MapPost("/{id:guid}/pledges/{pledgeId:guid}/decline", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid pledgeId, HttpContext http, Answering answering, CancellationToken ct) =>
            ApiResults.From(await answering.DeclineAsync(http.User, id, pledgeId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner declines a pledge");

        api.MapPost("/{id:guid}/pledges/{pledgeId:guid}/withdraw", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid pledgeId, HttpContext http, Pledging pledging, CancellationToken ct) =>
            ApiResults.From(await pledging.WithdrawAsync(http.User, id, pledgeId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("The pledger withdraws their pledge");

        api.MapPost("/{id:guid}/merge", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, MergeInput input, HttpContext http, Merging merging, CancellationToken ct) =>
            input.IntoId is not { } into
                ? ApiResults.Invalid(FieldErrors.Single("intoId", "Say which project to merge into (intoId)."))
                : ApiResults.From(await merging.MergeAsync(http.User, id, into, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner of both merges this project into another: needs, pledges, followers and updates move; the address redirects");

        api.MapGet("/{id:guid}/merge-preview", async Task<Results<Ok<MergePreview>, ProblemHttpResult, ValidationProblem>> (Guid id, Guid? intoId, HttpContext http, Merging merging, CancellationToken ct) =>
        {
            if (intoId is not { } into) return ApiResults.Invalid(FieldErrors.Single("intoId", "Say which project would be kept (intoId)."));
            var (outcome, preview) = await merging.PreviewAsync(http.User, id, into, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(preview!));
        }).RequireAuthorization().WithSummary("What merging this project into another would move and keep (an owner of either)");

        api.MapPost("/{id:guid}/merge-proposals", async Task<Results<Ok<MergeProposalAnswer>, ProblemHttpResult, ValidationProblem>> (Guid id, MergeProposalInput input, HttpContext http, Merging merging, CancellationToken ct) =>
        {
            if (input.IntoId is not { } into) return ApiResults.Invalid(FieldErrors.Single("intoId", "Say which project would be kept (intoId)."));
            var result = await merging.ProposeAsync(http.User, id, into, input.Note, ct);
            return ApiResults.From(result.Outcome, () => TypedResults.Ok(new MergeProposalAnswer(result.ProposalId, result.Merged)));
        }).RequireAuthorization().WithSummary("An owner of one of the two proposes merging this project into another (an owner of the other accepts); an owner of both merges at once. Asking twice leaves one proposal");

        api.MapPost("/{id:guid}/needs/combine", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, CombineNeedsInput input, HttpContext http, CombiningNeeds combining, CancellationToken ct) =>
            input is { KeepId: { } keep, OtherId: { } other }
                ? ApiResults.From(await combining.CombineAsync(http.User, id, keep, other, ct), TypedResults.NoContent)
                : ApiResults.Invalid(FieldErrors.Single(input.KeepId is null ? "keepId" : "otherId", "Say which need is kept (keepId) and which is combined into it (otherId).")))
            .RequireAuthorization().WithSummary("Owners combine two needs that ask for the same thing: pledges move into the kept one");

        var merges = app.MapGroup("/api/merge-proposals").WithTags("Projects").RequireRateLimiting(ServiceDefaults.WriteLimit).RequireAuthorization();
        merges.MapGet("/{proposalId:guid}", async Task<Results<Ok<MergeProposalView>, ProblemHttpResult>> (Guid proposalId, HttpContext http, Merging merging, CancellationToken ct) =>
            await merging.ReadAsync(http.User, proposalId, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound())
            .WithSummary("A merge proposal and what it would move (owners of either project)");
        merges.MapPost("/{proposalId:guid}/accept", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid proposalId, HttpContext http, Merging merging, CancellationToken ct) =>
            ApiResults.From(await merging.AnswerAsync(http.User, proposalId, true, ct), TypedResults.NoContent))
            .WithSummary("An owner of the asked project accepts: the projects are merged now");
        merges.MapPost("/{proposalId:guid}/decline", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid proposalId, HttpContext http, Merging merging, CancellationToken ct) =>
            ApiResults.From(await merging.AnswerAsync(http.User, proposalId, false, ct), TypedResults.NoContent))
            .WithSummary("An owner of the asked project declines");
        merges.MapPost("/{proposalId:guid}/withdraw", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid proposalId, HttpContext http, Merging merging, CancellationToken ct) =>
            ApiResults.From(await merging.WithdrawAsync(http.User, proposalId, ct), TypedResults.NoContent))
            .WithSummary("The proposing side withdraws its proposal while it waits");

        api.MapGet("/{id:guid}/helpers", async Task<Results<Ok<IReadOnlyList<HelperMatch>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? take, HttpContext http, Helpers helpers, CancellationToken ct) =>
        {
            var (list, outcome) = await helpers.ForProjectAsync(http.User, id, Math.Clamp(take ?? 10, 1, 50), ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(list!));
        }).RequireAuthorization().WithSummary("People who could help: members open to being asked, ranked by the skills they show and by distance band (owners only)");

        api.MapPost("/{id:guid}/invitations", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, InviteInput input, HttpContext http, Helpers helpers, CancellationToken ct) =>
            ApiResults.From(await helpers.InviteAsync(http.User, id, input.MemberId, input.Message, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner asks a member for help, through the platform (no address is revealed)");

        api.MapPost("/{id:guid}/follow", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Following following, CancellationToken ct) =>
            ApiResults.From(await following.FollowAsync(http.User, id, true, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Follow the project: its updates come in a digest");

        api.MapDelete("/{id:guid}/follow", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Following following, CancellationToken ct) =>
            ApiResults.From(await following.FollowAsync(http.User, id, false, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Stop following the project");

        api.MapGet("/{id:guid}/updates", async Task<Results<Ok<Page<UpdateView>>, ProblemHttpResult>> (Guid id, int? page, int? pageSize, HttpContext http, ProjectDetails details, Following following, CancellationToken ct) =>
            await details.ReadAsync(id.ToString(), http.User, ct) switch
            {
                (null, _) => ApiResults.NotFound(),
                (_, { ShowContent: false } notice) => details.Refusal(notice),
                _ => TypedResults.Ok(await following.UpdatesAsync(id, page, pageSize, ct)),
            })
            .WithSummary("The project's updates, newest first; paged");

        api.MapPost("/{id:guid}/updates", async Task<Results<Created<UpdateView>, ProblemHttpResult, ValidationProblem>> (Guid id, UpdateInput input, HttpContext http, Following following, CancellationToken ct) =>
        {
            var (update, outcome) = await following.PostAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/projects/{id}/updates", update!));
        }).RequireAuthorization().WithSummary("An owner posts an update to the followers");

        var me = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();

        me.MapGet("/projects", async Task<Ok<Page<MyProject>>> (int? page, int? pageSize, HttpContext http, MyProjects mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.ProjectsAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .WithSummary("Projects I own (first) or follow, with open needs and pledges waiting for an answer; paged");

        me.MapGet("/pledges", async Task<Ok<Page<MyPledge>>> (int? page, int? pageSize, HttpContext http, MyProjects mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.PledgesAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .WithSummary("Everything I pledged, newest first, with its status; paged");

        me.MapGet("/owner-invitations", async Task<Ok<IReadOnlyList<OwnerInvitationView>>> (HttpContext http, Ownership ownership, CancellationToken ct) =>
            TypedResults.Ok(await ownership.InvitationsForAsync(http.User.RequiredMemberId(), ct)))
            .WithSummary("Invitations to co-own projects, waiting for my answer");

        me.MapGet("/matches", async Task<Ok<IReadOnlyList<NeedMatch>>> (int? take, HttpContext http, Matching matching, CancellationToken ct) =>
            TypedResults.Ok(await matching.ForMemberAsync(http.User.RequiredMemberId(), Math.Clamp(take ?? 10, 1, 50), ct)))
            .WithSummary("Projects that need me: open needs ranked by my skills, distance and urgency, with the reason");

        return app;
    }

    internal static string? Trim(string? s) => s is { Length: > 400 } ? s[..400] : s;
}
