using System.Security.Claims;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Grassroots.Features.Messages;

/// <summary>
/// A group's invite link, to share: the group's own address with the inviter's public profile id (nothing else
/// about them), a mailto: link the member's own mail client sends (the site never mails strangers), and a flyer.
/// </summary>
public sealed record InviteLink(string Url, string MailTo, string FlyerUrl);

public sealed class Invites(AppDbContext db, SiteLinks links, IStringLocalizer<SharedResource> l)
{
    public async Task<InviteLink?> ForAsync(Guid groupId, Guid? inviter, CancellationToken ct)
    {
        var g = await db.Groups.AsNoTracking().Where(x => x.Id == groupId && x.Moderation == ContentModeration.Visible)
            .Select(x => new { x.Name, x.Slug, Mine = db.Memberships.Any(m => m.GroupId == x.Id && m.MemberId == inviter) }).SingleOrDefaultAsync(ct);
        // Only a member's link names them: anyone else gets the group's plain address.
        return g is null ? null : Link(g.Slug, g.Name, g.Mine ? inviter : null);
    }

    public InviteLink Link(string slug, string name, Guid? inviter)
    {
        var url = links.To($"/groups/{slug}" + (inviter is { } by ? $"?by={by}" : ""));
        var subject = l["Join {0} on Grassroots", name].Value;
        var body = l["I'm part of {0} and I'd like you to join us. Here is the link:", name].Value + "\n\n" + url;
        return new InviteLink(url, $"mailto:?subject={Uri.EscapeDataString(subject)}&body={Uri.EscapeDataString(body)}", links.To($"/groups/{slug}/flyer"));
    }

    /// <summary>
    /// The inviter's public name, when the link names a member of this group who still has an account: ids
    /// are public, so a link naming someone who is not in the group would be a forged endorsement.
    /// </summary>
    public Task<string?> InviterAsync(Guid groupId, Guid by, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == by && u.DeletedAt == null && u.Moderation == ContentModeration.Visible
                && db.Memberships.Any(m => m.GroupId == groupId && m.MemberId == by))
            .Select(u => MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)).SingleOrDefaultAsync(ct);

    /// <summary>A QR code of the link as SVG, scaled by its view box, for the printed flyer.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}

/// <summary>What the group page shows a member: the invite link to share and the group's message archive.</summary>
public sealed record GroupConversations(GroupView Group, InviteLink Invite, bool Organizer, int Messages);

internal sealed class GroupConversationsSection(AppDbContext db, Invites invites) : IGroupPageSection
{
    public int Order => 50;

    public async Task<GroupPageSection?> LoadAsync(GroupView group, ClaimsPrincipal viewer, CancellationToken ct)
    {
        if (group.MyRole is null || group.Moderation.IsFrozen() || viewer.MemberId() is not { } me) return null;
        var organizer = group.MyRole == GroupRole.Organizer;
        var messages = await db.Messages.CountAsync(m => m.GroupId == group.Id && (organizer || db.MessageThreads.Any(t => t.MessageId == m.Id && t.MemberId == me)), ct);
        return new GroupPageSection("/Features/Messages/Pages/_GroupConversations.cshtml",
            new GroupConversations(group, invites.Link(group.Slug, group.Name, me), organizer, messages));
    }
}

public sealed record ExportedMessage(Guid Id, string Scope, Guid? GroupId, Guid? ProjectId, string Subject, string Body, DateTimeOffset SentAt, int Recipients);
public sealed record ExportedReply(Guid MessageId, string Body, DateTimeOffset SentAt);

/// <summary>Conversations' part of a member's data export: the messages they sent and the replies they wrote.</summary>
internal sealed class ConversationsPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var sent = await db.Messages.AsNoTracking().Where(m => m.SenderId == memberId).OrderBy(m => m.SentAt)
            .Select(m => new ExportedMessage(m.Id, m.Scope.ToString(), m.GroupId, m.ProjectId, m.Subject, m.Body, m.SentAt, m.Recipients)).ToListAsync(ct);
        var replies = await (from r in db.Replies.AsNoTracking()
                             where r.AuthorId == memberId
                             join t in db.MessageThreads on r.ThreadId equals t.Id
                             orderby r.SentAt
                             select new ExportedReply(t.MessageId, r.Body, r.SentAt)).ToListAsync(ct);
        return [("messagesSent", sent), ("replies", replies)];
    }
}
