using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

public sealed record GroupView(Guid Id, string Slug, string Name, GroupKind Kind, string Description, string DescriptionHtml,
    string? Zip, string? City, string? State, int? RadiusMiles, bool Nationwide, int MemberCount, DateTimeOffset CreatedAt,
    string FounderName, GroupRole? MyRole, bool Hidden = false, ContentModeration Moderation = ContentModeration.Visible);

public sealed record MyGroup(Guid Id, string Slug, string Name, GroupKind Kind, string? City, string? State, int MemberCount, GroupRole Role, DateTimeOffset JoinedAt);

public sealed record GroupMemberView(Guid MemberId, string Name, string? City, string? State, GroupRole Role, DateTimeOffset JoinedAt);

/// <summary>Reads of one group: its page and its members, with each member's privacy respected.</summary>
public sealed class GroupDetails(AppDbContext db, ModerationNotices notices)
{
    /// <summary>What this viewer may see of a group a jury reviews or removed: its organizers are its authors.</summary>
    public Task<ModerationNotice> NoticeAsync(GroupView g, Guid? viewer, CancellationToken ct) =>
        notices.ForViewerAsync("group", g.Id.ToString(), g.Moderation, g.MyRole == GroupRole.Organizer, viewer, ct);

    /// <summary>The API's answer when the viewer may not see the group (410 removed, 403 under review).</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refusal(ModerationNotice notice) => notices.Problem(notice);

    public async Task<GroupView?> FindAsync(string idOrSlug, Guid? viewer, CancellationToken ct)
    {
        idOrSlug = Infrastructure.Text.ControlCharacters.Strip(idOrSlug)!; // route values of the API bypass the page binders
        var groups = db.Groups.AsNoTracking();
        groups = Guid.TryParse(idOrSlug, out var id) ? groups.Where(g => g.Id == id) : groups.Where(g => g.Slug == idOrSlug);
        var g = await groups.Select(g => new
        {
            Group = g,
            Founder = g.Founder!,
            MyRole = db.Memberships.Where(m => m.GroupId == g.Id && m.MemberId == viewer).Select(m => (GroupRole?)m.Role).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct);
        if (g is null) return null;
        var x = g.Group;
        return new GroupView(x.Id, x.Slug, x.Name, x.Kind, x.Description, x.DescriptionHtml, x.Zip, x.City, x.State, x.RadiusMiles,
            x.IsNationwide, x.MemberCount, x.CreatedAt, g.Founder.PublicName, g.MyRole, x.HiddenAt is not null, x.Moderation);
    }

    /// <summary>The groups a member belongs to, newest membership first.</summary>
    public async Task<Page<MyGroup>> MineAsync(Guid memberId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Memberships.AsNoTracking().Where(m => m.MemberId == memberId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.JoinedAt).Skip((p - 1) * size).Take(size)
            .Select(m => new MyGroup(m.GroupId, m.Group!.Slug, m.Group.Name, m.Group.Kind, m.Group.City, m.Group.State, m.Group.MemberCount, m.Role, m.JoinedAt))
            .ToListAsync(ct);
        return new Page<MyGroup>(items, p, size, total);
    }

    /// <summary>Organizers first, then by joining date; names as each member chose to show them.</summary>
    public async Task<Page<GroupMemberView>> MembersAsync(Guid groupId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Memberships.AsNoTracking().Where(m => m.GroupId == groupId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Role).ThenBy(m => m.JoinedAt).Skip((p - 1) * size).Take(size)
            .Select(m => new { m.MemberId, m.Role, m.JoinedAt, m.Member!.DisplayName, m.Member.ShowFullName, m.Member.City, m.Member.State, m.Member.DeletedAt, m.Member.Moderation })
            .ToListAsync(ct);
        var items = rows.Select(r => new GroupMemberView(r.MemberId, MemberNames.Public(r.DisplayName, r.ShowFullName, r.DeletedAt, r.Moderation),
            r.City, r.State, r.Role, r.JoinedAt)).ToList();
        return new Page<GroupMemberView>(items, p, size, total);
    }
}
