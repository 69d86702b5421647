using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>A campaign as submitted: its banner, its days, the template hosts start from.</summary>
public sealed record CampaignInput
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public DateOnly? FirstDay { get; init; }
    public DateOnly? LastDay { get; init; }
    public Guid? GroupId { get; init; }
    public EventKind? Kind { get; init; }
    public string? TemplateTitle { get; init; }
    public string? TemplateDescription { get; init; }
    public int? TemplateCapacity { get; init; }
    public int? TemplateGuests { get; init; }
}

public sealed class CampaignInputValidator : AbstractValidator<CampaignInput>
{
    public const int MaxDays = 92;

    public CampaignInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => UserText.Collapse(x.Title)).NotEmpty().OverridePropertyName(nameof(CampaignInput.Title)).WithMessage(_ => l["Give the campaign a title."])
            .MaximumLength(Campaign.MaxTitleLength).WithMessage(_ => l["The title can be at most {0} characters.", Campaign.MaxTitleLength])
            .Must(t => !t.Contains('<')).WithMessage(_ => l["The title can't contain HTML."]);
        RuleFor(x => (x.Description ?? "").Trim()).MaximumLength(Event.MaxDescriptionLength).OverridePropertyName(nameof(CampaignInput.Description))
            .WithMessage(_ => l["The description can be at most {0} characters.", Event.MaxDescriptionLength])
            .Must(d => !UserText.ContainsScript(d)).WithMessage(_ => l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);
        RuleFor(x => x.FirstDay).NotNull().WithMessage(_ => l["Say on which day the campaign starts."]);
        RuleFor(x => x.LastDay).NotNull().WithMessage(_ => l["Say on which day the campaign ends."]);
        RuleFor(x => x.LastDay).GreaterThanOrEqualTo(x => x.FirstDay).When(x => x.FirstDay is not null && x.LastDay is not null)
            .WithMessage(_ => l["The last day is before the first."]);
        RuleFor(x => x.LastDay).Must((x, last) => last!.Value.DayNumber - x.FirstDay!.Value.DayNumber < MaxDays)
            .When(x => x.FirstDay is not null && x.LastDay is not null && x.LastDay >= x.FirstDay)
            .WithMessage(_ => l["A campaign lasts at most {0} days.", MaxDays]);
        RuleFor(x => x.Kind).NotNull().WithMessage(_ => l["Choose what kind of event hosts will hold."])
            .IsInEnum().WithMessage(_ => l["Choose what kind of event hosts will hold."]);
        RuleFor(x => UserText.Collapse(x.TemplateTitle)).NotEmpty().OverridePropertyName(nameof(CampaignInput.TemplateTitle))
            .WithMessage(_ => l["Give the title hosts start from (they can change it)."])
            .MaximumLength(Event.MaxTitleLength).WithMessage(_ => l["The title can be at most {0} characters.", Event.MaxTitleLength])
            .Must(t => !t.Contains('<')).WithMessage(_ => l["The title can't contain HTML."]);
        RuleFor(x => (x.TemplateDescription ?? "").Trim()).MaximumLength(Event.MaxDescriptionLength).OverridePropertyName(nameof(CampaignInput.TemplateDescription))
            .WithMessage(_ => l["The description can be at most {0} characters.", Event.MaxDescriptionLength])
            .Must(d => !UserText.ContainsScript(d)).WithMessage(_ => l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);
        RuleFor(x => x.TemplateCapacity).InclusiveBetween(1, Event.MaxCapacity).When(x => x.TemplateCapacity is not null)
            .WithMessage(_ => l["The capacity must be between 1 and {0} (leave it empty for no limit).", Event.MaxCapacity]);
        RuleFor(x => x.TemplateGuests).InclusiveBetween(0, Event.MaxGuests).When(x => x.TemplateGuests is not null)
            .WithMessage(_ => l["Each person may bring between 0 and {0} guests.", Event.MaxGuests]);
    }
}

/// <summary>The live totals Mobilize's API users ask for: events, people coming, states covered.</summary>
public sealed record CampaignTotals(int Events, int Confirmed, int Waitlisted, int States);

