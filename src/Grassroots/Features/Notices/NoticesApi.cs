using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Notices;

/// <summary>Which notices to mark read: the ids given, or all of mine when none are.</summary>
public sealed record MarkReadInput(Guid[]? Ids);

public sealed record MarkedView(int Marked);

/// <summary>The delivery of each kind: kind name → "AtOnce", "Digest" or "Never".</summary>
public sealed record NoticeSettingsInput(Dictionary<string, string?>? Settings);

public sealed record NoticeSettingApiView(string Kind, string Delivery, string Default)
{
    public static NoticeSettingApiView Of(NoticeSettingView s) => new(s.Kind.ToString(), s.Delivery.ToString(), s.Default.ToString());
}

public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me/notices").WithTags("Notices").RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async Task<Ok<Page<NoticeView>>> (int? page, int? pageSize, HttpContext http, Inbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.ListAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .WithSummary("My notices, unread first, then newest; paged, in my language");

        api.MapPost("/read", async Task<Ok<MarkedView>> (MarkReadInput? input, HttpContext http, Inbox inbox, CancellationToken ct) =>
            TypedResults.Ok(new MarkedView(await inbox.MarkReadAsync(http.User.RequiredMemberId(), input?.Ids, ct))))
            .WithSummary("Mark my notices read: the ids given, or all when none are (others' ids change nothing)");

        api.MapGet("/settings", async Task<Ok<List<NoticeSettingApiView>>> (HttpContext http, Inbox inbox, CancellationToken ct) =>
            TypedResults.Ok((await inbox.SettingsAsync(http.User.RequiredMemberId(), ct)).Select(NoticeSettingApiView.Of).ToList()))
            .WithSummary("How I hear of each kind of notice: AtOnce (email and notice), Digest (one email a day) or Never (on the site only)");

        api.MapPut("/settings", async Task<Results<Ok<List<NoticeSettingApiView>>, ValidationProblem>> (NoticeSettingsInput input, HttpContext http, Inbox inbox, CancellationToken ct) =>
        {
            var errors = inbox.Parse(input.Settings, out var parsed);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            var me = http.User.RequiredMemberId();
            await inbox.SetAsync(me, parsed, ct);
            return TypedResults.Ok((await inbox.SettingsAsync(me, ct)).Select(NoticeSettingApiView.Of).ToList());
        }).WithSummary("Choose how to hear of some kinds of notice: { \"settings\": { \"PledgeReceived\": \"Digest\" } }");
        return app;
    }
}
