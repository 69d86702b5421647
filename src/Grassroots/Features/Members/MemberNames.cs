using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

public static class MemberNames
{
    /// <summary>
    /// The name others see: the first name, or the full name if the member chose to show it; the
    /// stand-in for an erased account. The one rule every list, email and signature uses; a query
    /// selects the three columns and calls this in its final projection (no throwaway Member).
    /// </summary>
    public static string Public(string displayName, bool showFullName, DateTimeOffset? deletedAt, ContentModeration moderation) =>
        deletedAt is not null ? Member.FormerMemberName
        // A profile a jury removed (an impersonation, say) loses its name everywhere, not only on its page.
        : moderation == ContentModeration.Removed ? Member.RemovedProfileName
        : showFullName ? displayName
        : displayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "Member";

    /// <summary>One member's public name, read alone (three columns); the erased-account stand-in when there is no such row.</summary>
    public static async Task<string> PublicNameAsync(this IQueryable<Member> users, Guid memberId, CancellationToken ct) =>
        await users.AsNoTracking().Where(u => u.Id == memberId)
            .Select(u => Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)).SingleOrDefaultAsync(ct) ?? Member.FormerMemberName;

    /// <summary>A member's public name is theirs and shown as it is, except the stand-in for an erased account.</summary>
    public static string Show(this IStringLocalizer l, string publicName) => publicName switch
    {
        Member.FormerMemberName => l["Former member"],
        Member.RemovedProfileName => l["Member (profile removed by a jury)"],
        _ => publicName,
    };
}
