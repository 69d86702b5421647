using System.Net;
using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Messages;

/// <summary>A message to send: a subject, a Markdown body and where it goes (exactly one of group, project, need).</summary>
public sealed record MessageInput(string? Subject, string? Body, Guid? GroupId = null, Guid? ProjectId = null, Guid? NeedId = null)
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
        RuleFor(x => (x.GroupId.HasValue ? 1 : 0) + (x.ProjectId.HasValue ? 1 : 0) + (x.NeedId.HasValue ? 1 : 0))
            .Equal(1).OverridePropertyName("groupId").WithMessage(_ => l["Say who the message is for: a groupId, a projectId or a needId (one of them)."]);
    }
}

/// <summary>What sending answered: the stored message, or why not (<see cref="Paced"/>: too many this hour).</summary>
public sealed record SendResult(Outcome Outcome, Message? Message = null, bool Paced = false);

/// <summary>
/// Organizers write to their group, owners to the accepted volunteers of their project or of one need. The
/// message is stored (the archive), each recipient gets a thread and one email (HTML from the sanitized Markdown
/// plus the text), all in one transaction with the outbox; addresses are never shown to anyone.
/// </summary>
public sealed class Sending(AppDbContext db, Access access, IValidator<MessageInput> validator, Outbox outbox, SiteLinks links,
    RelayAddresses relay, UserText text, AuditLog audit, TimeProvider clock, IOptions<MessagesOptions> options, IStringLocalizer<SharedResource> l)
{
    public async Task<SendResult> SendAsync(ClaimsPrincipal actor, MessageInput input, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return new(Outcome.Invalid(FieldErrors.From(validation)));
        var me = actor.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(me, ct)) return new(Standing.Frozen(l));

        // Where it goes, and whether this member may write there (the policies also refuse a frozen group or project).
        Place place;
        if (input.GroupId is { } groupId)
        {
            if (await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused) return new(refused);
            var g = await db.Groups.AsNoTracking().Where(x => x.Id == groupId).Select(x => new { x.Name, x.Slug }).SingleAsync(ct);
            place = new Place(MessageScope.Group, groupId, null, null, g.Name, "/groups/" + g.Slug, null);
        }
        else
        {
            var need = input.NeedId is { } nid
                ? await db.Needs.AsNoTracking().Where(n => n.Id == nid).Select(n => new { n.ProjectId, n.Title }).SingleOrDefaultAsync(ct)
                : null;
            if (input.NeedId is not null && need is null) return new(Outcome.NotFound);
            var projectId = need?.ProjectId ?? input.ProjectId!.Value;
            if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return new(refused);
            var p = await db.Projects.AsNoTracking().Where(x => x.Id == projectId).Select(x => new { x.Title, x.Slug }).SingleAsync(ct);
            place = new Place(need is null ? MessageScope.Project : MessageScope.Need, null, projectId, input.NeedId, p.Title, "/projects/" + p.Slug, need?.Title);
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Pacing, serialized per sender: parallel sends wait on the sender's row and then count what the first one stored.
        await db.Users.Where(u => u.Id == me).LockAsync(u => u.DisplayName, ct);
        var since = now.AddHours(-1);
        if (await db.Messages.CountAsync(m => m.SenderId == me && m.SentAt > since, ct) >= options.Value.MessagesPerHour)
        {
            await tx.RollbackAsync(ct);
            return new(Outcome.Invalid("body", l["You sent {0} messages in the past hour, the most one member may send. Try again later.", options.Value.MessagesPerHour]), Paced: true);
        }

        var sender = await db.Users.PublicNameAsync(me, ct);
        var message = new Message
        {
            Scope = place.Scope, GroupId = place.GroupId, ProjectId = place.ProjectId, NeedId = place.NeedId, SenderId = me,
            Subject = Outbox.OneLine(input.Subject!), Body = input.Body!.Trim(), SentAt = now,
        };
        db.Messages.Add(message);

        var mail = new MessageMail(message, place, sender, relay.Enabled, links, text, l);
        var count = 0;
        await foreach (var r in Recipients(place, me).WithCancellation(ct))
        {
            var thread = new MessageThread { MessageId = message.Id, MemberId = r.Id };
            db.MessageThreads.Add(thread);
            var (subject, plain, html) = mail.For(r.Culture);
            outbox.Enqueue(r.Email, subject, plain, new MailExtras(html, relay.For(new RelayKey(message.Id, thread.Id, FromSender: false))));
            // On the bell too (the mail above is the message itself, so the notice sends none).
            Notices.Notices.Tell(db, r.Id, Notices.NoticeKind.MessageReceived, $"/messages/{message.Id}", now,
                new Dictionary<string, string> { ["place"] = place.Name, ["subject"] = message.Subject }, actorId: me);
            count++;
        }
        if (count == 0)
        {
            // A message nobody receives would sit in the archive as if it had gone out.
            await tx.RollbackAsync(ct);
            return new(place.Scope switch
            {
                MessageScope.Group => Outcome.Invalid("groupId", l["The group has no other members yet: there is nobody to write to."]),
                MessageScope.Need => Outcome.Invalid("needId", l["Nobody's pledge to this need has been accepted yet: there is nobody to write to."]),
                _ => Outcome.Invalid("projectId", l["Nobody's pledge to this project has been accepted yet: there is nobody to write to."]),
            });
        }
        message.Recipients = count;
        audit.Record(me, "conversation.message", place.Scope.ToString().ToLowerInvariant(), place.GroupId ?? place.ProjectId!.Value, $"{count} recipients");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(Outcome.Ok, message);
    }

    private sealed record Recipient(Guid Id, string Email, string? Culture);

    /// <summary>
    /// A group's members; a project's or a need's accepted volunteers (not followers, not pending, declined or
    /// withdrawn pledgers). Never the sender, never a deleted account.
    /// </summary>
    private IAsyncEnumerable<Recipient> Recipients(Place place, Guid sender)
    {
        var people = place.Scope == MessageScope.Group
            ? db.Memberships.Where(m => m.GroupId == place.GroupId).Select(m => m.MemberId)
            : db.Pledges.Where(p => p.ProjectId == place.ProjectId && p.Status == PledgeStatus.Accepted && (place.NeedId == null || p.NeedId == place.NeedId))
                .Select(p => p.MemberId).Distinct();
        return db.Users.AsNoTracking()
            .Where(u => people.Contains(u.Id) && u.Id != sender && u.DeletedAt == null && u.Email != null)
            .OrderBy(u => u.Id)
            .Select(u => new Recipient(u.Id, u.Email!, u.Culture)).AsAsyncEnumerable();
    }
}

