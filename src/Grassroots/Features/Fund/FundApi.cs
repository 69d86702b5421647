using Grassroots.Features.Fund.Allocation;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Monthly;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Fund;

/// <summary>The central fund over JSON: give, read one's gifts, the public totals; for treasurers, donors, refunds and the books' check.</summary>
internal static class FundApi
{
    public static IEndpointRouteBuilder MapFundApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/fund").WithTags("Fund");

        api.MapGet("", async Task<Ok<FundTotals>> (FundReports reports, CancellationToken ct) => TypedResults.Ok(await reports.TotalsAsync(ct)))
            .WithSummary("What the fund raised and what each recipient holds (no donor data)");

        api.MapPost("/gifts", async Task<Results<Created<GiftView>, Ok<GiftView>, Accepted<GiftView>, Conflict<ProblemDetails>, ProblemHttpResult, ValidationProblem>> (
            GiftInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Giving giving, CancellationToken ct) =>
        {
            var (gift, answer, outcome) = await giving.GiveAsync(http.User, input, key, ct);
            return answer switch
            {
                GiftAnswer.Charged => TypedResults.Created($"/api/fund/gifts/{gift!.Id}", gift),
                GiftAnswer.Replayed => TypedResults.Ok(gift!),
                GiftAnswer.InFlight => TypedResults.Conflict(new ProblemDetails
                {
                    Status = 409, Title = "This gift is being charged right now",
                    Detail = $"A request with this Idempotency-Key is still being charged. Read /api/fund/gifts/{gift!.Id} in a moment.",
                }),
                GiftAnswer.Pending when outcome.Errors is null => TypedResults.Accepted($"/api/fund/gifts/{gift!.Id}", gift),
                _ when outcome.Kind == OutcomeKind.Invalid => ApiResults.Invalid(outcome.Errors!),
                _ => ApiResults.NotFound(),
            };
        }).RequireAuthorization().WithSummary(
            "Give: {\"cents\": 2700, \"splits\": [{\"to\": \"fund\"}, {\"to\": candidateId, \"cents\": 900}], \"card\", \"name\", \"street\", \"city\", \"state\", \"zip\", " +
            "\"employer\", \"occupation\", \"monthly\": true (the same again every month), \"timeZone\" (IANA; the month's day is counted there)}. Without splits, all to the central fund; splits without cents share it equally. 201 charged, 200 a repeat of the same " +
            "Idempotency-Key, 202 not yet settled (the receipt follows), 400 with field errors (declined cards under \"card\")");

        api.MapGet("/gifts/{id:guid}", async Task<Results<Ok<GiftView>, ProblemHttpResult>> (Guid id, HttpContext http, FundReports reports, CancellationToken ct) =>
            await reports.GiftAsync(http.User, id, ct) is { } gift ? TypedResults.Ok(gift) : ApiResults.NotFound("There is no gift of yours at this address."))
            .RequireAuthorization().WithSummary("A gift: its donor's, or a treasurer's to read (that read is audited)");

        api.MapGet("/gifts", async Task<Results<Ok<Page<DonorGiftView>>, ProblemHttpResult, ValidationProblem>> (int? page, int? pageSize, HttpContext http, FundReports reports, CancellationToken ct) =>
        {
            var (gifts, outcome) = await reports.DonorGiftsAsync(http.User, page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(gifts!));
        }).RequireAuthorization().WithSummary("Treasurers: every gift with its donor's name, address, employer and occupation, newest first; paged; every read is audited");

