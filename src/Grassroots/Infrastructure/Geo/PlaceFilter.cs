using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Infrastructure.Geo;

/// <summary>The "near a ZIP, within N miles" part every directory shares, with the same messages.</summary>
public static class PlaceFilter
{
    public const int DefaultWithin = 25;
    public const int MaxWithin = 500;

    /// <summary>The origin (null when no ZIP was given); problems go to <paramref name="errors"/> as "near" and "within".</summary>
    public static (ZipPlace? Origin, int Miles) Read(string? near, int? within, ZipCodes zips, FieldErrors errors, IStringLocalizer l)
    {
        ZipPlace? origin = null;
        if (!string.IsNullOrWhiteSpace(near))
        {
            origin = zips.Find(near);
            if (origin is null) errors.Add("near", l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", near.Trim()]);
        }
        var miles = within ?? DefaultWithin;
        if (miles < 1 || miles > MaxWithin) errors.Add("within", l["The distance must be between 1 and {0} miles.", MaxWithin]);
        return (origin, miles);
    }
}
