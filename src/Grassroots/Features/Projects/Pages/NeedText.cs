using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>How pages say amounts of a need: "3 of 5 people", "$120 of $250", "12 hours".</summary>
public static class NeedText
{
    public static string Progress(IStringLocalizer l, NeedView n) =>
        l["{0} of {1}", n.Kind == NeedKind.Money ? Money.Format(n.Filled) : Amounts.Format(n.Filled), Amount(l, n.Kind, n.Quantity)];

    public static string Amount(IStringLocalizer l, NeedKind kind, long units) => kind switch
    {
        NeedKind.Money => Money.Format(units),
        NeedKind.Hours => l.Count((int)Math.Min(units, int.MaxValue), "1 hour", "{0} hours"),
        NeedKind.People => l.Count((int)Math.Min(units, int.MaxValue), "1 person", "{0} people"),
        _ => Amounts.Format(units),
    };
}
