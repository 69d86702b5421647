using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Moderation;

public static class ModerationModule
{
    public static IServiceCollection AddModeration(this IServiceCollection services) => services
        .AddScoped<Flagging>()
        .AddScoped<IFlaggableContent, FlaggableMember>();

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Moderation").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/values", () => TypedResults.Ok(CommunityValues.All)).WithSummary("The published community values, the only grounds for a flag");

        api.MapPost("/flags", async Task<Results<Created<FlagView>, ProblemHttpResult, ValidationProblem>> (FlagInput input, HttpContext http, Flagging flagging, CancellationToken ct) =>
        {
            var (flag, outcome) = await flagging.FlagAsync(http.User.RequiredMemberId(), input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/moderation/{flag!.Id}", flag));
        }).RequireAuthorization().WithSummary("Flag content against a community value");

        api.MapGet("/moderation", async Task<Ok<Page<FlagView>>> (int? page, int? pageSize, Flagging flagging, CancellationToken ct) =>
            TypedResults.Ok(await flagging.LogAsync(page, pageSize, null, ct)))
            .WithSummary("The public moderation log, newest first");
        return app;
    }
}

/// <summary>A member's public profile can be flagged (e.g. an impersonation).</summary>
internal sealed class FlaggableMember(AppDbContext db) : IFlaggableContent
{
    public string ContentType => "member";

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var m = await db.Users.AsNoTracking().Where(u => u.Id == id && u.DeletedAt == null).SingleOrDefaultAsync(ct);
        return m is null ? null : new FlagTarget(m.PublicName, "/members/" + m.Id, null);
    }
}
