using Microsoft.Extensions.Localization;

namespace Grassroots.Infrastructure.Web;

public static class LocalizerExtensions
{
    /// <summary>"1 member" / "3 members": English and Spanish both need only one and other.</summary>
    public static LocalizedString Count(this IStringLocalizer l, int n, string one, string other) =>
        n == 1 ? l[one] : l[other, n];

    /// <summary>A counted sentence with more to say: {0} is the count, {1}… the other arguments.</summary>
    public static LocalizedString Count(this IStringLocalizer l, int n, string one, string other, params object[] args) =>
        n == 1 ? l[one, [n, .. args]] : l[other, [n, .. args]];

    public static LocalizedString Members(this IStringLocalizer l, int n) => l.Count(n, "1 member", "{0} members");
}
