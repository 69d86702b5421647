using System.Globalization;
using System.Text;

namespace Grassroots.Infrastructure.Text;

/// <summary>
/// The "skeleton" of Unicode TR39 (§4): two strings that look alike have the same skeleton, so
/// "Millennials" with a Cyrillic "е", "ｍｉｌｌｅｎｎｉａｌｓ" and "MiIlennials" compare equal. For
/// comparing only; never shown (it turns "m" into "rn"). The table is Unicode's confusables.txt,
/// converted from the npm package unhomoglyph by scripts/build-confusables.mjs.
/// </summary>
public static class Confusables
{
    private static readonly Lazy<Dictionary<int, string>> Table = new(Load);

    /// <summary>Case-folded first (names are unique regardless of case), then TR39: NFD, map each code point to its prototype, NFD.</summary>
    public static string Skeleton(string s)
    {
        var table = Table.Value;
        var folded = UserText.Collapse(s).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i += char.IsSurrogatePair(folded, i) ? 2 : 1)
        {
            var cp = char.ConvertToUtf32(folded, i);
            if (table.TryGetValue(cp, out var prototype)) sb.Append(prototype);
            else sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString().Normalize(NormalizationForm.FormD);
    }

    private static Dictionary<int, string> Load()
    {
        using var stream = typeof(Confusables).Assembly.GetManifestResourceStream("Grassroots.confusables.txt")
            ?? throw new InvalidOperationException("The confusables table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>(6400);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            var from = int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var to = string.Concat(line[(tab + 1)..].Split(' ').Select(h => char.ConvertFromUtf32(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            table[from] = to;
        }
        return table;
    }
}
