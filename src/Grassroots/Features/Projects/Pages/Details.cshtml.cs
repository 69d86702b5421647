using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

public sealed class DetailsModel(ProjectDetails details, Launching launching, Pledging pledging, Similarity similarity, Following following,
    Moderation.Juries juries, Merging merging, Helpers helpers, Grassroots.Infrastructure.Data.AppDbContext db, IStringLocalizer<SharedResource> l) : FormPage
{
    public Page<UpdateView> Updates { get; private set; } = null!;
    public bool Following { get; private set; }
    public ProjectView Project { get; private set; } = null!;
    public Page<OwnerPledgeView>? Pledges { get; private set; }
    public IReadOnlyList<SimilarProject> Similar { get; private set; } = [];
    public NeedForm NewNeed { get; private set; } = new();
    public string NeedPrefix => "need";

    /// <summary>Set when the project is hidden and the viewer is neither an owner nor one of its jurors.</summary>
    public bool ShowOnlyNotice { get; private set; }
    public Guid? JuryCaseId { get; private set; }

    public IReadOnlyList<(Guid Id, string Title)> MergeTargets { get; private set; } = [];
    public IReadOnlyList<HelperMatch> HelperList { get; private set; } = [];
    /// <summary>For owners: followers (pledgers follow too) who could be made co-owners, earliest first.</summary>
    public IReadOnlyList<(Guid Id, string Name)> OwnerCandidates { get; private set; } = [];

    public Task<IActionResult> OnPostInviteAsync(string slug, Guid memberId, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await helpers.InviteAsync(p.Id, me, memberId, null, ct), l["Your request is on its way."]));

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await merging.RedirectForAsync(slug, ct) is { } moved ? RedirectPermanent($"/projects/{moved}")
        : await LoadAsync(slug, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostMergeAsync(string slug, Guid? intoId, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (intoId is { } into ? await merging.MergeAsync(p.Id, into, me, ct)
            : Outcome.Invalid("intoId", l["Choose the project to merge into."]), l["The projects are merged; this address now leads here."]));

    public Task<IActionResult> OnPostPledgeAsync(string slug, Guid needId, decimal? amount, string? note, string? key, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) =>
        {
            var need = p.Needs.FirstOrDefault(n => n.Id == needId);
            long? units = amount is null || need is null ? null : need.Kind == NeedKind.Money ? (long)Math.Round(amount.Value * 100) : (long)Math.Round(amount.Value);
            var (_, _, outcome) = await pledging.PledgeAsync(p.Id, needId, me, new PledgeInput(units, note), key, ct);
            return (outcome, l["Thank you! Your pledge is recorded."]);
        });

    public Task<IActionResult> OnPostWithdrawAsync(string slug, Guid pledgeId, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await pledging.WithdrawAsync(p.Id, pledgeId, me, ct), l["Your pledge is withdrawn."]));

    public Task<IActionResult> OnPostAcceptAsync(string slug, Guid pledgeId, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await pledging.AcceptAsync(p.Id, pledgeId, me, ct), l["The pledge is accepted."]));

    public Task<IActionResult> OnPostDeclineAsync(string slug, Guid pledgeId, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await pledging.DeclineAsync(p.Id, pledgeId, me, ct), l["The pledge is declined."]));

    public Task<IActionResult> OnPostOwnerAsync(string slug, Guid? memberId, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (memberId is { } id ? await launching.AddOwnerAsync(p.Id, me, id, ct)
            : Outcome.Invalid("memberId", l["Choose who to make a co-owner."]), l["They are a co-owner now."]));

    public Task<IActionResult> OnPostNeedOpenAsync(string slug, Guid needId, bool open, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await launching.SetNeedClosedAsync(p.Id, needId, me, !open, ct), open ? l["The need is open again."] : l["The need is closed."]));

    public Task<IActionResult> OnPostStepDownAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await launching.StepDownAsync(p.Id, me, ct), l["You are no longer an owner of this project."]));

    public Task<IActionResult> OnPostStatusAsync(string slug, ProjectStatus? status, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await launching.SetStatusAsync(p.Id, me, status, ct), l["The status is changed."]));

    public Task<IActionResult> OnPostAddNeedAsync(string slug, [FromForm(Name = "need")] NeedForm need, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) =>
        {
            NewNeed = need;
            var (_, outcome) = await launching.AddNeedAsync(p.Id, me, need.ToInput(), ct);
            return (outcome, l["The need is added."]);
        });

    public Task<IActionResult> OnPostFollowAsync(string slug, bool follow, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => (await following.FollowAsync(p.Id, me, follow, ct),
            follow ? l["You follow this project: its updates come in your digest."] : l["You no longer follow this project."]));

    public Task<IActionResult> OnPostPostUpdateAsync(string slug, string? body, CancellationToken ct) =>
        ActAsync(slug, ct, async (me, p) => ((await following.PostAsync(p.Id, me, body, ct)).Outcome, l["The update is posted; followers get it in their digest."]));

    /// <summary>Runs one action for the signed-in member, then shows the page again (with errors) or redirects (after success).</summary>
    private async Task<IActionResult> ActAsync(string slug, CancellationToken ct, Func<Guid, ProjectView, Task<(Outcome, LocalizedString)>> act)
    {
        if (User.MemberId() is not { } me) return Challenge();
        if (!await LoadAsync(slug, ct)) return NotFound();
        ModelState.Clear(); // numbers the browser could not parse reach the rules as missing, which say what to fix
        var (outcome, done) = await act(me, Project);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Invalid:
                outcome.Errors!.CopyTo(ModelState, NeedPrefix);
                await LoadAsync(slug, ct);
                return Page();
        }
        TempData["Flash"] = done.Value;
        return Redirect($"/projects/{await merging.RedirectForAsync(Project.Slug, ct) ?? Project.Slug}");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } p) return false;
        Project = p;
        if (p.IAmOwner)
        {
            Pledges = await details.PledgesAsync(p.Id, 1, 100, ct);
            var owner = User.MemberId()!.Value;
            var rows = await db.ProjectOwners.Where(o => o.MemberId == owner && o.ProjectId != p.Id)
                .Join(db.Projects.Where(x => x.MergedIntoId == null), o => o.ProjectId, x => x.Id, (o, x) => new { x.Id, x.Title })
                .Take(100).ToListAsync(ct);
            MergeTargets = rows.Select(r => (r.Id, r.Title)).ToList();
            var candidates = await (
                from f in db.ProjectFollowers
                where f.ProjectId == p.Id && !db.ProjectOwners.Any(o => o.ProjectId == p.Id && o.MemberId == f.MemberId)
                join u in db.Users on f.MemberId equals u.Id
                where u.DeletedAt == null
                orderby f.FollowedAt
                select new { u.Id, u.DisplayName, u.ShowFullName }).Take(100).ToListAsync(ct);
            OwnerCandidates = candidates.Select(u => (u.Id, new Member { DisplayName = u.DisplayName, ShowFullName = u.ShowFullName }.PublicName)).ToList();
            HelperList = (await helpers.ForProjectAsync(p.Id, owner, 10, ct)).Helpers ?? [];
        }
        Similar = await similarity.FindAsync(p.Title, p.Goal, p.Zip, p.Id, ct);
        Updates = await following.UpdatesAsync(p.Id, 1, 10, ct);
        if (p.Hidden)
        {
            JuryCaseId = User.MemberId() is { } viewer ? await juries.OpenCaseForAsync("project", p.Id.ToString(), viewer, ct) : null;
            ShowOnlyNotice = !p.IAmOwner && JuryCaseId is null;
        }
        Following = User.MemberId() is { } me && await following.IsFollowingAsync(p.Id, me, ct);
        return true;
    }

    /// <summary>"3 of 5 people", "$120 of $250": the progress label of a need.</summary>
    public static string Progress(IStringLocalizer l, NeedView n) =>
        l["{0} of {1}", n.Kind == NeedKind.Money ? Money.Format(n.Filled) : n.Filled.ToString(System.Globalization.CultureInfo.CurrentCulture),
            Amount(l, n.Kind, n.Quantity)];

    public static string Amount(IStringLocalizer l, NeedKind kind, long units) => kind switch
    {
        NeedKind.Money => Money.Format(units),
        NeedKind.Hours => l.Count((int)Math.Min(units, int.MaxValue), "1 hour", "{0} hours"),
        NeedKind.People => l.Count((int)Math.Min(units, int.MaxValue), "1 person", "{0} people"),
        _ => units.ToString(System.Globalization.CultureInfo.CurrentCulture),
    };
}
