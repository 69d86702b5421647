using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Projects;

public sealed record OwnerInput(Guid MemberId);
public sealed record StatusInput(ProjectStatus? Status);
public sealed record UpdateInput(string? Body);
public sealed record MergeInput(Guid? IntoId);
public sealed record InviteInput(Guid MemberId, string? Message);

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projects").WithTags("Projects").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async Task<Results<Ok<Page<ProjectSummary>>, ValidationProblem>> ([AsParameters] ProjectQuery query, ProjectDetails details, CancellationToken ct) =>
        {
            var (page, errors) = await details.SearchAsync(query, ct);
            return page is null ? ApiResults.Invalid(errors) : TypedResults.Ok(page);
        }).WithSummary("Browse projects by text, skill needed, distance from a ZIP, group and status; paged");

        api.MapGet("/similar", async Task<Ok<IReadOnlyList<SimilarProject>>> (string? title, string? goal, string? zip, Guid? except, Similarity similarity, CancellationToken ct) =>
            TypedResults.Ok(await similarity.FindAsync(Trim(title), Trim(goal), zip, except, ct)))
            .WithSummary("Existing projects most like a title and goal (overlap detection), best first");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<ProjectView>, RedirectHttpResult, ProblemHttpResult>> (string idOrSlug, HttpContext http, ProjectDetails details, Merging merging, CancellationToken ct) =>
            await merging.RedirectForAsync(idOrSlug, ct) is { } moved ? TypedResults.Redirect($"/api/projects/{moved}", permanent: true)
            : await details.FindAsync(idOrSlug, http.User.MemberId(), ct) is { } p ? TypedResults.Ok(p) : ApiResults.NotFound())
            .WithSummary("One project with its needs and their progress");

        api.MapPost("/", async Task<Results<Created<ProjectView>, ValidationProblem>> (ProjectInput input, HttpContext http, Launching launching, ProjectDetails details, CancellationToken ct) =>
        {
            var me = http.User.RequiredMemberId();
            var (project, outcome) = await launching.LaunchAsync(me, input, ct);
            if (project is null) return ApiResults.Invalid(outcome.Errors!);
            return TypedResults.Created($"/api/projects/{project.Id}", (await details.FindAsync(project.Id.ToString(), me, ct))!);
        }).RequireAuthorization().WithSummary("Launch a project at once, with its needs: no approval");

        api.MapPost("/{id:guid}/needs", async Task<Results<Created<Need>, ProblemHttpResult, ValidationProblem>> (Guid id, NeedInput input, HttpContext http, Launching launching, CancellationToken ct) =>
        {
            var (need, outcome) = await launching.AddNeedAsync(id, http.User.RequiredMemberId(), input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/projects/{id}", need!));
        }).RequireAuthorization().WithSummary("An owner adds a need");

        api.MapPut("/{id:guid}", async Task<Results<Ok<ProjectView>, ProblemHttpResult, ValidationProblem>> (Guid id, ProjectInput input, HttpContext http, Launching launching, ProjectDetails details, CancellationToken ct) =>
        {
            var me = http.User.RequiredMemberId();
            var outcome = await launching.EditAsync(id, me, input, ct);
            var view = outcome.Kind == OutcomeKind.Ok ? await details.FindAsync(id.ToString(), me, ct) : null;
            return ApiResults.From(outcome, () => TypedResults.Ok(view!));
        }).RequireAuthorization().WithSummary("An owner edits the project's title, goal, description, place, dates, group or status (needs are changed one by one)");

        api.MapPost("/{id:guid}/needs/{needId:guid}/close", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid needId, HttpContext http, Launching launching, CancellationToken ct) =>
            ApiResults.From(await launching.SetNeedClosedAsync(id, needId, http.User.RequiredMemberId(), true, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner closes a need: no more pledges (those made stay)");

        api.MapPost("/{id:guid}/needs/{needId:guid}/reopen", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid needId, HttpContext http, Launching launching, CancellationToken ct) =>
            ApiResults.From(await launching.SetNeedClosedAsync(id, needId, http.User.RequiredMemberId(), false, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner reopens a closed need that still lacks something");

        api.MapPost("/{id:guid}/owners", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, OwnerInput input, HttpContext http, Launching launching, CancellationToken ct) =>
            ApiResults.From(await launching.AddOwnerAsync(id, http.User.RequiredMemberId(), input.MemberId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner adds a co-owner");

        api.MapDelete("/{id:guid}/owners/me", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Launching launching, CancellationToken ct) =>
            ApiResults.From(await launching.StepDownAsync(id, http.User.RequiredMemberId(), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner steps down (only oneself; the last owner stays until there is another)");

        api.MapPut("/{id:guid}/status", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, StatusInput input, HttpContext http, Launching launching, CancellationToken ct) =>
            ApiResults.From(await launching.SetStatusAsync(id, http.User.RequiredMemberId(), input.Status, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner moves the project: Idea → Active → Done / Archived");

        api.MapPost("/{id:guid}/needs/{needId:guid}/pledges", async Task<Results<Created<PledgeView>, Ok<PledgeView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, Guid needId, PledgeInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Pledging pledging, CancellationToken ct) =>
        {
            var (pledge, replayed, outcome) = await pledging.PledgeAsync(id, needId, http.User.RequiredMemberId(), input, key, ct);
            return outcome.Kind switch
            {
                OutcomeKind.Ok when replayed => TypedResults.Ok(pledge!),
                OutcomeKind.Ok => TypedResults.Created($"/api/projects/{id}/pledges/{pledge!.Id}", pledge),
                OutcomeKind.Invalid => ApiResults.Invalid(outcome.Errors!),
                OutcomeKind.Forbidden => ApiResults.Forbidden(),
                _ => ApiResults.NotFound(),
            };
        }).RequireAuthorization().WithSummary("Pledge to a need; send an Idempotency-Key header to retry safely (a repeat answers 200 with the same pledge)");

        api.MapGet("/{id:guid}/pledges", async Task<Results<Ok<Page<OwnerPledgeView>>, ProblemHttpResult>> (Guid id, int? page, int? pageSize, HttpContext http, Launching launching, ProjectDetails details, CancellationToken ct) =>
            await launching.IsOwnerAsync(id, http.User.RequiredMemberId(), ct)
                ? TypedResults.Ok(await details.PledgesAsync(id, page, pageSize, ct))
                : ApiResults.Forbidden("Only the project's owners see its pledges."))
            .RequireAuthorization().WithSummary("The project's pledges, for its owners");

        api.MapPost("/{id:guid}/pledges/{pledgeId:guid}/accept", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid pledgeId, HttpContext http, Pledging pledging, CancellationToken ct) =>
            ApiResults.From(await pledging.AcceptAsync(id, pledgeId, http.User.RequiredMemberId(), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner accepts a pledge");

        api.MapPost("/{id:guid}/pledges/{pledgeId:guid}/decline", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid pledgeId, HttpContext http, Pledging pledging, CancellationToken ct) =>
            ApiResults.From(await pledging.DeclineAsync(id, pledgeId, http.User.RequiredMemberId(), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner declines a pledge");

        api.MapPost("/{id:guid}/pledges/{pledgeId:guid}/withdraw", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid pledgeId, HttpContext http, Pledging pledging, CancellationToken ct) =>
            ApiResults.From(await pledging.WithdrawAsync(id, pledgeId, http.User.RequiredMemberId(), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("The pledger withdraws their pledge");

        api.MapPost("/{id:guid}/merge", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, MergeInput input, HttpContext http, Merging merging, CancellationToken ct) =>
            input.IntoId is not { } into
                ? ApiResults.Invalid(FieldErrors.Single("intoId", "Say which project to merge into (intoId)."))
                : ApiResults.From(await merging.MergeAsync(id, into, http.User.RequiredMemberId(), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner of both merges this project into another: needs, pledges, followers and updates move; the address redirects");

        api.MapGet("/{id:guid}/helpers", async Task<Results<Ok<IReadOnlyList<HelperMatch>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? take, HttpContext http, Helpers helpers, CancellationToken ct) =>
        {
            var (list, outcome) = await helpers.ForProjectAsync(id, http.User.RequiredMemberId(), Math.Clamp(take ?? 10, 1, 50), ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(list!));
        }).RequireAuthorization().WithSummary("People who could help: members open to being asked, ranked by the skills needed and distance (owners only)");

        api.MapPost("/{id:guid}/invitations", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, InviteInput input, HttpContext http, Helpers helpers, CancellationToken ct) =>
            ApiResults.From(await helpers.InviteAsync(id, http.User.RequiredMemberId(), input.MemberId, input.Message, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An owner asks a member for help, through the platform (no address is revealed)");

        api.MapPost("/{id:guid}/follow", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Following following, CancellationToken ct) =>
            ApiResults.From(await following.FollowAsync(id, http.User.RequiredMemberId(), true, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Follow the project: its updates come in a digest");

        api.MapDelete("/{id:guid}/follow", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Following following, CancellationToken ct) =>
            ApiResults.From(await following.FollowAsync(id, http.User.RequiredMemberId(), false, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Stop following the project");

        api.MapGet("/{id:guid}/updates", async Task<Ok<Page<UpdateView>>> (Guid id, int? page, int? pageSize, Following following, CancellationToken ct) =>
            TypedResults.Ok(await following.UpdatesAsync(id, page, pageSize, ct)))
            .WithSummary("The project's updates, newest first");

        api.MapPost("/{id:guid}/updates", async Task<Results<Created<UpdateView>, ProblemHttpResult, ValidationProblem>> (Guid id, UpdateInput input, HttpContext http, Following following, CancellationToken ct) =>
        {
            var (update, outcome) = await following.PostAsync(id, http.User.RequiredMemberId(), input.Body, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/projects/{id}/updates", update!));
        }).RequireAuthorization().WithSummary("An owner posts an update to the followers");

        app.MapGet("/api/me/projects", async Task<Ok<Page<MyProject>>> (int? page, int? pageSize, HttpContext http, MyProjects mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.ProjectsAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Me").WithSummary("Projects I own (first) or follow, with open needs and pledges waiting for an answer; paged");

        app.MapGet("/api/me/pledges", async Task<Ok<Page<MyPledge>>> (int? page, int? pageSize, HttpContext http, MyProjects mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.PledgesAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Me").WithSummary("Everything I pledged, newest first, with its status; paged");

        app.MapGet("/api/me/matches", async Task<Ok<IReadOnlyList<NeedMatch>>> (int? take, HttpContext http, Matching matching, CancellationToken ct) =>
            TypedResults.Ok(await matching.ForMemberAsync(http.User.RequiredMemberId(), Math.Clamp(take ?? 10, 1, 50), ct)))
            .RequireAuthorization().WithTags("Me").WithSummary("Projects that need me: open needs ranked by my skills, distance and urgency, with the reason");

        return app;
    }

    internal static string? Trim(string? s) => s is { Length: > 400 } ? s[..400] : s;
}
