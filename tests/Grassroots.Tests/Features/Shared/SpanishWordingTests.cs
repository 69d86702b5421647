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

    [Theory]
    [InlineData("Organizer", "Persona organizadora")]
    [InlineData("You are an organizer", "Organizas este grupo")]
    [InlineData("Make organizer: {0}", "Sumar a la organización: {0}")] // the visible "Sumar a la organización" stays part of the name (axe: label-content-name-mismatch)
    [InlineData("You are a co-owner of this project now.", "Ahora eres corresponsable de este proyecto.")]
    [InlineData("Welcome to {0}! The organizers can now reach you through Grassroots.", "¡Te damos la bienvenida a {0}!")]
    public void Roles_are_named_without_guessing_a_gender(string english, string says) =>
        // There is no gender on a profile: "Organizador/a", "Bienvenida/o" or a masculine default guess one.
        Assert.Contains(says, Spanish[english]);

    [Fact]
    public void No_entry_guesses_a_gender_or_mixes_words_for_an_owner()
    {
        var guessed = Spanish.Where(e => System.Text.RegularExpressions.Regex.IsMatch(e.Value,
            @"/a\b|/o\b|\bcopropietari|\bpropietari|\b(el|un|nuevo) organizador\b|\borganizador(es)?\b(?! de)|Fuiste elegido|Saliste sorteado|el único (propietario|responsable)|el último organizador"))
            .Select(e => $"{e.Key} → {e.Value}").ToList();
        Assert.True(guessed.Count == 0, string.Join("\n", guessed));
    }

    [Theory]
    [InlineData("You pledged {0}: waiting for an owner.", "Tu compromiso ({0})")]
    [InlineData("You pledged {0}: accepted. Thank you!", "Tu compromiso ({0})")]
    public void A_pledge_names_the_amount_as_what_was_promised(string english, string says)
    {
        // "Te comprometiste a 1 persona" reads as promising oneself to a person; the amount is what the pledge holds.
        Assert.StartsWith(says, Spanish[english]);
    }

    [Theory]
    [InlineData("within 1 mile", "1 milla")]
    [InlineData("1 member", "1 miembro")]
    [InlineData("1 person", "1 persona")]
    [InlineData("See the 1 member", "único miembro")]
    [InlineData("Your vote (the only juror)", "única persona del jurado")]
    public void One_of_a_thing_has_its_own_singular_entry(string english, string says) => Assert.Contains(says, Spanish[english]);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grassroots.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