        api.MapPost("/gifts/{id:guid}/refunds", async Task<Results<Ok<GiftView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, RefundInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Refunding refunding, CancellationToken ct) =>
        {
            var (gift, _, outcome) = await refunding.RefundAsync(http.User, id, input, key, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(gift!));
        }).RequireAuthorization().WithSummary("Treasurers: refund {\"cents\": N} of a charged gift (all that is left when omitted); a repeat of the same Idempotency-Key refunds once");

        api.MapGet("/books", async Task<Results<Ok<BooksCheck>, ProblemHttpResult, ValidationProblem>> (HttpContext http, FundReports reports, CancellationToken ct) =>
        {
            var (check, outcome) = await reports.CheckBooksAsync(http.User, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(check!));
        }).RequireAuthorization().WithSummary("Treasurers: the books' check, run in the database: every entry's debits equal its credits, and all of them together");

        api.MapGet("/receipts/{recipient}", async Task<Results<Ok<ReceiptsReport>, ProblemHttpResult, ValidationProblem>> (
            string recipient, Guid? before, int? pageSize, HttpContext http, ItemizedReceipts receipts, CancellationToken ct) =>
        {
            var (report, outcome) = await receipts.ReportAsync(http.User, recipient, before, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(report!));
        }).RequireAuthorization().WithSummary("Treasurers: a recipient's (\"fund\" or a candidate's id) itemized receipts, Schedule A's donors past the threshold, newest first; the next page is ?before={older}; audited");
        api.MapGet("/receipts/{recipient}/schedule-a.csv", ScheduleACsvAsync).RequireAuthorization()
            .WithSummary("Treasurers: the recipient's itemized receipts in the columns of FEC Schedule A (line 11(a)(i)), oldest first; every download audited");
        // The same file for the treasurers' page: a link the browser follows with the sign-in cookie, which /api does not read.
        app.MapGet("/fund/receipts/{recipient}/schedule-a.csv", ScheduleACsvAsync).RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit).ExcludeFromDescription();

        api.MapGet("/allocations", async Task<Ok<AllocationsView>> (int? page, int? pageSize, Allocating allocating, CancellationToken ct) =>
            TypedResults.Ok(new AllocationsView(allocating.Policy(await allocating.LastAtAsync(ct)), await allocating.ListAsync(page, pageSize, ct))))
            .WithSummary("The published allocation rule and the runs that shared out the central pool, newest first, each with every candidate's share; paged");

        api.MapPost("/allocations", async Task<Results<Created<AllocationView>, Ok<AllocationView>, ProblemHttpResult, ValidationProblem>> (
            [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Allocating allocating, CancellationToken ct) =>
        {
            var (run, replayed, outcome) = await allocating.RunNowAsync(http.User, key, ct);
            return outcome.Kind switch
            {
                OutcomeKind.Forbidden => ApiResults.Forbidden(outcome.Detail ?? ""),
                OutcomeKind.Invalid => ApiResults.Invalid(outcome.Errors!),
                OutcomeKind.Ok => replayed ? TypedResults.Ok(run!) : TypedResults.Created($"/api/fund/allocations/{run!.Number}", run!),
                _ => ApiResults.NotFound(),
            };
        }).RequireAuthorization().WithSummary("Treasurers: share out the pool now by the published rule (the schedule does it every Fund:AllocationInterval); a repeat of the same Idempotency-Key answers the run it made (200)");

        app.MapGet("/api/me/monthly-gifts", async Task<Ok<Page<MonthlyGiftView>>> (int? page, int? pageSize, HttpContext http, MonthlyGifts monthly, CancellationToken ct) =>
            TypedResults.Ok(await monthly.MineAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Fund").WithSummary("My monthly gifts (started with \"monthly\": true on a gift), active first; paged");
        app.MapPost("/api/me/monthly-gifts/{id:guid}/cancel", async Task<Results<Ok<MonthlyGiftView>, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, MonthlyGifts monthly, CancellationToken ct) =>
        {
            var (gift, outcome) = await monthly.CancelAsync(http.User.RequiredMemberId(), id, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(gift!));
        }).RequireAuthorization().WithTags("Fund").WithSummary("Stop one of my monthly gifts: no month after this is charged");

        app.MapGet("/api/me/gifts", async Task<Ok<Page<GiftView>>> (int? page, int? pageSize, HttpContext http, FundReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.MineAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Fund").WithSummary("My gifts, newest first; paged");
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> ScheduleACsvAsync(string recipient, HttpContext http, ItemizedReceipts receipts, CancellationToken ct)
    {
        var (account, outcome) = await receipts.OpenCsvAsync(http.User, recipient, ct);
        return ApiResults.From(outcome, () => TypedResults.Stream(stream => receipts.WriteCsvAsync(account!, stream, ct), "text/csv; charset=utf-8",
            $"schedule-a-{recipient}.csv"));
    }
}

public sealed record AllocationsView(AllocationPolicy Policy, Page<AllocationView> Runs);
