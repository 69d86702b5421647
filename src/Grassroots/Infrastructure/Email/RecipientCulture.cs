using System.Globalization;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// An email is written in its recipient's language (their profile's choice; English when they
/// made none), not in the language of whoever caused it. Use around composing one message.
/// </summary>
public readonly struct RecipientCulture : IDisposable
{
    private readonly CultureInfo ui, culture;

    private RecipientCulture(string? name)
    {
        (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        var chosen = name is "es" ? new CultureInfo("es") : new CultureInfo("en");
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (chosen, chosen);
    }

    public static RecipientCulture Use(string? name) => new(name);

    public void Dispose() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
}