public sealed record CampaignView(Guid Id, string Slug, string Title, string Description, string DescriptionHtml, DateOnly FirstDay, DateOnly LastDay,
    Guid? GroupId, string? GroupName, string? GroupSlug, EventKind Kind, string TemplateTitle, string TemplateDescription, int? TemplateCapacity, int TemplateGuests,
    CampaignTotals Totals, bool IRun, ContentModeration Moderation = ContentModeration.Visible);

/// <summary>An event in a campaign's or a group's list: when (UTC and the place's clock), where (city, never the address), how full.</summary>
public sealed record EventListing(Guid Id, string Slug, string Title, DateTimeOffset StartsAt, string TimeZone, DateTime StartsLocal, bool Online,
    string? City, string? State, int Confirmed, int? Capacity)
{
    /// <summary>One page of a list in time order: only the columns a listing shows are read.</summary>
    public static async Task<List<EventListing>> PageAsync(IQueryable<Event> query, int page, int size, CancellationToken ct) =>
        (await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new { e.Id, e.Slug, e.Title, e.StartsAt, e.TimeZone, e.Online, e.City, e.State, e.Confirmed, e.Capacity }).ToListAsync(ct))
        .Select(e => new EventListing(e.Id, e.Slug, e.Title, e.StartsAt, e.TimeZone, EventTimes.Local(e.StartsAt, e.TimeZone).DateTime,
            e.Online, e.City, e.State, e.Confirmed, e.Capacity)).ToList();
}

public sealed record CampaignSummary(Guid Id, string Slug, string Title, DateOnly FirstDay, DateOnly LastDay, EventKind Kind, int Events);

