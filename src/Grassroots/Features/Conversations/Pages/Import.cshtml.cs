using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Conversations.Pages;

/// <summary>
/// Import a conversation from Pol.is' export files (?document=slug: onto a platform document its facilitators run).
/// "Check the files" reads them and shows what they hold without saving; "Import" saves, or shows the first
/// thing wrong (file, line, column) and saves nothing.
/// </summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.UploadLimit)]
[RequestSizeLimit(ConversationsOptions.PageUploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = ConversationsOptions.PageUploadLimit)]
public sealed class ImportModel(PolisImport import, Drafting drafting, IStringLocalizer<SharedResource> l) : FormPage
{
    public PlatformDocument? Document { get; private set; }
    public string? Topic { get; private set; }
    /// <summary>What the checked files hold (a check, not an import).</summary>
    public PolisImportSummary? Checked { get; private set; }
    public long MaxMegabytes => import.MaxUploadBytes / 1024 / 1024;

    public async Task<IActionResult> OnGetAsync(string? document, CancellationToken ct)
    {
        Document = document is null ? null : await drafting.FindAsync(document, ct);
        return document is not null && Document is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostCheckAsync(CancellationToken ct) => PostAsync(save: false, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PostAsync(save: true, ct);

    private async Task<IActionResult> PostAsync(bool save, CancellationToken ct)
    {
        var upload = await PolisUpload.ReadAsync(HttpContext, import, ct);
        Topic = upload.Input.Topic;
        Document = upload.Input.DocumentId is { } id ? await drafting.FindAsync(id.ToString(), ct) : null;
        ModelState.Clear();
        if (upload.Conversation is not { } data) return Failed(upload.Errors);
        if (!save)
        {
            Checked = PolisImport.Summarize(data);
            return Page();
        }
        var (c, outcome) = await import.ImportAsync(User, upload.Input, data, null, ct);
        if (c is null) return Refused(outcome, l);
        TempData["Flash"] = l["Imported. The opinion map appears in a few seconds."].Value;
        return Redirect($"/conversations/{c.Slug}");
    }

    private PageResult Failed(IReadOnlyList<PolisImportError> errors)
    {
        foreach (var e in errors) ModelState.AddModelError(e.Field, e.Message);
        return Page();
    }
}
