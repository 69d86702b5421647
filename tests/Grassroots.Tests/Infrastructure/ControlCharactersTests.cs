using Grassroots.Infrastructure.Text;

namespace Grassroots.Tests.Infrastructure;

public class ControlCharactersTests
{
    [Fact]
    public void Controls_and_bidi_overrides_go_line_breaks_and_right_to_left_text_stay()
    {
        Assert.Equal("evil", ControlCharacters.Strip("\u202Eevil"));
        Assert.Equal("SEA 37-1234", ControlCharacters.Strip("SEA\u2066 37-\u202D1234\u2069"));
        Assert.Equal("ab", ControlCharacters.Strip("a\0b"));
        Assert.Equal("line\nbreak\ttab", ControlCharacters.Strip("line\nbreak\ttab"));
        Assert.Equal("שלום עולם", ControlCharacters.Strip("שלום עולם"));
        Assert.Equal("José Ñúñez", ControlCharacters.Strip("José Ñúñez"));
        // Invisible marks that make a name look like another, and line separators in one-line fields, go too.
        Assert.Equal("=2+2 Ada", ControlCharacters.Strip("\u061C=2+2\u2028 \u200BAda\uFEFF"));
        // Joiners stay: scripts and emoji need them.
        Assert.Equal("क्\u200Dष 👩\u200D💻", ControlCharacters.Strip("क्\u200Dष 👩\u200D💻"));
    }
}
