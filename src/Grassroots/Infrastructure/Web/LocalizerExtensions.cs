using Microsoft.Extensions.Localization;

namespace Grassroots.Infrastructure.Web;

public static class LocalizerExtensions
{
    /// <summary>"1 member" / "3 members": English and Spanish both need only one and other.</summary>
    public static LocalizedString Count(this IStringLocalizer l, int n, string one, string other) =>
        n == 1 ? l[one] : l[other, n];

    public static LocalizedString Members(this IStringLocalizer l, int n) => l.Count(n, "1 member", "{0} members");
}
