using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>
/// Joining, leaving and organizer roles. Every change starts by updating the group's member
/// count, which locks the group row (PostgreSQL) or takes the write lock (SQLite), so changes to
/// one group are serialized and "never without an organizer" holds under parallel requests.
/// </summary>
public sealed class Roster(AppDbContext db, Access access, IValidator<MessageInput> messages, AuditLog audit, Outbox outbox, TimeProvider clock,
    GrassrootsMetrics metrics, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> JoinAsync(Guid groupId, Guid memberId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // No one joins a group a jury reviews or removed: the condition is in the write, so a join
        // racing the flag that hides the group cannot slip in between a check and the insert.
        if (await db.Groups.Where(g => g.Id == groupId && g.Moderation == ContentModeration.Visible)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberCount, g => g.MemberCount + 1), ct) == 0)
        {
            await tx.RollbackAsync(ct);
            var state = await db.Groups.Where(g => g.Id == groupId).Select(g => (ContentModeration?)g.Moderation).SingleOrDefaultAsync(ct);
            return state is { } s ? Outcome.Invalid("groupId", GroupRules.Frozen(s, l)) : Outcome.NotFound;
        }
        if (await db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId, ct))
        {
            await tx.RollbackAsync(ct);
            return Outcome.Ok; // joining twice is harmless: a retried request must not fail
        }
        db.Memberships.Add(new Membership { GroupId = groupId, MemberId = memberId, Role = GroupRole.Member, JoinedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        metrics.MembershipsJoined.Add(1);
        return Outcome.Ok;
    }

    /// <summary>Leaves the group. The last organizer must name a successor, who becomes an organizer.</summary>
    public async Task<Outcome> LeaveAsync(Guid groupId, Guid memberId, Guid? successorId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberCount, g => g.MemberCount - 1), ct) == 0)
            return Outcome.NotFound;
        var mine = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == groupId && m.MemberId == memberId, ct);
        if (mine is null)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Ok; // not a member: leaving again is harmless
        }
        if (mine.Role == GroupRole.Organizer && !await HasOtherOrganizerAsync(groupId, memberId, ct))
        {
            var successor = successorId is { } sid && sid != memberId
                ? await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == groupId && m.MemberId == sid, ct)
                : null;
            if (successor is null)
            {
                await tx.RollbackAsync(ct);
                return Outcome.Invalid("successorId", successorId is null
                    ? l["You are this group's last organizer. Name another member as organizer before you leave."]
                    : l["The successor you named is not a member of this group."]);
            }
            successor.Role = GroupRole.Organizer;
            audit.Record(memberId, "group.organizer.add", "group", groupId, $"successor {successor.MemberId}");
        }
        db.Memberships.Remove(mine);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>An organizer makes another member an organizer.</summary>
    public async Task<Outcome> AddOrganizerAsync(ClaimsPrincipal actor, Guid groupId, Guid memberId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var actorId = actor.RequiredMemberId();
        // The permission rides in the WHERE: an organizer who stepped down, or a group a jury froze, meanwhile changes nothing.
        var organized = db.Groups.Where(g => g.Id == groupId).Where(GroupPolicies.OrganizedBy(db.Memberships, actorId));
        var updated = await db.Memberships.Where(m => m.GroupId == groupId && m.MemberId == memberId && organized.Any())
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, GroupRole.Organizer), ct);
        if (updated == 0)
            return await organized.AnyAsync(ct) ? Outcome.Invalid("memberId", l["Only a member of the group can become an organizer. Ask them to join first."])
                : Outcome.Refused(l["Only the group's organizers may do that."]);
        audit.Record(actorId, "group.organizer.add", "group", groupId, $"member {memberId}");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public Task<bool> HasOtherOrganizerAsync(Guid groupId, Guid memberId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.GroupId == groupId && m.Role == GroupRole.Organizer && m.MemberId != memberId, ct);

    public Task<bool> ExistsAsync(Guid groupId, CancellationToken ct) => db.Groups.AnyAsync(g => g.Id == groupId, ct);

    public Task<bool> IsMemberAsync(Guid groupId, Guid memberId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId, ct);

    public Task<bool> IsOrganizerAsync(Guid groupId, Guid memberId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId && m.Role == GroupRole.Organizer, ct);


    /// <summary>
    /// An organizer writes to every member. Mail goes through the outbox, committed with the
    /// message record; members' addresses are never shown to the organizer.
    /// </summary>
    public async Task<(int Recipients, Outcome Outcome)> MessageMembersAsync(ClaimsPrincipal actor, Guid groupId, MessageInput input, CancellationToken ct)
    {
        // A group a jury reviews or removed does not mail its members: what was flagged must not reach them meanwhile.
        if (await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused) return (0, refused);
        var validation = await messages.ValidateAsync(input, ct);
        if (!validation.IsValid) return (0, Outcome.Invalid(FieldErrors.From(validation)));
        var (actorId, subject, body) = (actor.RequiredMemberId(), input.Subject!.Trim(), input.Body!.Trim());
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == groupId, ct);

        // Signed with the name the organizer shows everyone (a first name unless they chose the full one).
        var sender = await db.Users.AsNoTracking().Where(u => u.Id == actorId)
            .Select(u => MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)).SingleAsync(ct);
        // The organizer's words go out as written; our footer is in each member's language.
        string Footer() => $"\n\n— {sender}, {l["organizer of"]} {group.Name}\n{l["You get this because you are a member of this group. Leave the group to stop these messages."]}";
        var footers = new Dictionary<string, string>();
        var count = 0;
        var recipients = db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.Member!.DeletedAt == null && m.Member.Email != null)
            .Select(m => new { Email = m.Member!.Email!, m.Member.Culture }).AsAsyncEnumerable();
        await foreach (var r in recipients.WithCancellation(ct))
        {
            var language = r.Culture is "es" ? "es" : "en";
            if (!footers.TryGetValue(language, out var footer))
                using (RecipientCulture.Use(language)) footers[language] = footer = Footer();
            outbox.Enqueue(r.Email, $"[{group.Name}] {subject}", body + footer);
            count++;
        }
        db.GroupMessages.Add(new GroupMessage { GroupId = groupId, SenderId = actorId, Subject = subject, Body = body, SentAt = clock.GetUtcNow(), Recipients = count });
        audit.Record(actorId, "group.message", "group", groupId, $"{count} recipients");
        await db.SaveChangesAsync(ct);
        return (count, Outcome.Ok);
    }
}

/// <summary>An organizer's message to the members.</summary>
public sealed record MessageInput(string? Subject, string? Body)
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;
}

public sealed class MessageInputValidator : AbstractValidator<MessageInput>
{
    public MessageInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => (x.Subject ?? "").Trim())
            .NotEmpty().OverridePropertyName("subject").WithMessage(_ => l["Write a subject."])
            .MaximumLength(MessageInput.MaxSubjectLength).WithMessage(_ => l["The subject can be at most {0} characters.", MessageInput.MaxSubjectLength]);
        RuleFor(x => (x.Body ?? "").Trim())
            .NotEmpty().OverridePropertyName("body").WithMessage(_ => l["Write a message."])
            .MaximumLength(MessageInput.MaxBodyLength).WithMessage(_ => l["The message can be at most {0} characters.", MessageInput.MaxBodyLength]);
    }
}
