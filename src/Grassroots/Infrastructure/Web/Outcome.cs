namespace Grassroots.Infrastructure.Web;

public enum OutcomeKind { Ok, NotFound, Forbidden, Invalid }

/// <summary>
/// What a use case answers, independent of HTTP: the API maps it to a status code and
/// problem+json, the page to ModelState errors or a redirect. A refusal may say why
/// (<see cref="Detail"/>: "a jury is reviewing this project").
/// </summary>
public readonly record struct Outcome(OutcomeKind Kind, FieldErrors? Errors = null, string? Detail = null)
{
    public static readonly Outcome Ok = new(OutcomeKind.Ok);
    public static readonly Outcome NotFound = new(OutcomeKind.NotFound);
    public static readonly Outcome Forbidden = new(OutcomeKind.Forbidden);
    public static Outcome Refused(string why) => new(OutcomeKind.Forbidden, Detail: why);
    public static Outcome Invalid(FieldErrors errors) => new(OutcomeKind.Invalid, errors);
    public static Outcome Invalid(string field, string message) => new(OutcomeKind.Invalid, FieldErrors.Single(field, message));
}