/// <summary>Where a message went, as its mail and pages name it.</summary>
public sealed record Place(MessageScope Scope, Guid? GroupId, Guid? ProjectId, Guid? NeedId, string Name, string Path, string? NeedTitle);

/// <summary>
/// The email of a message in each recipient's language: the writer's words as they wrote them (Markdown as the
/// text part, rendered through the sanitizer as the HTML part), in a layout that names and links the group or
/// project and the message on the site. Built once per language.
/// </summary>
internal sealed class MessageMail(Message message, Place place, string sender, bool relayOn, SiteLinks links, UserText text, IStringLocalizer l)
{
    private readonly Dictionary<string, (string, string, string)> _built = [];
    private readonly string _bodyHtml = text.ToSafeMailHtml(message.Body);

    public (string Subject, string Text, string Html) For(string? culture)
    {
        var language = culture is "es" ? "es" : "en";
        if (_built.TryGetValue(language, out var done)) return done;
        using (RecipientCulture.Use(language))
        {
            var placeUrl = links.To(place.Path);
            var messageUrl = links.To($"/messages/{message.Id}");
            var role = place.Scope == MessageScope.Group ? l["organizer of"] : l["an owner of"];
            var why = place.Scope switch
            {
                MessageScope.Group => l["You get this because you are a member of this group. Leave the group to stop these messages."],
                MessageScope.Need => l["You get this because you volunteered for “{0}” and an owner accepted.", place.NeedTitle!],
                _ => l["You get this because you volunteered for this project and an owner accepted."],
            };
            // Only when the relay receives mail: otherwise a reply would go to the site's no-reply address.
            var replyHint = relayOn ? l["Reply to this email to answer {0} privately: neither of you sees the other's address.", sender].Value : "";
            var readOnSite = l["Read it and reply on the site"];
            var subject = $"[{place.Name}] {message.Subject}";
            var plain = $"{message.Body}\n\n— {sender}, {role} {place.Name}\n{placeUrl}\n\n{readOnSite}: {messageUrl}\n{replyHint}\n{why}";
            var e = (Func<string, string>)WebUtility.HtmlEncode;
            var html = Layout($"<p style=\"color:#555\">— {e(sender)}, {e(role)} <a href=\"{e(placeUrl)}\">{e(place.Name)}</a></p>"
                + $"<h1 style=\"font-size:1.3em\">{e(message.Subject)}</h1>{_bodyHtml}",
                $"<p><a href=\"{e(messageUrl)}\">{e(readOnSite)}</a>. {e(replyHint)}</p><p>{e(why)}</p>");
            return _built[language] = (subject, plain, html);
        }
    }

    public static string Layout(string content, string footer) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:system-ui,sans-serif;max-width:40em;line-height:1.5\">"
        + content + "<hr style=\"border:0;border-top:1px solid #ccc\"><div style=\"color:#555;font-size:.9em\">" + footer + "</div></body></html>";
}
