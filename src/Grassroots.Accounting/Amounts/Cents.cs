using System.Globalization;

namespace Grassroots.Accounting.Amounts;

/// <summary>
/// Amounts are whole cents in a long, everywhere: no floating point touches money. Reading an amount a person typed
/// ("27", "27.5", "27.50", "27,50", "$1,000") is strict: at most two decimals (no fractional cents), nothing negative, at most
/// <see cref="Max"/>.
/// </summary>
public static class Cents
{
    /// <summary>$10,000,000.00: far above any gift, far below overflow when millions are summed.</summary>
    public const long Max = 1_000_000_000;

    public enum Problem { None, Empty, NotANumber, FractionalCents, Negative, Zero, TooLarge }

    public static (long Cents, Problem Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, Problem.Empty);
        var t = text.Trim().TrimStart('$').Trim();
        // A comma followed by one or two digits at the end is a decimal comma, as Spanish writes it ("27,50", "1.000,5");
        // any other comma (and, then, any point before it) groups thousands ("1,000", "1,000.50").
        var (comma, point) = (t.LastIndexOf(','), t.LastIndexOf('.'));
        var s = comma > point && t.Length - comma - 1 is 1 or 2
            ? t[..comma].Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal) + "." + t[(comma + 1)..]
            : t.Replace(",", "", StringComparison.Ordinal);
        if (s.StartsWith('-')) return (0, Problem.Negative);
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return (0, Problem.NotANumber);
        if (fraction.Length > 2) return fraction.Skip(2).All(c => c == '0') ? Parse(s[..(dot + 3)]) : (0, Problem.FractionalCents);
        if (whole.TrimStart('0').Length > 8) return (0, Problem.TooLarge);
        var cents = (whole.Length == 0 ? 0 : long.Parse(whole, CultureInfo.InvariantCulture)) * 100 + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return cents switch { 0 => (0, Problem.Zero), > Max => (0, Problem.TooLarge), _ => (cents, Problem.None) };
    }
}
