using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Convention.Pages;

/// <summary>A motion's bulletin board: every entry in order, a tracker looked up; choices once voting closed.</summary>
public sealed class BoardModel(Assemblies assemblies, Motions motions) : PageModel
{
    public Assembly A { get; private set; } = null!;
    public Motion M { get; private set; } = null!;
    public Page<BoardEntryView> Board { get; private set; } = null!;
    public IReadOnlyList<string> Options { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Tracker { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, int number, int? page, CancellationToken ct)
    {
        if (await assemblies.FindAsync(slug, ct) is not { } a || await motions.FindAsync(a.Id, number, ct) is not { } m) return NotFound();
        (A, M) = (a, m);
        Board = await motions.BoardAsync(m, page, 50, Tracker, ct);
        if (m.Method != Grassroots.Ballots.Counting.MotionMethod.YesNo) Options = (await motions.RulesAsync(m, ct)).Options;
        return Page();
    }

    public string PageLink(int page) => $"?page={page}" + (string.IsNullOrWhiteSpace(Tracker) ? "" : $"&tracker={Uri.EscapeDataString(Tracker)}");
}
