using Microsoft.Extensions.Localization;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// The Idempotency-Key header every retryable write accepts. One rule for all of them: trimmed, at most 100
/// characters, and no control characters (PostgreSQL refuses a NUL in text, and no client means one).
/// </summary>
public static class IdempotencyKeys
{
    public const int MaxLength = 100;
    public const string Field = "Idempotency-Key";

    /// <summary>The key as stored (null when none was sent), or the field error that says what to fix.</summary>
    public static (string? Key, Outcome Problem) Read(string? sent, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(sent)) return (null, Outcome.Ok);
        var key = sent.Trim();
        if (key.Length > MaxLength) return (null, Outcome.Invalid(Field, l["The idempotency key can be at most {0} characters.", MaxLength]));
        if (key.Any(char.IsControl)) return (null, Outcome.Invalid(Field, l["The idempotency key can't contain control characters: send letters, digits and dashes, such as a UUID."]));
        return (key, Outcome.Ok);
    }
}
