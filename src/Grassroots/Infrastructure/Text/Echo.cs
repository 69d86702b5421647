namespace Grassroots.Infrastructure.Text;

/// <summary>Repeating what someone typed back to them in a message, without repeating a novel.</summary>
public static class Echo
{
    public static string Short(string text, int max = 40) => text.Length > max ? text[..max] + "…" : text;
}
