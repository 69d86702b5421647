using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Messages;

public sealed record MessageView(Guid Id, MessageScope Scope, Guid? GroupId, Guid? ProjectId, Guid? NeedId, string PlaceName, string PlacePath,
    string? NeedTitle, string SenderName, string Subject, string Body, string BodyHtml, DateTimeOffset SentAt, int Recipients, bool IAmSender, Guid? MyThreadId);

public sealed record MessageSummary(Guid Id, MessageScope Scope, string? NeedTitle, string SenderName, string Subject, DateTimeOffset SentAt, int Recipients);

/// <summary>A recipient's thread with the sender: who (by public name), how many replies, the last one when.</summary>
public sealed record ThreadView(Guid Id, Guid MessageId, string MemberName, int Replies, DateTimeOffset? LastReplyAt);

public sealed record ReplyView(Guid Id, string AuthorName, bool FromSender, bool Mine, string Body, string BodyHtml, DateTimeOffset SentAt);

/// <summary>The archive of a group or a project, for whom a message was sent to and for its organizers or owners.</summary>
public sealed record Archive(string PlaceName, string PlacePath, bool IManage, Page<MessageSummary> Messages);

/// <summary>
/// Who reads what: a message, by its sender, its recipients and the group's organizers or the project's owners;
/// a thread, by its two people only. While a jury reviews the group or project (or once it removed it), only
/// those who run it still read its messages.
/// </summary>
public sealed class Reading(AppDbContext db, UserText text, IStringLocalizer<SharedResource> l)
{
    private sealed record Where(string Name, string Path, ContentModeration Moderation, bool IManage, bool IBelong);

