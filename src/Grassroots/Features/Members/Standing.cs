using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>
/// Whether a member may reach other members' inboxes. While a community jury reviews a member's profile
/// (or after it removed it) they keep running what they run, but they write to nobody: a member flagged
/// for harassment does not go on mailing the people who flagged them, who may sit on the jury.
/// </summary>
public static class Standing
{
    public static Task<bool> IsFrozenAsync(this IQueryable<Member> users, Guid memberId, CancellationToken ct) =>
        users.AnyAsync(u => u.Id == memberId && u.Moderation != ContentModeration.Visible, ct);

    public static Outcome Frozen(IStringLocalizer l) =>
        Outcome.Refused(l["A community jury is reviewing your profile: you can't write to other members until it decides."]);
}
