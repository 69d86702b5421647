using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Moderation;

public static class ModerationModule
{
    public static IServiceCollection AddModerationOptions(this IServiceCollection services, IConfiguration config) =>
        services.Configure<ModerationOptions>(config.GetSection(ModerationOptions.Section));

    public static IServiceCollection AddModeration(this IServiceCollection services) => services
        .AddJuryPolicies()
        .AddScoped<Flagging>()
        .AddScoped<Juries>()
        .AddScoped<ModerationNotices>()
        .AddHostedService<JurySeats>()
        .AddScoped<IFlaggableContent, FlaggableMember>()
        .AddScoped<IPersonalData, ModerationPersonalData>();

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Moderation").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/values", () => TypedResults.Ok(CommunityValues.All)).WithSummary("The published community values, the only grounds for a flag");

        api.MapPost("/flags", async Task<Results<Created<FlagView>, ProblemHttpResult, ValidationProblem>> (FlagInput input, HttpContext http, Flagging flagging, CancellationToken ct) =>
        {
            var (flag, outcome) = await flagging.FlagAsync(http.User.RequiredMemberId(), input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/moderation/{flag!.Id}", flag));
        }).RequireAuthorization().WithSummary("Flag content against a community value");

        api.MapGet("/moderation/cases", async Task<Ok<Page<CaseView>>> (int? page, int? pageSize, Juries juries, CancellationToken ct) =>
            TypedResults.Ok(await juries.LogAsync(page, pageSize, ct)))
            .WithSummary("Moderation cases, newest first: decisions and the jurors' reasons, without their names");

        api.MapGet("/moderation/cases/{id:guid}", async Task<Results<Ok<CaseView>, ProblemHttpResult>> (Guid id, HttpContext http, Juries juries, CancellationToken ct) =>
            await juries.FindAsync(id, http.User.MemberId(), ct) is { } c ? TypedResults.Ok(c) : ApiResults.NotFound())
            .WithSummary("One case");

        api.MapPost("/moderation/cases/{id:guid}/votes", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, VoteInput input, HttpContext http, Juries juries, CancellationToken ct) =>
            ApiResults.From(await juries.VoteAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("A drawn juror votes Keep or Remove, with a reason that is published");

        api.MapPost("/moderation/cases/{id:guid}/appeal", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, AppealInput input, HttpContext http, Juries juries, CancellationToken ct) =>
            ApiResults.From(await juries.AppealAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("The author appeals a removal, once: a new jury decides");

        api.MapGet("/moderation", async Task<Ok<Page<FlagView>>> (int? page, int? pageSize, Flagging flagging, CancellationToken ct) =>
            TypedResults.Ok(await flagging.LogAsync(page, pageSize, null, ct)))
            .WithSummary("The public moderation log, newest first");
        return app;
    }
}

/// <summary>
/// A member's public profile can be flagged (e.g. an impersonation). While a jury reviews it, the
/// profile is a notice to everyone but the member and the jurors, and the member is left out of
/// "People who could help"; removed, it is a notice for good (the member can still act and appeal).
/// </summary>
internal sealed class FlaggableMember(AppDbContext db, TimeProvider clock) : IFlaggableContent
{
    public string ContentType => "member";

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var m = await db.Users.AsNoTracking().Where(u => u.Id == id && u.DeletedAt == null).SingleOrDefaultAsync(ct);
        // The member is the author: never on their own jury, and they may appeal.
        return m is null ? null : new FlagTarget(m.Id.ToString(), m.PublicName, "/members/" + m.Id, null, [m.Id]);
    }

    public async Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct)
    {
        var memberId = Guid.Parse(id);
        DateTimeOffset? hiddenAt = state == ContentModeration.Visible ? null : clock.GetUtcNow();
        await db.Users.Where(u => u.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Moderation, state).SetProperty(u => u.HiddenAt, hiddenAt), ct);
    }
}
