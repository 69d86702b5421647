using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>Start a document from Markdown or a .docx: preview the split first, then create.</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
[RequestSizeLimit(PlatformImport.MaxDocxBytes + 2 * PlatformImport.MaxMarkdownLength)]
[RequestFormLimits(MultipartBodyLengthLimit = PlatformImport.MaxDocxBytes + 2 * PlatformImport.MaxMarkdownLength, ValueLengthLimit = 4 * PlatformImport.MaxMarkdownLength)]
public sealed class NewModel(Drafting drafting, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public ParsedPlatform? Parsed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await ReadFileAsync(ct)) return Page();
        var (parsed, errors) = drafting.Preview(new DocumentInput(Title, null, Text));
        if (errors.IsEmpty) Parsed = parsed;
        else errors.CopyTo(ModelState);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await ReadFileAsync(ct)) return Page();
        var (doc, outcome) = await drafting.CreateAsync(User, new DocumentInput(Title, null, Text), ct);
        if (doc is null) return Refused(outcome, l);
        TempData["Flash"] = l["Your document is up. Name facilitators, then invite people to amend it."].Value;
        return Redirect($"/platform/{doc.Slug}");
    }

    /// <summary>An uploaded .docx replaces the text with its Markdown (the preview shows it, to edit before creating).</summary>
    private async Task<bool> ReadFileAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 } file) return true;
        if (file.Length > PlatformImport.MaxDocxBytes)
        {
            ModelState.AddModelError("file", l["The file is larger than {0} MB.", PlatformImport.MaxDocxBytes / 1024 / 1024]);
            return false;
        }
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        if (PlatformImport.DocxToMarkdown(stream) is not { } markdown)
        {
            ModelState.AddModelError("file", l["This is not a Word document (.docx) we can read. Save it as .docx, or paste the text as Markdown."]);
            return false;
        }
        Text = markdown;
        ModelState.Remove(nameof(Text));
        return true;
    }
}
