using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform;

public sealed record DocxPreview(string Markdown, ParsedPlatform Parsed);
public sealed record MergedVersion(int Version);

public static class PlatformApi
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/platform").WithTags("Platform").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async (int? page, int? pageSize, Drafting drafting, CancellationToken ct) => TypedResults.Ok(await drafting.ListAsync(page, pageSize, ct)))
            .WithSummary("Platform documents, newest first");

        api.MapPost("/", async Task<Results<Created<DocumentView>, ProblemHttpResult, ValidationProblem>> (DocumentInput input, HttpContext http, Drafting drafting, CancellationToken ct) =>
        {
            var (doc, outcome) = await drafting.CreateAsync(http.User, input, ct);
            if (doc is null) return ApiResults.From(outcome, () => TypedResults.Created("", (DocumentView)null!));
            return TypedResults.Created($"/api/platform/{doc.Slug}", (await drafting.ReadAsync(doc.Id.ToString(), null, http.User, ct))!);
        }).RequireAuthorization().WithSummary("Start a document from its Markdown text (\"## Section\", \"### Plank\"): version 1, you its creator; no approval");

        api.MapPost("/preview", Results<Ok<ParsedPlatform>, ValidationProblem> (DocumentInput input, Drafting drafting) =>
        {
            var (parsed, errors) = drafting.Preview(input);
            return errors.IsEmpty ? TypedResults.Ok(parsed!) : ApiResults.Invalid(errors);
        }).RequireAuthorization().WithSummary("Split a text into sections and planks without saving anything");

        api.MapPost("/preview/docx", async Task<Results<Ok<DocxPreview>, ValidationProblem>> (IFormFile file, Drafting drafting, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (file.Length > PlatformImport.MaxDocxBytes) return ApiResults.Invalid(FieldErrors.Single("file", l["The file is larger than {0} MB.", PlatformImport.MaxDocxBytes / 1024 / 1024]));
            await using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            stream.Position = 0;
            if (PlatformImport.DocxToMarkdown(stream) is not { } markdown) return ApiResults.Invalid(FieldErrors.Single("file", l["This is not a Word document (.docx) we can read. Save it as .docx, or paste the text as Markdown."]));
            var (parsed, errors) = drafting.Preview(new DocumentInput(null, null, markdown));
            return errors.IsEmpty ? TypedResults.Ok(new DocxPreview(markdown, parsed!)) : ApiResults.Invalid(errors);
        }).RequireAuthorization().DisableAntiforgery().RequireRateLimiting(ServiceDefaults.UploadLimit).WithSummary("Read a Word .docx into Markdown and split it, without saving anything (multipart field \"file\")");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<DocumentView>, ProblemHttpResult>> (string idOrSlug, int? version, HttpContext http, Drafting drafting, PlatformModeration moderation, CancellationToken ct) =>
        {
            if (await drafting.FindAsync(idOrSlug, ct, hidden: true) is not { } doc) return ApiResults.NotFound("There is no platform document at this address.");
            if (await moderation.ForDocumentAsync(doc.Id, doc.Moderation, http.User, ct) is { ShowContent: false } notice) return moderation.Problem(notice);
            return await drafting.ReadAsync(doc.Id.ToString(), version, http.User, ct, hidden: true) is { } d ? TypedResults.Ok(d)
                : ApiResults.NotFound($"There is no version {version} of this document.");
        }).WithSummary("A document at its current version, or ?version=N (403 while a community jury reviews it, 410 once it removed it, except for its facilitators)");

        api.MapGet("/{idOrSlug}/versions", async Task<Results<Ok<Page<VersionSummary>>, ProblemHttpResult>> (string idOrSlug, int? page, int? pageSize, Drafting drafting, CancellationToken ct) =>
            await drafting.FindAsync(idOrSlug, ct) is { } d ? TypedResults.Ok(await drafting.VersionsAsync(d.Id, page, pageSize, ct)) : ApiResults.NotFound())
            .WithSummary("The document's versions, newest first");

        api.MapGet("/{idOrSlug}/log", async Task<Results<Ok<Page<LogEntry>>, ProblemHttpResult>> (string idOrSlug, int? page, int? pageSize, Drafting drafting, CancellationToken ct) =>
            await drafting.FindAsync(idOrSlug, ct) is { } d ? TypedResults.Ok(await drafting.LogAsync(d.Id, page, pageSize, ct)) : ApiResults.NotFound())
            .WithSummary("The facilitators' public log, newest first");

        api.MapGet("/{idOrSlug}/compare", async Task<Results<Ok<VersionComparison>, ProblemHttpResult>> (string idOrSlug, int from, int to, Drafting drafting, CancellationToken ct) =>
        {
            if (await drafting.FindAsync(idOrSlug, ct) is not { } d) return ApiResults.NotFound();
            return await drafting.CompareAsync(d.Id, from, to, ct) is { } c ? TypedResults.Ok(c)
                : ApiResults.NotFound($"This document has versions 1 to {d.CurrentVersion}: compare two of those.");
        }).WithSummary("Two versions plank by plank, with word diffs");

        api.MapGet("/{idOrSlug}/versions/{version:int}/export", async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int version, string? format, HttpContext http, Drafting drafting, CancellationToken ct) =>
        {
            if (format is not (null or "md" or "html")) return ApiResults.Invalid(FieldErrors.Single("format", "Ask for format=md or format=html."));
            if (await drafting.ReadAsync(idOrSlug, version, http.User, ct) is not { } d) return ApiResults.NotFound($"There is no version {version} of this document.");
            var html = format == "html";
            var body = html ? drafting.ToHtml(d) : Drafting.ToMarkdown(d);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(body), html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8", $"{d.Slug}-v{d.Version}.{(html ? "html" : "md")}");
        }).WithSummary("A version as Markdown (format=md, the importer reads it back) or a standalone HTML page (format=html)");

        // Facilitators.
        api.MapPut("/{id:guid}/phase", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, PhaseInput input, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.SetPhaseAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Facilitators: move to a later phase (switches reset to its defaults) or set the planned end of this one");
        api.MapPut("/{id:guid}/settings", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, SwitchesInput input, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.SetSwitchesAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Facilitators: switch amendments, co-signing and comments for this phase; the ballot threshold");
        api.MapPut("/{id:guid}/convention", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, ConventionInput input, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.SetConventionAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Creators: name the assembly (its address or id; null for none) whose motions may ratify this document and adopt its amendments");
        api.MapPost("/{id:guid}/facilitators", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, FacilitatorInput input, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.NameAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Creators: ask a member to facilitate (or co-create); the role is theirs when they accept. Or change a facilitator's role");
        api.MapGet("/{id:guid}/facilitators/invited", async Task<Results<Ok<IReadOnlyList<FacilitatorView>>, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Access access, Drafting drafting, CancellationToken ct) =>
        {
            var allowed = await access.CheckAsync(http.User, new DocumentResource(id), PlatformPolicies.Facilitate);
            var invited = allowed.Kind == OutcomeKind.Ok ? await drafting.InvitedAsync(id, ct) : [];
            return ApiResults.From(allowed, () => TypedResults.Ok(invited));
        }).RequireAuthorization().WithSummary("Facilitators: members asked to facilitate who have not answered");
        api.MapPost("/{id:guid}/facilitators/me/accept", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.AnswerAsync(http.User, id, accept: true, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Accept an invitation to facilitate: your name goes on the document and in its log");
        api.MapPost("/{id:guid}/facilitators/me/decline", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.AnswerAsync(http.User, id, accept: false, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Decline an invitation to facilitate");
        api.MapDelete("/{id:guid}/facilitators/{memberId:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid memberId, HttpContext http, Facilitating f, CancellationToken ct) =>
            ApiResults.From(await f.RemoveAsync(http.User, id, memberId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Creators remove a facilitator or take back an invitation; a facilitator steps down");
        api.MapPost("/{id:guid}/merge", async Task<Results<Created<MergedVersion>, ProblemHttpResult, ValidationProblem>> (Guid id, MergeInput input, HttpContext http, Facilitating f, CancellationToken ct) =>
        {
            var (version, outcome) = await f.MergeAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/platform/{id}?version={version}", new MergedVersion(version!.Value)));
        }).RequireAuthorization().WithSummary("Facilitators: merge accepted amendments into a new version");

        // Amendments.
        api.MapGet("/{idOrSlug}/amendments", async Task<Results<Ok<Page<AmendmentSummary>>, ProblemHttpResult>> (string idOrSlug, AmendmentStatus? status, Guid? plank, int? page, int? pageSize, Drafting drafting, Amending amending, CancellationToken ct) =>
            await drafting.FindAsync(idOrSlug, ct) is { } d ? TypedResults.Ok(await amending.ListAsync(d.Id, status, plank, page, pageSize, ct)) : ApiResults.NotFound())
            .WithSummary("Amendments (those on the ballot first, then by co-signers), with the numbers of live amendments each conflicts with");

        api.MapPost("/{idOrSlug}/amendments", async Task<Results<Created<AmendmentView>, ProblemHttpResult, ValidationProblem>> (
            string idOrSlug, AmendmentInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Drafting drafting, Amending amending, CancellationToken ct) =>
        {
            if (await drafting.FindAsync(idOrSlug, ct) is not { } d) return ApiResults.NotFound();
            var (a, outcome) = await amending.ProposeAsync(http.User, d.Id, input, ct, key);
            if (a is null) return ApiResults.From(outcome, () => TypedResults.Created("", (AmendmentView)null!));
            return TypedResults.Created($"/api/platform/{d.Slug}/amendments/{a.Number}", (await amending.ReadAsync(a.Id, null, http.User, ct))!);
        }).RequireAuthorization().WithSummary("Propose an amendment to a plank of the current version (kind Change, AddPlank or RemovePlank); idempotent with an Idempotency-Key");

        api.MapGet("/{idOrSlug}/amendments/{number:int}", async Task<Results<Ok<AmendmentView>, ProblemHttpResult>> (string idOrSlug, int number, int? revision, HttpContext http, Drafting drafting, Amending amending, PlatformModeration moderation, CancellationToken ct) =>
        {
            if (await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is not { } a) return ApiResults.NotFound("There is no such amendment on this document.");
            if (await moderation.ForAmendmentAsync(a, http.User, ct) is { ShowContent: false } notice) return moderation.Problem(notice);
            return await amending.ReadAsync(a.Id, revision, http.User, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("There is no such amendment on this document.");
        }).WithSummary("One amendment: its diff (of ?revision=N), revisions, co-signers, conflicts (403 while a community jury reviews it, 410 once it removed it, except for its author)");

        api.MapPost("/{idOrSlug}/amendments/{number:int}/revisions", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, RevisionInput input, HttpContext http, Drafting drafting, Amending amending, CancellationToken ct) =>
            await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is { } a ? ApiResults.From(await amending.ReviseAsync(http.User, a.Id, input, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("The author revises (onto the current version); co-signers are told");

        api.MapPost("/{idOrSlug}/amendments/{number:int}/withdraw", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, HttpContext http, Drafting drafting, Amending amending, CancellationToken ct) =>
            await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is { } a ? ApiResults.From(await amending.WithdrawAsync(http.User, a.Id, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("The author withdraws an undecided amendment");

        api.MapPut("/{idOrSlug}/amendments/{number:int}/cosign", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, HttpContext http, Drafting drafting, Amending amending, CancellationToken ct) =>
            await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is { } a ? ApiResults.From(await amending.CosignAsync(http.User, a.Id, true, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("Co-sign (once per member: repeating is harmless)");

        api.MapDelete("/{idOrSlug}/amendments/{number:int}/cosign", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, HttpContext http, Drafting drafting, Amending amending, CancellationToken ct) =>
            await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is { } a ? ApiResults.From(await amending.CosignAsync(http.User, a.Id, false, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("Withdraw your signature");

        api.MapPost("/{idOrSlug}/amendments/{number:int}/decision", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, DecisionInput input, HttpContext http, Drafting drafting, Amending amending, Facilitating f, CancellationToken ct) =>
            await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is { } a ? ApiResults.From(await f.DecideAsync(http.User, a.Id, input, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("Facilitators accept an amendment (to merge) or reject it with a reason");

        api.MapGet("/{idOrSlug}/amendments/{number:int}/comments", async Task<Results<Ok<Page<CommentView>>, ProblemHttpResult>> (string idOrSlug, int number, int? page, int? pageSize, HttpContext http, Drafting drafting, Amending amending, PlatformModeration moderation, CancellationToken ct) =>
        {
            if (await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is not { } a) return ApiResults.NotFound();
            if (await moderation.ForAmendmentAsync(a, http.User, ct) is { ShowContent: false } notice) return moderation.Problem(notice);
            return TypedResults.Ok(await amending.CommentsAsync(a.Id, http.User, page, pageSize, ct));
        }).WithSummary("Comment threads, oldest first, each with its answers (a comment a community jury reviews or removed is withheld: no words, its case)");

        api.MapPost("/{idOrSlug}/amendments/{number:int}/comments", async Task<Results<Created<CommentCreated>, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, CommentInput input, HttpContext http, Drafting drafting, Amending amending, CancellationToken ct) =>
        {
            if (await AmendmentAsync(idOrSlug, number, drafting, amending, ct) is not { } a) return ApiResults.NotFound();
            var (id, outcome) = await amending.CommentAsync(http.User, a.Id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/platform/{idOrSlug}/amendments/{number}/comments", new CommentCreated(id!.Value)));
        }).RequireAuthorization().WithSummary("Comment (parentId answers a comment: threads are one level deep)");

        api.MapDelete("/comments/{id:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Amending amending, CancellationToken ct) =>
            ApiResults.From(await amending.DeleteCommentAsync(http.User, id, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Delete your comment (its thread stays)");
        return app;
    }

    private static async Task<Amendment?> AmendmentAsync(string idOrSlug, int number, Drafting drafting, Amending amending, CancellationToken ct) =>
        await drafting.FindAsync(idOrSlug, ct) is { } d ? await amending.FindAsync(d.Id, number, ct) : null;
}

public sealed record CommentCreated(Guid Id);
