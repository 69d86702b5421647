using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit);

        me.MapGet("/", async Task<Results<Ok<ProfileView>, ProblemHttpResult>> (HttpContext http, UserManager<Member> users) =>
            await users.GetUserAsync(http.User) is { DeletedAt: null } m ? TypedResults.Ok(ProfileView.Of(m)) : ApiResults.NotFound())
            .WithSummary("My profile, as I see it");

        me.MapPut("/", async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> (
            ProfileInput input, HttpContext http, UserManager<Member> users, ZipCodes zips, IStringLocalizer<SharedResource> l) =>
        {
            if (await users.GetUserAsync(http.User) is not { DeletedAt: null } m) return ApiResults.NotFound();
            var errors = Profile.Apply(m, input, zips, l);
            if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
            await users.UpdateAsync(m);
            return TypedResults.Ok(ProfileView.Of(m));
        }).WithSummary("Change my profile and what of it is public");

        me.MapGet("/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (HttpContext http, DataExport export, CancellationToken ct) =>
            await export.ExportAsync(http.User.RequiredMemberId(), ct) is { } data
                ? TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, ExportJson), "application/json", "grassroots-my-data.json")
                : ApiResults.NotFound())
            .WithSummary("Download everything Grassroots holds about me (JSON)");

        me.MapDelete("/", async Task<NoContent> (HttpContext http, AccountDeletion deletion, SignInManager<Member> signIn, CancellationToken ct) =>
        {
            await deletion.DeleteAsync(http.User.RequiredMemberId(), ct);
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).WithSummary("Delete my account: personal data erased, contributions anonymized");

        app.MapGet("/api/members/{id:guid}", async Task<Results<Ok<PublicMemberView>, ProblemHttpResult>> (Guid id, HttpContext http, UserManager<Member> users,
            Moderation.ModerationNotices notices, CancellationToken ct) =>
        {
            if (await users.FindByIdAsync(id.ToString()) is not { } m) return ApiResults.NotFound();
            var viewer = http.User.MemberId();
            var notice = await notices.ForViewerAsync("member", m.Id.ToString(), m.Moderation, viewer == m.Id, viewer, ct);
            return notice.ShowContent ? TypedResults.Ok(PublicMemberView.Of(m)) : notices.Problem(notice);
        }).WithTags("Members").WithSummary("A member's public profile (first name and city unless they show more; 403 while a community jury reviews it, 410 once it removed it)");

        app.MapGet("/api/catalog", () => TypedResults.Ok(new { skills = Catalog.Skills.Keys, issues = Catalog.Issues.Keys, availability = Catalog.Availability.Keys }))
            .WithTags("Members").WithSummary("The skills, issues and availability keys a profile may use");
        return app;
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };
}
