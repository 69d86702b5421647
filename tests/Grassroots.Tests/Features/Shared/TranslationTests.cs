using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Grassroots.Tests.Features.Shared;

/// <summary>
/// Every page is in English and Spanish: each English string the code looks up through the
/// localizer (English is the key) has a Spanish entry, and the entries keep their placeholders.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string Source = Path.Combine(RepoRoot(), "src", "Grassroots");

    [Fact]
    public void Every_string_the_code_looks_up_has_a_spanish_translation()
    {
        var spanish = SpanishEntries();
        var missing = LookedUpStrings().Where(k => !spanish.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Add these to Resources/SharedResource.es.resx (scripts/resx.py helps):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Spanish_entries_keep_the_placeholders_of_the_english_text()
    {
        var wrong = SpanishEntries().Where(e => Placeholders(e.Key) != Placeholders(e.Value)).Select(e => $"{e.Key} → {e.Value}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // .resx names are case-insensitive: the build keeps one of "Online"/"online" and drops the other.
        var clashes = SpanishEntries().Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, string.Join("\n", clashes));
    }

    private static string Placeholders(string s) => string.Join(",", Placeholder().Matches(s).Select(m => m.Value).Distinct().Order());

    private static Dictionary<string, string> SpanishEntries() =>
        XDocument.Load(Path.Combine(Source, "Resources", "SharedResource.es.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static HashSet<string> LookedUpStrings()
    {
        const string lit = "\"((?:[^\"\\\\]|\\\\.)*)\"";
        Regex[] everywhere = [new(@"\b[Ll]\[\s*" + lit), new(@"\.Count\([^""\n]+?,\s*" + lit + @"\s*,\s*" + lit),
            new(@"new\(""[^""]+"", " + lit + ", " + lit + @"\)"), new(@"SendAsync\((?:email|member), " + lit + @",\s*" + lit)];
        var catalog = new Regex(@"\] = " + lit); // the labels of Catalog.cs and GroupForm.cs
        var keys = new HashSet<string> { "Constituency", "Chapter", "Issue", "Group", "Member", "Idea", "Active", "Done", "Archived", "1 hour", "{0} hours", "1 person", "{0} people", "Under review: hidden until the jury decides", "Removed by the jury", "Kept by the jury" };
        foreach (var file in Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/Migrations/") && !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var text = File.ReadAllText(file);
            var patterns = Path.GetFileName(file) is "Catalog.cs" or "GroupForm.cs" or "ProjectForm.cs" ? [.. everywhere, catalog] : everywhere;
            foreach (var p in patterns)
                foreach (Match m in p.Matches(text))
                    foreach (var g in m.Groups.Cast<Group>().Skip(1).Where(g => g.Success))
                        keys.Add(Regex.Unescape(g.Value));
        }
        return keys;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grassroots.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
