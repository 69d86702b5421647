using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>The facilitators' room: merge, phases, switches, who facilitates.</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class FacilitateModel(Drafting drafting, Facilitating facilitating, AppDbContext db, IStringLocalizer<SharedResource> l) : FormPage
{
    public DocumentView Doc { get; private set; } = null!;
    public IReadOnlyList<Amendment> Accepted { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Candidates { get; private set; } = [];
    public IReadOnlyList<FacilitatorView> Invited { get; private set; } = [];
    /// <summary>The assembly named to ratify the document (its address and name), if any.</summary>
    public (string Slug, string Name)? Convention { get; private set; }
    public Guid Me => User.RequiredMemberId();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostMergeAsync(string slug, int[]? numbers, string? note, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var (version, outcome) = await facilitating.MergeAsync(User, Doc.Id, new MergeInput(numbers ?? [], note), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = l["Version {0} is made.", version!.Value].Value;
        return Redirect($"/platform/{Doc.Slug}");
    }

    public async Task<IActionResult> OnPostPhaseAsync(string slug, PlatformPhase phase, DateOnly? endsOn, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await facilitating.SetPhaseAsync(User, Doc.Id,
            new PhaseInput(phase, endsOn is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero) : null), ct));

    public async Task<IActionResult> OnPostSwitchesAsync(string slug, bool amendmentsOpen, bool cosigningOpen, bool commentsOpen, int? ballotPerMille, int? ballotMinimum, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        if (!ModelState.IsValid && ExplainUnreadableInput(l)) return Page();
        // A frozen document's switches stay off: the unticked boxes say nothing new.
        var frozen = !PlatformRules.MayOpenAmendments(Doc.Phase.Phase);
        return After(await facilitating.SetSwitchesAsync(User, Doc.Id,
            new SwitchesInput(frozen && !amendmentsOpen ? null : amendmentsOpen, frozen && !cosigningOpen ? null : cosigningOpen, commentsOpen, ballotPerMille, ballotMinimum), ct));
    }

    public async Task<IActionResult> OnPostConventionAsync(string slug, string? assembly, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await facilitating.SetConventionAsync(User, Doc.Id, new ConventionInput(assembly), ct),
            l["Saved. Only that assembly's motions may ratify this document or adopt its amendments."]);

    public async Task<IActionResult> OnPostNameAsync(string slug, Guid memberId, DocumentRole role, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await facilitating.NameAsync(User, Doc.Id, new FacilitatorInput(memberId, role), ct),
            l["Asked. They facilitate once they accept, on the document's page."]);

    public async Task<IActionResult> OnPostRemoveAsync(string slug, Guid memberId, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var outcome = await facilitating.RemoveAsync(User, Doc.Id, memberId, ct);
        if (outcome.Kind == OutcomeKind.Ok && memberId == Me) { TempData["Flash"] = l["You stepped down."].Value; return Redirect($"/platform/{Doc.Slug}"); }
        return After(outcome);
    }

    private IActionResult After(Outcome outcome, LocalizedString? done = null)
    {
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l);
        TempData["Flash"] = (done ?? l["Saved."]).Value;
        return Redirect($"/platform/{Doc.Slug}/facilitate");
    }

    /// <summary>The page exists for the document's facilitators only.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await drafting.ReadAsync(slug, null, User, ct) is not { IFacilitate: true } doc) return NotFound();
        Doc = doc;
        Accepted = await db.Amendments.AsNoTracking().Where(a => a.DocumentId == doc.Id && a.Status == AmendmentStatus.Accepted).OrderBy(a => a.Number).Take(200).ToListAsync(ct);
        if (doc.ICreated) Candidates = await drafting.ParticipantsAsync(doc.Id, ct);
        Invited = await drafting.InvitedAsync(doc.Id, ct);
        var convention = await db.PlatformDocuments.Where(d => d.Id == doc.Id).Select(d => d.ConventionId).SingleAsync(ct);
        Convention = convention is { } c ? await db.Assemblies.Where(a => a.Id == c).Select(a => new { a.Slug, a.Name }).SingleOrDefaultAsync(ct) is { } a ? (a.Slug, a.Name) : null : null;
        return null;
    }
}
