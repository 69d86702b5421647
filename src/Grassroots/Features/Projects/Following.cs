using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>A member who wants the project's news. Pledgers follow automatically.</summary>
public sealed class ProjectFollower
{
    public Guid ProjectId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset FollowedAt { get; set; }
    /// <summary>Updates up to this time are in a digest already.</summary>
    public DateTimeOffset NotifiedThrough { get; set; }
}

/// <summary>News an owner posts; followers get it in their digest.</summary>
public sealed class ProjectUpdate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public DateTimeOffset PostedAt { get; set; }
}

internal sealed class ProjectFollowerConfiguration : IEntityTypeConfiguration<ProjectFollower>
{
    public void Configure(EntityTypeBuilder<ProjectFollower> b)
    {
        b.ToTable("project_followers");
        b.HasKey(f => new { f.ProjectId, f.MemberId });
        b.HasIndex(f => f.MemberId);
        b.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectUpdateConfiguration : IEntityTypeConfiguration<ProjectUpdate>
{
    public void Configure(EntityTypeBuilder<ProjectUpdate> b)
    {
        b.ToTable("project_updates");
        b.Property(u => u.Body).HasMaxLength(Following.MaxUpdateLength);
        b.HasIndex(u => new { u.ProjectId, u.PostedAt });
        b.HasOne<Project>().WithMany().HasForeignKey(u => u.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record UpdateView(Guid Id, string AuthorName, string Body, string BodyHtml, DateTimeOffset PostedAt);

public sealed record UpdateInput(string? Body);

public sealed class UpdateInputValidator : AbstractValidator<UpdateInput>
{
    public UpdateInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Body == null ? "" : x.Body.Trim())
            .NotEmpty().OverridePropertyName("body").WithMessage(_ => l["Write the update."])
            .MaximumLength(Following.MaxUpdateLength).WithMessage(_ => l["The update can be at most {0} characters.", Following.MaxUpdateLength])
            .Must(b => !UserText.ContainsScript(b)).WithMessage(_ => l["The update can't contain scripts or event handlers. Use plain text or Markdown."]);
    }
}

/// <summary>Follow a project, post updates, and send each follower one digest of what is new.</summary>
public sealed class Following(AppDbContext db, UserText text, Outbox outbox, SiteLinks links, AuditLog audit, TimeProvider clock, Access access,
    IValidator<UpdateInput> validator, IStringLocalizer<SharedResource> l)
{
    public const int MaxUpdateLength = 10_000;

    public async Task<Outcome> FollowAsync(ClaimsPrincipal member, Guid projectId, bool follow, CancellationToken ct)
    {
        var memberId = member.RequiredMemberId();
        var state = await db.Projects.Where(p => p.Id == projectId).Select(p => (ContentModeration?)p.Moderation).SingleOrDefaultAsync(ct);
        if (state is null) return Outcome.NotFound;
        // No one starts following what a jury reviews or removed (stopping is always possible).
        if (follow && state.Value.IsFrozen()) return Outcome.Refused(l["A community jury is reviewing this project: it can't be changed until the jury decides."]);
        if (!follow)
        {
            await db.ProjectFollowers.Where(f => f.ProjectId == projectId && f.MemberId == memberId).ExecuteDeleteAsync(ct);
            return Outcome.Ok;
        }
        await EnsureFollowingAsync(projectId, memberId, ct);
        return Outcome.Ok;
    }

    /// <summary>Idempotent: following twice keeps one row (the key decides under races).</summary>
    public async Task EnsureFollowingAsync(Guid projectId, Guid memberId, CancellationToken ct)
    {
        if (await db.ProjectFollowers.AnyAsync(f => f.ProjectId == projectId && f.MemberId == memberId, ct)) return;
        var now = clock.GetUtcNow();
        db.ProjectFollowers.Add(new ProjectFollower { ProjectId = projectId, MemberId = memberId, FollowedAt = now, NotifiedThrough = now });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); }
    }

    public Task<bool> IsFollowingAsync(Guid projectId, Guid memberId, CancellationToken ct) =>
        db.ProjectFollowers.AnyAsync(f => f.ProjectId == projectId && f.MemberId == memberId, ct);

    public async Task<(UpdateView? Update, Outcome Outcome)> PostAsync(ClaimsPrincipal owner, Guid projectId, UpdateInput input, CancellationToken ct)
    {
        if (await access.CheckAsync(owner, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        var me = owner.RequiredMemberId();
        var body = input.Body!.Trim();
        var update = new ProjectUpdate { ProjectId = projectId, AuthorId = me, Body = body, BodyHtml = text.ToSafeHtml(body), PostedAt = clock.GetUtcNow() };
        db.ProjectUpdates.Add(update);
        audit.Record(me, "project.update", "project", projectId);
        await db.SaveChangesAsync(ct);
        var author = await db.Users.PublicNameAsync(me, ct);
        return (new UpdateView(update.Id, author, update.Body, update.BodyHtml, update.PostedAt), Outcome.Ok);
    }

    public async Task<Page<UpdateView>> UpdatesAsync(Guid projectId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.ProjectUpdates.AsNoTracking().Where(u => u.ProjectId == projectId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(u => u.PostedAt).Skip((p - 1) * size).Take(size)
            .Join(db.Users, u => u.AuthorId, m => m.Id, (u, m) => new UpdateView(u.Id, MemberNames.Public(m.DisplayName, m.ShowFullName, m.DeletedAt, m.Moderation), u.Body, u.BodyHtml, u.PostedAt))
            .ToListAsync(ct);
        return new Page<UpdateView>(items, p, size, total);
    }

    /// <summary>
    /// One email per follower with every update posted since their last digest, across all the
    /// projects they follow, in the follower's language; the cursor moves in the same transaction
    /// as the outbox rows. Works in batches: a follower whose updates a batch cut off waits for the next.
    /// </summary>
    public async Task<int> SendDigestsAsync(CancellationToken ct)
    {
        const int batch = 5_000;
        var now = clock.GetUtcNow();
        var sent = 0;
        while (true)
        {
            var due = await (from f in db.ProjectFollowers
                             join u in db.ProjectUpdates on f.ProjectId equals u.ProjectId
                             where u.PostedAt > f.NotifiedThrough && u.PostedAt <= now && u.AuthorId != f.MemberId
                             join p in db.Projects.Where(Project.Listed) on u.ProjectId equals p.Id
                             join m in db.Users on f.MemberId equals m.Id
                             where m.DeletedAt == null && m.Email != null
                             orderby f.MemberId, u.PostedAt
                             select new { f.MemberId, m.Email, m.Culture, p.Title, p.Slug, u.Body, u.PostedAt })
                .Take(batch).ToListAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var members = due.GroupBy(d => (d.MemberId, d.Email, d.Culture)).ToList();
            // A full batch may have cut the last follower's updates short: they come first next time.
            if (due.Count == batch && members.Count > 1) members.RemoveAt(members.Count - 1);
            foreach (var member in members)
            {
                using (RecipientCulture.Use(member.Key.Culture))
                {
                    var lines = member.GroupBy(d => (d.Title, d.Slug)).Select(g =>
                        $"{g.Key.Title}\n{string.Join("\n\n", g.Select(u => "  " + u.Body.Replace("\n", "\n  ")))}\n  {links.To($"/projects/{g.Key.Slug}")}");
                    outbox.Enqueue(member.Key.Email!, l["News from the projects you follow"],
                        string.Join("\n\n", lines) + "\n\n" + l["You get this because you follow these projects. Unfollow on a project's page to stop."]);
                }
                var (memberId, through) = (member.Key.MemberId, member.Max(d => d.PostedAt));
                await db.ProjectFollowers.Where(f => f.MemberId == memberId && f.NotifiedThrough < through)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.NotifiedThrough, through), ct);
                sent++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (due.Count < batch) return sent;
        }
    }
}
