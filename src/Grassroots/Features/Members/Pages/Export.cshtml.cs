using System.Text.Json;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Members.Pages;

/// <summary>Downloads everything Grassroots holds about the member, as JSON (the read is audited).</summary>
[Authorize]
public sealed class ExportModel(DataExport export) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await export.ExportAsync(User.RequiredMemberId(), ct) is { } data
            ? File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", "grassroots-my-data.json")
            : NotFound();
}
