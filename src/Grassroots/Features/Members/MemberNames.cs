using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

public static class MemberNames
{
    /// <summary>A member's public name is theirs and shown as it is, except the stand-in for an erased account.</summary>
    public static string Show(this IStringLocalizer l, string publicName) =>
        publicName == Member.FormerMemberName ? l["Former member"] : publicName;
}
