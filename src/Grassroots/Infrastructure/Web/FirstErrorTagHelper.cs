using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// A form sent with a mistake comes back as the whole page, and on a phone the message can be
/// screens below the top. The first field marked invalid (aria-invalid="true"), or else the first
/// error message shown on its own (a form-level summary, an error next to a list), gets
/// <c>autofocus</c>: the browser scrolls to it and the reader starts where there is something to fix.
/// Only one element per response gets it.
/// </summary>
[HtmlTargetElement("input", Attributes = "aria-invalid")]
[HtmlTargetElement("select", Attributes = "aria-invalid")]
[HtmlTargetElement("textarea", Attributes = "aria-invalid")]
[HtmlTargetElement("span", Attributes = "[class=field-error]")]
[HtmlTargetElement("div", Attributes = "[class=validation-summary-errors]")]
public sealed class FirstErrorTagHelper : TagHelper
{
    private const string Given = "Grassroots.FirstErrorFocused";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // After the framework's helpers (validation messages), so their content is known.
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var items = ViewContext.HttpContext.Items;
        if (items.ContainsKey(Given) || output.TagName is null) return;
        bool isError;
        if (output.TagName is "input" or "select" or "textarea")
            isError = output.Attributes.TryGetAttribute("aria-invalid", out var invalid) && invalid.Value?.ToString() == "true";
        else
        {
            var content = output.IsContentModified ? output.Content.GetContent() : (await output.GetChildContentAsync()).GetContent();
            isError = !string.IsNullOrWhiteSpace(content);
            // A message is not a control: it takes focus only when asked (tabindex -1), never in the tab order.
            if (isError) output.Attributes.SetAttribute("tabindex", "-1");
        }
        if (!isError) return;
        output.Attributes.SetAttribute("autofocus", "autofocus");
        items[Given] = true;
    }
}
