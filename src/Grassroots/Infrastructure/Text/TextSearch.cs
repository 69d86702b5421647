namespace Grassroots.Infrastructure.Text;

/// <summary>The "contains these words" filter every directory shares.</summary>
public static class TextSearch
{
    public const int MaxQueryLength = 100;

    /// <summary>A LIKE pattern (escape character '\') that finds <paramref name="text"/> anywhere, its wildcards taken literally.</summary>
    public static string ContainsPattern(string text) =>
        $"%{text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
}
