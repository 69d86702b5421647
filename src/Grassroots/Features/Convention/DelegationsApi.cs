using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Convention;

/// <summary>The delegate allocation and the groups' delegations, under /api/assemblies.</summary>
internal static class DelegationsApi
{
    public static RouteGroupBuilder MapDelegations(this RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/allocation", async Task<Results<Ok<AllocationView>, ProblemHttpResult>> (Guid id, int? page, int? pageSize, Delegations delegations, CancellationToken ct) =>
            await delegations.AllocationAsync(id, page, pageSize, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("There is no assembly at this address."))
            .WithSummary("The published allocation of delegate seats: the rule (seats, minimum confirmed members, when counted) and each group's members, exact share and seats, most seats first");
        api.MapPost("/{id:guid}/allocation", async Task<Results<Ok<AllocationView>, ProblemHttpResult, ValidationProblem>> (Guid id, AllocationInput input, HttpContext http, Delegations delegations, CancellationToken ct) =>
        {
            var outcome = await delegations.PublishAsync(http.User, id, input, ct);
            var published = outcome.Kind == OutcomeKind.Ok ? await delegations.AllocationAsync(id, 1, null, ct) : null;
            return ApiResults.From(outcome, () => TypedResults.Ok(published!));
        }).RequireAuthorization().WithSummary("Creators, before the assembly starts: share {\"seats\": N} among the groups with at least {\"minimumMembers\": M} confirmed members, in proportion to them (largest remainder); publishing again withdraws delegates named to seats a group lost");

        api.MapGet("/{id:guid}/delegations/{groupId:guid}", async Task<Results<Ok<DelegationView>, ProblemHttpResult>> (Guid id, Guid groupId, HttpContext http, Delegations delegations, CancellationToken ct) =>
            await delegations.DelegationAsync(id, groupId, http.User, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("That group has no line in this assembly's allocation."))
            .WithSummary("A group's delegation: its seats and its delegates (the group's organizers, and whoever was named, also see namings not yet accepted)");
        api.MapPost("/{id:guid}/delegations/{groupId:guid}/delegates", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid groupId, NominationInput input, HttpContext http, Delegations delegations, CancellationToken ct) =>
            ApiResults.From(await delegations.NameAsync(http.User, id, groupId, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("The group's organizers: name a confirmed member of the group to one of its seats; they are a delegate once they accept");
        api.MapDelete("/{id:guid}/delegations/{groupId:guid}/delegates/{memberId:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid groupId, Guid memberId, HttpContext http, Delegations delegations, CancellationToken ct) =>
            ApiResults.From(await delegations.WithdrawAsync(http.User, id, groupId, memberId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("The group's organizers: withdraw a delegate; a delegate: step down");
        api.MapPost("/{id:guid}/delegate", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, DelegateAnswer input, HttpContext http, Delegations delegations, CancellationToken ct) =>
            ApiResults.From(await delegations.AnswerAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Answer being named a delegate: {\"accept\": true, \"attendance\": \"InPerson\"|\"Remote\"} (attendance when not registered yet) or {\"accept\": false}");
        return api;
    }
}
