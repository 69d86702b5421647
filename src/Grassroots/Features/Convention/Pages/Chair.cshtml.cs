using Grassroots.Features.Members;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>What the motion form posts; options one a line.</summary>
public sealed class MotionForm
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public Guid? AgendaItemId { get; set; }
    public MotionKind Kind { get; set; }
    public string Method { get; set; } = "yes-no";
    public string? Options { get; set; }
    public int? Seats { get; set; }
    public string Threshold { get; set; } = "majority";
    public int? QuorumBallots { get; set; }
    public int? QuorumPercent { get; set; }
    public bool AllowRevote { get; set; } = true;
    public string? Document { get; set; }
    public Guid? AmendmentId { get; set; }

    public MotionInput ToInput() => new(Title, Text, Kind, Method, (Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Seats, Threshold, QuorumBallots, QuorumPercent, AllowRevote, AgendaItemId, string.IsNullOrWhiteSpace(Document) ? null : Document, null, AmendmentId);
}

/// <summary>The chairs' room: the agenda, motions, who chairs. Everything done here is in the public log.</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class ChairModel(Assemblies assemblies, Motions motions, ConventionDecisions platform, AppDbContext db, IStringLocalizer<SharedResource> l) : FormPage
{
    public AssemblyView A { get; private set; } = null!;
    public AssemblyRole Role { get; private set; }
    [BindProperty] public MotionForm Motion { get; set; } = new();
    public IReadOnlyList<(string Slug, string Title, int Version)> Documents { get; private set; } = [];
    public IReadOnlyList<AdoptableAmendment> Amendments { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Registered { get; private set; } = [];
    public IReadOnlyList<OfficerView> Asked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAgendaAsync(string slug, string? title, string? description, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var (_, outcome) = await assemblies.AddAgendaItemAsync(User, A.Id, new AgendaItemInput(title, description), ct);
        return After(outcome, l["Added to the agenda."], "Agenda.");
    }

    public async Task<IActionResult> OnPostMotionAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        if (!ModelState.IsValid && ExplainUnreadableInput(l)) return Page();
        var (m, outcome) = await motions.CreateAsync(User, A.Id, Motion.ToInput(), ct);
        if (m is null) return Refused(outcome, l, "Motion.");
        TempData["Flash"] = l["Motion {0} is written. Open voting on its page when the assembly is ready.", m.Number].Value;
        return Redirect($"/assemblies/{A.Slug}/motions/{m.Number}");
    }

    public async Task<IActionResult> OnPostAskAsync(string slug, Guid? memberId, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        return After(await assemblies.AskChairAsync(User, A.Id, new OfficerInput(memberId), ct), l["Asked. They chair once they accept, on the assembly's page."], "Chair.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, Guid memberId, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var outcome = await assemblies.RemoveChairAsync(User, A.Id, memberId, ct);
        if (outcome.Kind == OutcomeKind.Ok && memberId == User.RequiredMemberId()) { TempData["Flash"] = l["You stepped down."].Value; return Redirect($"/assemblies/{A.Slug}"); }
        return After(outcome, l["Removed."], "Chair.");
    }

    private IActionResult After(Outcome outcome, LocalizedString done, string prefix)
    {
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l, prefix);
        TempData["Flash"] = done.Value;
        return Redirect($"/assemblies/{A.Slug}/chair");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await assemblies.ReadAsync(slug, User, ct) is not { } a) return NotFound();
        if (a.Me?.Role is not { } role) return Forbid();
        (A, Role) = (a, role);
        Documents = await platform.DocumentsAsync(a.Id, ct);
        Amendments = await platform.OnBallotAsync(a.Id, ct);
        var officers = db.AssemblyOfficers.Where(o => o.AssemblyId == a.Id).Select(o => o.MemberId);
        Registered = (await db.AssemblyRegistrations.AsNoTracking().Where(r => r.AssemblyId == a.Id && !officers.Contains(r.MemberId))
                .Join(db.Users, r => r.MemberId, u => u.Id, (r, u) => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation, u.EmailConfirmed })
                .Where(u => u.DeletedAt == null && u.EmailConfirmed).OrderBy(u => u.DisplayName).Take(200).ToListAsync(ct))
            .Select(u => (u.Id, MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation))).ToList();
        Asked = (await db.AssemblyOfficers.AsNoTracking().Where(o => o.AssemblyId == a.Id && o.AcceptedAt == null)
                .Join(db.Users, o => o.MemberId, u => u.Id, (o, u) => new { o.MemberId, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct))
            .Select(o => new OfficerView(o.MemberId, MemberNames.Public(o.DisplayName, o.ShowFullName, o.DeletedAt, o.Moderation), AssemblyRole.Chair, false)).ToList();
        return null;
    }
}
