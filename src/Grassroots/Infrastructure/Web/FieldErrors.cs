using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// Field → messages, produced by one validator and shown two ways: as a 400 ValidationProblem
/// in the API and as ModelState errors on the page.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void CopyTo(ModelStateDictionary modelState, string prefix = "")
    {
        foreach (var (field, messages) in _errors)
            foreach (var m in messages)
                modelState.AddModelError(string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}", m);
    }

    public static FieldErrors Single(string field, string message) => new FieldErrors().Add(field, message);

    /// <summary>A validator's findings, by field.</summary>
    public static FieldErrors From(FluentValidation.Results.ValidationResult result)
    {
        var errors = new FieldErrors();
        foreach (var e in result.Errors) errors.Add(e.PropertyName, e.ErrorMessage);
        return errors;
    }
}
