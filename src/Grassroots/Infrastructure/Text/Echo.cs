namespace Grassroots.Infrastructure.Text;

/// <summary>Repeating what someone typed back to them in a message, without repeating a novel.</summary>
public static class Echo
{
    public static string Short(string text, int max = 40) => text.Length > max ? text[..max] + "…" : text;

    /// <summary>
    /// At most <paramref name="max"/> characters cut between words, never inside one (a single word longer than that is
    /// cut), with "…" when anything was left out; trailing punctuation and spaces before the cut go.
    /// </summary>
    public static string AtWord(string text, int max)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max) return text;
        for (var space = text.LastIndexOf(' ', max); space > 0; space = text.LastIndexOf(' ', space - 1))
        {
            var cut = text[..space].TrimEnd(',', ';', ':', '.', '-', '—', '–');
            if (cut.Length < max) return cut + "…";
        }
        return text[..(max - 1)] + "…";
    }
}
