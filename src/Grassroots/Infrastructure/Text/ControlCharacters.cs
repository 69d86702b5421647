using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;

namespace Grassroots.Infrastructure.Text;

/// <summary>
/// Control characters (NUL above all) are never meant by a person, and PostgreSQL refuses NUL in
/// text: they are removed from every string the site takes in, so "%00" in a search or a form
/// cannot turn into a server error. Line breaks and tabs stay. The bidirectional overrides, embeddings and isolates
/// (U+202A–U+202E, U+2066–U+2069) go too: they make a name or a code display as something else ("Trojan Source"),
/// and right-to-left text needs none of them to show right. So do the invisible marks that do the same with less
/// (U+061C, the Arabic letter mark), the zero-width space and byte-order mark (U+200B, U+FEFF: a name that looks like
/// another), and the Unicode line and paragraph separators (U+2028, U+2029: a line break a one-line field doesn't
/// expect). The zero-width joiners (U+200C, U+200D) stay: scripts and emoji need them.
/// </summary>
public static class ControlCharacters
{
    public static string? Strip(string? s)
    {
        if (s is null) return null;
        var clean = true;
        foreach (var c in s)
            if (IsUnwanted(c)) { clean = false; break; }
        if (clean) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            if (!IsUnwanted(c)) sb.Append(c);
        return sb.ToString();
    }

    private static bool IsUnwanted(char c) => (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u061C' or '\u200B' or '\uFEFF' or '\u2028' or '\u2029';
}

/// <summary>For JSON bodies of the API.</summary>
public sealed class StripControlCharactersConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ControlCharacters.Strip(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// For forms and query strings of the pages: wraps the usual value providers. Their values are read
/// with the invariant culture: browsers send number and date inputs that way whatever the page's
/// language ("12.5", "2026-06-04"), and reading a Spanish reader's form with Spanish rules turned
/// $12.5 into $125 (the dot separates thousands there).
/// </summary>
public sealed class StripControlCharactersValueProviderFactory(IValueProviderFactory inner) : IValueProviderFactory
{
    public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        var before = context.ValueProviders.Count;
        await inner.CreateValueProviderAsync(context);
        for (var i = before; i < context.ValueProviders.Count; i++)
            context.ValueProviders[i] = new Stripping(context.ValueProviders[i]);
    }

    /// <summary>
    /// Passes on what the framework asks of a value provider besides values: its binding source
    /// ([FromQuery], [FromForm] filter on it) and its keys (collections such as Needs[0]).
    /// </summary>
    private sealed class Stripping(IValueProvider inner) : IValueProvider, IBindingSourceValueProvider, IEnumerableValueProvider, IKeyRewriterValueProvider
    {
        public bool ContainsPrefix(string prefix) => inner.ContainsPrefix(prefix);

        public ValueProviderResult GetValue(string key)
        {
            var result = inner.GetValue(key);
            if (result == ValueProviderResult.None) return result;
            var values = result.Values.Select(ControlCharacters.Strip).ToArray();
            return new ValueProviderResult(new StringValues(values), CultureInfo.InvariantCulture);
        }

        public IValueProvider? Filter(BindingSource bindingSource) =>
            inner is IBindingSourceValueProvider source ? source.Filter(bindingSource) is { } kept ? new Stripping(kept) : null : this;

        public IDictionary<string, string> GetKeysFromPrefix(string prefix) =>
            inner is IEnumerableValueProvider keys ? keys.GetKeysFromPrefix(prefix) : new Dictionary<string, string>();

        public IValueProvider? Filter() =>
            inner is IKeyRewriterValueProvider rewriter ? rewriter.Filter() is { } kept ? new Stripping(kept) : null : this;
    }
}
