using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Moderation.Pages;

public sealed class CaseModel(Juries juries, IEnumerable<IFlaggableContent> contents, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : FormPage
{
    /// <summary>"2 days and 5 hours": what is left before the deadline (never less than nothing: the seat check runs every few minutes).</summary>
    public string TimeLeftUntil(DateTimeOffset deadline)
    {
        var left = deadline - clock.GetUtcNow();
        return TimeLeft.Describe(l, left < TimeSpan.Zero ? TimeSpan.Zero : left);
    }

    public CaseView Case { get; private set; } = null!;
    public IReadOnlyList<Flag> Flags { get; private set; } = [];
    public string ContentUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostVoteAsync(Guid id, JuryVote? vote, string? reason, CancellationToken ct) =>
        ActAsync(id, ct, _ => juries.VoteAsync(User, id, new VoteInput(vote, reason), ct), l["Your vote is counted. Thank you for serving."]);

    public Task<IActionResult> OnPostAppealAsync(Guid id, string? reason, CancellationToken ct) =>
        ActAsync(id, ct, _ => juries.AppealAsync(User, id, new AppealInput(reason), ct), l["Your appeal is in: a new jury has been drawn."]);

    private async Task<IActionResult> ActAsync(Guid id, CancellationToken ct, Func<Guid, Task<Outcome>> act, LocalizedString done)
    {
        if (User.MemberId() is not { } me) return Challenge();
        ModelState.Clear();
        var outcome = await act(me);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden when outcome.Detail is null: return Forbid();
            case OutcomeKind.Forbidden:
                ModelState.AddModelError("", outcome.Detail);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return await LoadAsync(id, ct) ? Page() : NotFound();
            case OutcomeKind.Invalid:
                outcome.Errors!.CopyTo(ModelState);
                return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        TempData["Flash"] = done.Value;
        return Redirect($"/moderation/cases/{id}");
    }

    public static string StatusText(CaseStatus s) => s switch
    {
        CaseStatus.UnderReview => "Under review: hidden until the jury decides",
        CaseStatus.Removed => "Removed by the jury",
        _ => "Kept by the jury",
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await juries.FindAsync(id, User.MemberId(), ct) is not { } c) return false;
        Case = c;
        Flags = await db.Flags.AsNoTracking().Where(f => f.ContentType == c.ContentType && f.ContentId == c.ContentId).OrderBy(f => f.CreatedAt).Take(100).ToListAsync(ct);
        var target = await contents.First(x => x.ContentType == c.ContentType).FindAsync(c.ContentId, ct);
        ContentUrl = target?.Url ?? "/moderation";
        return true;
    }
}
