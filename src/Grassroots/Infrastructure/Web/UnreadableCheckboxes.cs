using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// A checkbox posts "true" or nothing; anything else (a hand-made request) made the form's tag
/// helper throw while showing the page again (it converts the posted text back to a bool). A checkbox
/// that says something else is read as unchecked: there is nothing the person could fix.
/// </summary>
internal sealed class UnreadableCheckboxes : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var state = context.ModelState;
        foreach (var key in state.Keys.Where(k => state[k]!.Errors.Count > 0).ToList())
        {
            if (PropertyType(context.HandlerInstance.GetType(), key) is not { } type || (Nullable.GetUnderlyingType(type) ?? type) != typeof(bool)) continue;
            state.Remove(key);
            state.SetModelValue(key, false, "false");
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }

    /// <summary>The type behind a form key such as "Input.ShowSkills" on the page model, or null.</summary>
    private static Type? PropertyType(Type model, string key)
    {
        Type? type = model;
        foreach (var part in key.Split('.'))
        {
            if (part.Contains('[')) return null;
            type = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (type is null) return null;
        }
        return type;
    }
}
