using System.Net;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Messages;

public sealed record ReplyInput(string? Body)
{
    public const int MaxBodyLength = 10_000;
}

/// <summary>What replying answered: the reply stored (or found again, for a redelivered mail), or why not.</summary>
public sealed record ReplyResult(Outcome Outcome, Guid? ReplyId = null, bool Paced = false);

/// <summary>
/// A reply in a thread, from the site or from the relay: stored, then mailed to the other side with a Reply-To of
/// their own relay address, so neither ever sees the other's address. A mail redelivered with the same Message-Id
/// is stored once. Nobody replies from or to a deleted account, nor about a group or project a jury froze.
/// </summary>
public sealed class Replying(AppDbContext db, Outbox outbox, SiteLinks links, RelayAddresses relay, UserText text, TimeProvider clock,
    IOptions<MessagesOptions> options, IStringLocalizer<SharedResource> l)
{
    public async Task<ReplyResult> ReplyAsync(Guid messageId, Guid threadId, Guid authorId, string? body, string? mailId, CancellationToken ct)
    {
        var t = await (from th in db.MessageThreads.AsNoTracking()
                       where th.Id == threadId && th.MessageId == messageId
                       join m in db.Messages on th.MessageId equals m.Id
                       select new { th.MemberId, m.SenderId, m.Subject, m.GroupId, m.ProjectId }).SingleOrDefaultAsync(ct);
        if (t is null) return new(Outcome.NotFound);
        var fromSender = authorId == t.SenderId;
        if (!fromSender && authorId != t.MemberId)
            return new(Outcome.Refused(l["A conversation is private between the message's sender and the person who replies."]));
        var otherId = fromSender ? t.MemberId : t.SenderId;
        var people = await db.Users.AsNoTracking().Where(u => u.Id == authorId || u.Id == otherId)
            .Select(u => new { u.Id, u.Email, u.Culture, u.DeletedAt, u.Moderation, Name = MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation) }).ToListAsync(ct);
        var author = people.SingleOrDefault(p => p.Id == authorId);
        var other = people.SingleOrDefault(p => p.Id == otherId);
        if (author is not { DeletedAt: null } || other is not { DeletedAt: null, Email: not null })
            return new(Outcome.Refused(l["This conversation is closed: one of its two people deleted their account."]));
        // The author's row is already read: a profile under review (or removed) writes to nobody.
        if (author.Moderation.IsFrozen()) return new(Standing.Frozen(l));
        var place = t.GroupId is { } gid
            ? await db.Groups.Where(g => g.Id == gid).Select(g => new { g.Name, Path = "/groups/" + g.Slug, g.Moderation }).SingleAsync(ct)
            : await db.Projects.Where(p => p.Id == t.ProjectId).Select(p => new { Name = p.Title, Path = "/projects/" + p.Slug, p.Moderation }).SingleAsync(ct);
        if (place.Moderation.IsFrozen())
            return new(Outcome.Refused(l["A community jury is reviewing this group or project (or removed it): its messages can't be read or answered meanwhile."]));

        var trimmed = (body ?? "").Trim();
        if (trimmed.Length == 0) return new(Outcome.Invalid("body", l["Write a reply."]));
        if (trimmed.Length > ReplyInput.MaxBodyLength) return new(Outcome.Invalid("body", l["The reply can be at most {0} characters.", ReplyInput.MaxBodyLength]));

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One author at a time: the pacing count and a redelivered mail's check see what the previous call stored.
        await db.Users.Where(u => u.Id == authorId).LockAsync(u => u.DisplayName, ct);
        if (mailId is not null && await db.Replies.Where(r => r.MailId == mailId).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct) is { } stored)
        {
            await tx.RollbackAsync(ct);
            return new(Outcome.Ok, stored);
        }
        var since = now.AddHours(-1);
        if (await db.Replies.CountAsync(r => r.AuthorId == authorId && r.SentAt > since, ct) >= options.Value.RepliesPerHour)
        {
            await tx.RollbackAsync(ct);
            return new(Outcome.Invalid("body", l["You wrote {0} replies in the past hour, the most one member may write. Try again later.", options.Value.RepliesPerHour]), Paced: true);
        }
        var reply = new Reply { ThreadId = threadId, FromSender = fromSender, AuthorId = authorId, Body = trimmed, SentAt = now, MailId = mailId };
        db.Replies.Add(reply);
        // On the other side's bell too (the mail below is the reply itself, so the notice sends none).
        Notices.Notices.Tell(db, otherId, Notices.NoticeKind.ReplyReceived, $"/messages/{messageId}/threads/{threadId}", now,
            new Dictionary<string, string> { ["subject"] = t.Subject }, actorId: authorId);
        await db.MessageThreads.Where(x => x.Id == threadId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Replies, x => x.Replies + 1).SetProperty(x => x.LastReplyAt, now), ct);

        using (RecipientCulture.Use(other.Culture is "es" ? "es" : "en"))
        {
            var threadUrl = links.To($"/messages/{messageId}/threads/{threadId}");
            // Only when the relay receives mail: otherwise a reply would go to the site's no-reply address.
            var hint = relay.Enabled ? l["Reply to this email to answer {0} privately: neither of you sees the other's address.", author.Name].Value : "";
            var wrote = l["{0} replied to “{1}”:", author.Name, t.Subject];
            var readOnSite = l["Read the whole conversation on the site"];
            var plain = $"{wrote}\n\n{trimmed}\n\n{readOnSite}: {threadUrl}\n{hint}\n— {place.Name} {links.To(place.Path)}";
            var e = (Func<string, string>)WebUtility.HtmlEncode;
            var html = MessageMail.Layout($"<p style=\"color:#555\">{e(wrote)}</p>{text.ToSafeMailHtml(trimmed)}",
                $"<p><a href=\"{e(threadUrl)}\">{e(readOnSite)}</a>. {e(hint)}</p><p><a href=\"{e(links.To(place.Path))}\">{e(place.Name)}</a></p>");
            outbox.Enqueue(other.Email, $"Re: [{place.Name}] {t.Subject}", plain,
                new MailExtras(html, relay.For(new RelayKey(messageId, threadId, FromSender: !fromSender))));
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException) when (mailId is not null)
        {
            // The same mail, delivered twice at once to two instances: the unique Message-Id keeps one.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var existing = await db.Replies.Where(r => r.MailId == mailId).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(CancellationToken.None);
            if (existing is null) throw;
            return new(Outcome.Ok, existing);
        }
        return new(Outcome.Ok, reply.Id);
    }
}
