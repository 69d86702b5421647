using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Infrastructure.Web;

/// <summary>Maps a use case's <see cref="Outcome"/> to the API's answers, always problem+json on failure.</summary>
public static class ApiResults
{
    public static Results<T, ProblemHttpResult, ValidationProblem> From<T>(Outcome outcome, Func<T> ok) where T : IResult =>
        outcome.Kind switch
        {
            OutcomeKind.Ok => ok(),
            OutcomeKind.NotFound => NotFound(),
            OutcomeKind.Forbidden => outcome.Detail is { } why ? Forbidden(why) : Forbidden(),
            _ => TypedResults.ValidationProblem(outcome.Errors!.ToDictionary()),
        };

    public static ValidationProblem Invalid(FieldErrors errors) => TypedResults.ValidationProblem(errors.ToDictionary());

    public static ProblemHttpResult NotFound(string detail = "There is nothing at this address. Check the id.") =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: detail);

    public static ProblemHttpResult Forbidden(string detail = "Only the members who run this may do that: a group's organizers, a project's owners, a case's drawn jurors.") =>
        TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: detail);

    /// <summary>429 for too many attempts on one account from one address (the use case knows the account; the middleware does not).</summary>
    public static ProblemHttpResult TooManyAttempts(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(statusCode: 429, title: "Too many requests",
            detail: "Too many attempts on this account from your address in a short time. Wait a minute and try again.");
    }
}
