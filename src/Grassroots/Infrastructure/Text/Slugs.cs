using System.Globalization;
using System.Text;

namespace Grassroots.Infrastructure.Text;

/// <summary>Readable addresses (/groups/philadelphia-chapter, /projects/town-hall-turnout) made from names.</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    /// <summary>Words the site's own addresses use (/groups/new, /projects/similar, /projects/mine): never a slug.</summary>
    private static readonly HashSet<string> Reserved = ["new", "similar", "edit", "mine", "invitations"];

    /// <summary>"Millennials for Progress — Philly!" → "millennials-for-progress-philly"; <paramref name="fallback"/> when nothing is left.</summary>
    public static string From(string name, string fallback)
    {
        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].Trim('-');
        // A slug that reads as an id ("3f2b…-…") would answer at another row's id address.
        return slug.Length == 0 ? fallback : Reserved.Contains(slug) || Guid.TryParse(slug, out _) ? slug + "-1" : slug;
    }

    /// <summary>
    /// The slug to try when <paramref name="slug"/> was taken: the name plus part of the row's own id
    /// (random in a version-7 GUID), longer at each attempt, so parallel inserts of one name end distinct.
    /// </summary>
    public static string Retry(string slug, Guid id, int attempt)
    {
        var stem = slug;
        var random = id.ToString("N");
        return $"{stem}-{random[^Math.Min(random.Length, 6 + 4 * attempt)..]}";
    }
}
