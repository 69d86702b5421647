using System.Globalization;

namespace Grassroots.Ballots.Counting;

/// <summary>
/// A ballot's choices as one canonical string, the form the tracker hashes and the audit file publishes, so that
/// anyone recomputes the same tracker: "yes", "no" or "abstain"; approved option numbers ascending, comma-separated
/// ("1,3"; "" approves none); a ranking by option number, first choice first ("3>1>2"). Options are numbered from 1
/// in the motion's order.
/// </summary>
public static class Choices
{
    public const string Yes = "yes", No = "no", Abstain = "abstain";

    /// <summary>The canonical form of <paramref name="text"/>, or the problem with it.</summary>
    public static (string? Canonical, string? Problem) Normalize(MotionMethod method, int options, string? text)
    {
        text = (text ?? "").Trim();
        switch (method)
        {
            case MotionMethod.YesNo:
                var lower = text.ToLowerInvariant();
                return lower is Yes or No or Abstain ? (lower, null) : (null, "Choose yes, no or abstain.");
            case MotionMethod.Approval:
                if (text.Length == 0) return ("", null);
                var approved = new SortedSet<int>();
                foreach (var part in text.Split(','))
                {
                    if (!TryOption(part, options, out var o)) return (null, $"\"{Clip(part)}\" is not an option: options are numbered 1 to {options}.");
                    if (!approved.Add(o)) return (null, $"Option {o} is approved twice.");
                }
                return (string.Join(',', approved), null);
            default:
                if (text.Length == 0) return (null, "Rank at least one option.");
                var ranked = new List<int>();
                foreach (var part in text.Split('>'))
                {
                    if (!TryOption(part, options, out var o)) return (null, $"\"{Clip(part)}\" is not an option: options are numbered 1 to {options}.");
                    if (ranked.Contains(o)) return (null, $"Option {o} is ranked twice: rank each option once.");
                    ranked.Add(o);
                }
                return (string.Join('>', ranked), null);
        }
    }

    /// <summary>A canonical ranking as 0-based option indexes.</summary>
    public static int[] Ranking(string canonical) => canonical.Split('>').Select(p => int.Parse(p, CultureInfo.InvariantCulture) - 1).ToArray();

    /// <summary>A canonical approval as 0-based option indexes.</summary>
    public static IEnumerable<int> Approved(string canonical) =>
        canonical.Length == 0 ? [] : canonical.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture) - 1);

    private static bool TryOption(string part, int options, out int option) =>
        int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out option) && option >= 1 && option <= options;

    private static string Clip(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
