using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Text;

namespace Grassroots.Tests.Features.Platform;

/// <summary>A version's planks are rendered once: versions never change, and sanitizing was most of a document page's cost.</summary>
public sealed class RenderedPlanksTests
{
    [Fact]
    public void A_plank_of_a_version_is_rendered_once_and_safely()
    {
        using var rendered = new RenderedPlanks(new UserText());
        var (version, plank) = (Guid.NewGuid(), Guid.NewGuid());
        var first = rendered.Html(version, plank, "**Living wage** <script>alert(1)</script>");
        Assert.Contains("<strong>Living wage</strong>", first);
        Assert.DoesNotContain("<script", first);
        // The same plank of the same version is the same text: the second reading is the first one's HTML.
        Assert.Same(first, rendered.Html(version, plank, "**Living wage** <script>alert(1)</script>"));
        // Another version of the plank is its own entry.
        Assert.Contains("<em>", rendered.Html(Guid.NewGuid(), plank, "*Changed*"));
    }
}
