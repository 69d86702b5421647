using System.Xml.Linq;

namespace Grassroots.Tests.Features.Shared;

/// <summary>
/// Spanish that a reviewer found misleading or awkward, checked so it does not come back: flashes that
/// read like duplicate errors, a purchase for a request, a digest that does not say it is an email, and
/// skill names (capitalized in the catalog) dropped mid-sentence.
/// </summary>
public sealed class SpanishWordingTests
{
    private static readonly Dictionary<string, string> Spanish = XDocument.Load(Path.Combine(RepoRoot(), "src", "Grassroots", "Resources", "SharedResource.es.resx"))
        .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Theory]
    [InlineData("Your group is live. Invite people to join, and tell them what you will do together.", "Tu grupo está creado.", "ya existe")]
    [InlineData("Your project is live. Share it, and answer pledges as they come.", "Tu proyecto está creado.", "ya existe")]
    [InlineData("Your request is on its way.", "solicitud", "pedido")]
    [InlineData("The update is posted; followers get it in their digest.", "correo diario", "en su resumen")]
    [InlineData("You follow this project: its updates come in your digest.", "correo diario", "en tu resumen")]
    public void Flashes_say_what_happened(string english, string says, string never)
    {
        Assert.Contains(says, Spanish[english]);
        Assert.DoesNotContain(never, Spanish[english]);
    }

    [Theory]
    [InlineData("can do {0}")]
    [InlineData("needs {0}: your skill")]
    public void A_skill_name_follows_a_colon_never_a_verb(string english) =>
        // "sabe Conducir" reads wrong; "habilidades: Conducir" is a label and its value.
        Assert.EndsWith(": {0}", Spanish[english]);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grassroots.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