/// <summary>
/// Distributed campaigns: any member starts one (or a group's organizers, under its name); every host
/// then creates their own event from the template, and the campaign page adds them up as they come.
/// </summary>
public sealed class Campaigns(AppDbContext db, IValidator<CampaignInput> validator, UserText text, Access access, AuditLog audit, ModerationNotices notices,
    TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<(Campaign? Campaign, Outcome Outcome)> CreateAsync(ClaimsPrincipal actor, CampaignInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Outcome.Refused(l["A community jury is reviewing your profile: you can't start campaigns or host events until it decides."]));
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        if (input.GroupId is { } groupId && await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused)
            return (null, refused);
        var c = new Campaign
        {
            Slug = "", Title = UserText.Collapse(input.Title), Description = input.Description?.Trim() ?? "",
            FirstDay = input.FirstDay!.Value, LastDay = input.LastDay!.Value, GroupId = input.GroupId, CreatedById = me,
            Kind = input.Kind!.Value, TemplateTitle = UserText.Collapse(input.TemplateTitle), TemplateDescription = input.TemplateDescription?.Trim() ?? "",
            TemplateCapacity = input.TemplateCapacity, TemplateGuests = input.TemplateGuests ?? 0, CreatedAt = clock.GetUtcNow(),
        };
        c.DescriptionHtml = text.ToSafeHtml(c.Description);
        c.Slug = Slugs.Retry(Slugs.From(c.Title, "campaign"), c.Id, 0);
        db.Campaigns.Add(c);
        audit.Record(me, "campaign.create", "campaign", c.Id, c.Title);
        await db.SaveChangesAsync(ct);
        return (c, Outcome.Ok);
    }

    /// <summary>The campaign as the reader may see it; null when there is none, or a jury hides it from them.</summary>
    public async Task<CampaignView?> ReadAsync(string idOrSlug, Guid? viewer, CancellationToken ct) =>
        (await ReadWithNoticeAsync(idOrSlug, viewer, ct)) is { View: { } v, Notice.ShowContent: true } ? v : null;

    /// <summary>The campaign and a jury's notice (see <see cref="EventDetails.ReadWithNoticeAsync"/>: the same rules).</summary>
    public async Task<(CampaignView? View, ModerationNotice Notice, string? Title)> ReadWithNoticeAsync(string idOrSlug, Guid? viewer, CancellationToken ct)
    {
        var query = db.Campaigns.AsNoTracking();
        var c = Guid.TryParse(idOrSlug, out var id) ? await query.SingleOrDefaultAsync(x => x.Id == id, ct)
            : idOrSlug.Length <= 140 ? await query.SingleOrDefaultAsync(x => x.Slug == idOrSlug, ct) : null;
        if (c is null) return (null, ModerationNotice.None, null);
        var irun = viewer is { } me && (c.CreatedById == me || (c.GroupId is { } g2 && await db.Memberships.AnyAsync(m => m.GroupId == g2 && m.MemberId == me && m.Role == GroupRole.Organizer, ct)));
        var notice = await notices.ForViewerAsync(FlaggableCampaign.Type, c.Id.ToString(), c.Moderation, irun, viewer, ct);
        if (!notice.ShowContent) return (null, notice, c.Title);
        var group = c.GroupId is { } gid ? await db.Groups.AsNoTracking().Where(g => g.Id == gid).Select(g => new { g.Name, g.Slug }).SingleOrDefaultAsync(ct) : null;
        return (new CampaignView(c.Id, c.Slug, c.Title, c.Description, c.DescriptionHtml, c.FirstDay, c.LastDay, c.GroupId, group?.Name, group?.Slug,
            c.Kind, c.TemplateTitle, c.TemplateDescription, c.TemplateCapacity, c.TemplateGuests, await TotalsAsync(c.Id, ct), irun, c.Moderation), notice, c.Title);
    }

    public ProblemHttpResult Refusal(ModerationNotice notice) => notices.Problem(notice);

    /// <summary>Counted from the events as they stand (their counters move with every RSVP), so the totals are live.</summary>
    public async Task<CampaignTotals> TotalsAsync(Guid campaignId, CancellationToken ct)
    {
        // What the campaign's list and map show: public events only (members-only ones would tell of them).
        var listed = db.Events.Where(e => e.CampaignId == campaignId && e.Status == EventStatus.Scheduled && e.Moderation == ContentModeration.Visible
            && e.Visibility == EventVisibility.Public);
        var sums = await listed.GroupBy(e => 1).Select(g => new { Events = g.Count(), Confirmed = g.Sum(e => e.Confirmed), Waitlisted = g.Sum(e => e.Waitlisted) }).SingleOrDefaultAsync(ct);
        var states = await listed.Where(e => e.State != null).Select(e => e.State).Distinct().CountAsync(ct);
        return new CampaignTotals(sums?.Events ?? 0, sums?.Confirmed ?? 0, sums?.Waitlisted ?? 0, states);
    }

    /// <summary>The campaign's events, soonest first (the map and the search filter by campaign too).</summary>
    public async Task<Page<EventListing>?> EventsAsync(string idOrSlug, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var id = Guid.TryParse(idOrSlug, out var g) ? g
            : await db.Campaigns.Where(c => c.Slug == idOrSlug).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct) ?? Guid.Empty;
        if (!await db.Campaigns.AnyAsync(c => c.Id == id && c.Moderation == ContentModeration.Visible, ct)) return null;
        var query = db.Events.AsNoTracking().Where(e => e.CampaignId == id && e.Status == EventStatus.Scheduled
            && e.Moderation == ContentModeration.Visible && e.Visibility == EventVisibility.Public);
        return new Page<EventListing>(await EventListing.PageAsync(query, p, size, ct), p, size, await query.CountAsync(ct));
    }

    /// <summary>Campaigns still running or to come, soonest first.</summary>
    public async Task<Page<CampaignSummary>> CurrentAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-1));
        var query = db.Campaigns.AsNoTracking().Where(c => c.Moderation == ContentModeration.Visible && c.LastDay >= today);
        var items = await query.OrderBy(c => c.FirstDay).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size)
            .Select(c => new CampaignSummary(c.Id, c.Slug, c.Title, c.FirstDay, c.LastDay, c.Kind,
                db.Events.Count(e => e.CampaignId == c.Id && e.Status == EventStatus.Scheduled && e.Moderation == ContentModeration.Visible && e.Visibility == EventVisibility.Public)))
            .ToListAsync(ct);
        return new Page<CampaignSummary>(items, p, size, await query.CountAsync(ct));
    }
}
