using System.Globalization;
using System.Text.RegularExpressions;
using Grassroots.Features.Conversations;

namespace Grassroots.Tests.Features.Conversations;

/// <summary>The opinion map's SVG: nothing drawn on or past the edge, and a crowd in one place never looks like one person.</summary>
public sealed partial class OpinionMapSvgTests
{
    private static string Draw(List<(int, float, float, int?)> points, int? me) =>
        OpinionMaps.Svg(points, me, "Map", "A map", "you are here", (n, g) => $"{n} in {OpinionMaps.Label(g)}");

    [Fact]
    public void People_who_share_a_position_are_one_dot_sized_by_their_number_with_the_count_in_its_title()
    {
        var svg = Draw([(1, 0.5f, 0.5f, 0), (2, 0.5f, 0.5f, 0), (3, 0.5f, 0.5f, 0), (4, 0.5f, 0.5f, 1), (5, 0f, 0f, 0), (6, 1f, 1f, 1)], null);
        var dots = Circles(svg);
        Assert.Equal(4, dots.Count); // three alike in A, one in B at the same place, and two apart
        Assert.Contains("<title>3 in A</title>", svg);
        Assert.Equal(2, Regex.Matches(svg, "<title>1 in B</title>").Count);
        var crowd = dots.Single(d => d.Title == "3 in A");
        var one = dots.First(d => d.Title == "1 in A");
        Assert.True(crowd.R > one.R * 1.5, $"{crowd.R} against {one.R}");
    }

    [Theory]
    [InlineData(1f, 1f)] // top right
    [InlineData(0f, 1f)] // top left
    [InlineData(1f, 0f)] // bottom right
    [InlineData(0f, 0f)] // bottom left
    public void Dots_and_the_you_are_here_label_stay_inside_the_box_in_every_corner(float x, float y)
    {
        List<(int, float, float, int?)> points = [(1, 0f, 0f, 0), (2, 1f, 1f, 1), (3, 0f, 1f, 0), (4, 1f, 0f, 1)];
        for (var i = 0; i < 9; i++) points.Add((10 + i, x, y, 0)); // the biggest dot in that corner
        points.Add((99, x, y, 0));
        var svg = Draw(points, 99);
        foreach (var d in Circles(svg))
            Assert.True(d.X - d.R >= 4 && d.X + d.R <= 396 && d.Y - d.R >= 4 && d.Y + d.R <= 396, $"a dot at ({d.X}, {d.Y}) r {d.R} touches the edge");
        var label = Regex.Match(svg, @"<text x=""([\d.]+)"" y=""([\d.]+)"" font-size=""14"" text-anchor=""(start|end)""[^>]*>you are here</text>");
        Assert.True(label.Success, svg);
        var (lx, ly) = (double.Parse(label.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(label.Groups[2].Value, CultureInfo.InvariantCulture));
        var width = "you are here".Length * 14 * 0.6; // a generous estimate of the label's width
        var (left, right) = label.Groups[3].Value == "start" ? (lx, lx + width) : (lx - width, lx);
        Assert.True(left >= 0 && right <= 400 && ly - 14 >= 0 && ly <= 400, $"the label spans {left}–{right} at y {ly}");
    }

    private sealed record Dot(double X, double Y, double R, string Title);

    private static List<Dot> Circles(string svg) => Circle().Matches(svg).Select(m => new Dot(
        double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
        double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), m.Groups[4].Value)).ToList();

    [GeneratedRegex(@"<circle cx=""([\d.]+)"" cy=""([\d.]+)"" r=""([\d.]+)"" fill=""#[0-9A-F]+""[^>]*><title>([^<]*)</title>")]
    private static partial Regex Circle();
}
