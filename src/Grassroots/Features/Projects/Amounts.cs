using System.Globalization;

namespace Grassroots.Features.Projects;

public sealed class ProjectsOptions
{
    public const string Section = "Projects";
    /// <summary>The largest money goal one need may state, in cents ($1,000,000 by default), and the most it may gather.</summary>
    public long MaxMoneyGoalCents { get; set; } = 100_000_000;
    /// <summary>The largest head count, thing count or hours a need may state, and the most it may gather.</summary>
    public long MaxQuantity { get; set; } = 100_000;
    /// <summary>How often followers get a digest of project updates.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromDays(1);
    /// <summary>
    /// Merge proposals one member may make in a day: each reaches the other project's owners, so proposing
    /// and withdrawing in a loop must not become a way to write to any owner at will.
    /// </summary>
    public int MergeProposalsPerDay { get; set; } = 5;

    /// <summary>
    /// The ceiling of every amount of a kind, checked in one place: a need's quantity, one pledge, and
    /// what a need that welcomes more may gather in all. Far below long.MaxValue, so no counter overflows.
    /// </summary>
    public long Ceiling(NeedKind kind) => kind == NeedKind.Money ? MaxMoneyGoalCents : MaxQuantity;
}

/// <summary>Amounts as people type and read them: dollars on forms, cents in the model, the reader's number format.</summary>
public static class Amounts
{
    /// <summary>
    /// A number typed on a form (dollars for money) in the model's unit. Saturates instead of overflowing:
    /// 1e20 becomes long.MaxValue, which the ceiling check then refuses with a message saying the limit.
    /// </summary>
    public static long? FromForm(decimal? typed, NeedKind kind)
    {
        if (typed is not { } value) return null;
        // Compared before multiplying: dollars × 100 overflows decimal itself near 7.9e26.
        const decimal most = long.MaxValue / 100m, least = long.MinValue / 100m;
        if (kind == NeedKind.Money && value >= most) return long.MaxValue;
        if (kind == NeedKind.Money && value <= least) return long.MinValue;
        var units = kind == NeedKind.Money ? value * 100 : value;
        return units >= long.MaxValue ? long.MaxValue : units <= long.MinValue ? long.MinValue : (long)Math.Round(units, MidpointRounding.AwayFromZero);
    }

    /// <summary>A count in the reader's number format: "1,000" or "1.000".</summary>
    public static string Format(long units) => units.ToString("N0", CultureInfo.CurrentCulture);
}

/// <summary>Money is integer cents; shown in US dollars in the reader's number format ("$12.50"; whole dollars without cents).</summary>
public static class Money
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-US");

    public static string Format(long cents)
    {
        // The currency is always US dollars; the reader's language decides separators and symbol placement.
        var culture = CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "es" ? Spanish : English;
        return (cents / 100m).ToString(cents % 100 == 0 ? "C0" : "C2", culture);
    }
}