    private async Task<Where?> WhereAsync(Guid? groupId, Guid? projectId, Guid me, CancellationToken ct) => groupId is { } gid
        ? await db.Groups.AsNoTracking().Where(g => g.Id == gid).Select(g => new Where(g.Name, "/groups/" + g.Slug, g.Moderation,
            db.Memberships.Any(m => m.GroupId == gid && m.MemberId == me && m.Role == GroupRole.Organizer),
            db.Memberships.Any(m => m.GroupId == gid && m.MemberId == me))).SingleOrDefaultAsync(ct)
        : await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new Where(p.Title, "/projects/" + p.Slug, p.Moderation,
            p.Owners.Any(o => o.MemberId == me),
            db.Pledges.Any(x => x.ProjectId == p.Id && x.MemberId == me && x.Status == PledgeStatus.Accepted))).SingleOrDefaultAsync(ct);

    private Outcome UnderReview() => Outcome.Refused(l["A community jury is reviewing this group or project (or removed it): its messages can't be read or answered meanwhile."]);

    public async Task<(MessageView? Message, Outcome Outcome)> MessageAsync(Guid id, Guid me, CancellationToken ct)
    {
        var m = await db.Messages.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null || await WhereAsync(m.GroupId, m.ProjectId, me, ct) is not { } where) return (null, Outcome.NotFound);
        var myThread = await db.MessageThreads.Where(t => t.MessageId == id && t.MemberId == me).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
        var sender = m.SenderId == me;
        if (!sender && myThread is null && !where.IManage)
            return (null, Outcome.Refused(l["Only the people this message was sent to, and the group's organizers or the project's owners, may read it."]));
        if (where.Moderation.IsFrozen() && !where.IManage) return (null, UnderReview());
        var senderName = await db.Users.PublicNameAsync(m.SenderId, ct);
        var needTitle = m.NeedId is { } nid ? await db.Needs.Where(n => n.Id == nid).Select(n => n.Title).SingleOrDefaultAsync(ct) : null;
        return (new MessageView(m.Id, m.Scope, m.GroupId, m.ProjectId, m.NeedId, where.Name, where.Path, needTitle, senderName, m.Subject, m.Body,
            text.ToSafeHtml(m.Body), m.SentAt, m.Recipients, sender, myThread), Outcome.Ok);
    }

    /// <summary>What a group or project sent: all of it for its organizers or owners, what reached me for the others.</summary>
    public async Task<(Archive? Archive, Outcome Outcome)> ArchiveAsync(Guid? groupId, Guid? projectId, Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        if (await WhereAsync(groupId, projectId, me, ct) is not { } where) return (null, Outcome.NotFound);
        var messages = db.Messages.AsNoTracking().Where(m => groupId != null ? m.GroupId == groupId : m.ProjectId == projectId);
        if (!where.IManage)
        {
            messages = messages.Where(m => db.MessageThreads.Any(t => t.MessageId == m.Id && t.MemberId == me));
            if (!where.IBelong && !await messages.AnyAsync(ct))
                return (null, Outcome.Refused(l["Only the people messages were sent to, and the group's organizers or the project's owners, may read this archive."]));
            if (where.Moderation.IsFrozen()) return (null, UnderReview());
        }
        var (number, size) = Paging.Clamp(page, pageSize);
        var total = await messages.CountAsync(ct);
        var items = await messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Skip((number - 1) * size).Take(size)
            .Select(m => new MessageSummary(m.Id, m.Scope, db.Needs.Where(n => n.Id == m.NeedId).Select(n => n.Title).FirstOrDefault(),
                db.Users.Where(u => u.Id == m.SenderId).Select(u => MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)).FirstOrDefault() ?? Member.FormerMemberName,
                m.Subject, m.SentAt, m.Recipients))
            .ToListAsync(ct);
        return (new Archive(where.Name, where.Path, where.IManage, new Page<MessageSummary>(items, number, size, total)), Outcome.Ok);
    }

    /// <summary>The threads of a message: every recipient's for its sender (those with replies first), my own for a recipient.</summary>
    public async Task<(Page<ThreadView>? Threads, Outcome Outcome)> ThreadsAsync(Guid messageId, Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (message, outcome) = await MessageAsync(messageId, me, ct);
        if (message is null) return (null, outcome);
        var threads = db.MessageThreads.AsNoTracking().Where(t => t.MessageId == messageId);
        if (!message.IAmSender) threads = threads.Where(t => t.MemberId == me);
        var (number, size) = Paging.Clamp(page, pageSize);
        var total = await threads.CountAsync(ct);
        var items = await (from t in threads
                           join u in db.Users on t.MemberId equals u.Id
                           orderby t.Replies == 0, t.LastReplyAt descending, t.Id
                           select new ThreadView(t.Id, t.MessageId, MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation), t.Replies, t.LastReplyAt))
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return (new Page<ThreadView>(items, number, size, total), Outcome.Ok);
    }

    /// <summary>One thread and its replies, oldest first, for its two people.</summary>
    public async Task<(MessageView? Message, ThreadView? Thread, Page<ReplyView>? Replies, Outcome Outcome)> ThreadAsync(Guid messageId, Guid threadId, Guid me,
        int? page, int? pageSize, CancellationToken ct)
    {
        var thread = await db.MessageThreads.AsNoTracking().SingleOrDefaultAsync(t => t.Id == threadId && t.MessageId == messageId, ct);
        if (thread is null) return (null, null, null, Outcome.NotFound);
        var (message, outcome) = await MessageAsync(messageId, me, ct);
        if (message is null) return (null, null, null, outcome);
        if (!message.IAmSender && thread.MemberId != me)
            return (null, null, null, Outcome.Refused(l["A conversation is private between the message's sender and the person who replies."]));
        var view = new ThreadView(thread.Id, messageId, await db.Users.PublicNameAsync(thread.MemberId, ct), thread.Replies, thread.LastReplyAt);
        var (number, size) = Paging.Clamp(page, pageSize ?? Paging.MaxSize);
        var replies = db.Replies.AsNoTracking().Where(r => r.ThreadId == threadId);
        var total = await replies.CountAsync(ct);
        var rows = await (from r in replies
                          join u in db.Users on r.AuthorId equals u.Id
                          orderby r.SentAt, r.Id
                          select new { r.Id, r.FromSender, r.AuthorId, r.Body, r.SentAt, Name = MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation) })
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(r => new ReplyView(r.Id, r.Name, r.FromSender, r.AuthorId == me, r.Body, text.ToSafeHtml(r.Body), r.SentAt)).ToList();
        return (message, view, new Page<ReplyView>(items, number, size, total), Outcome.Ok);
    }


    /// <summary>How many of a project's messages reached this member (a volunteer's link to the archive).</summary>
    public Task<int> ReceivedAsync(Guid projectId, Guid me, CancellationToken ct) =>
        db.MessageThreads.CountAsync(t => t.MemberId == me && t.Message!.ProjectId == projectId, ct);
}
