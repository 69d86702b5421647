using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Projects;

/// <summary>Numbers at their ceiling: typed on a form, sent to the API, added up by a need's counters.</summary>
public abstract class AmountsTests(AppFactory app)
{
    private static Dictionary<string, string> LaunchFields(string title, string kind, string quantity)
    {
        var fields = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Goal"] = "A goal.", ["Input.Online"] = "true" };
        for (var i = 0; i < Grassroots.Features.Projects.Pages.ProjectForm.NeedRows; i++)
            (fields[$"Input.Needs[{i}].Title"], fields[$"Input.Needs[{i}].Kind"], fields[$"Input.Needs[{i}].Quantity"]) = ("", "People", "");
        (fields["Input.Needs[0].Title"], fields["Input.Needs[0].Kind"], fields["Input.Needs[0].Quantity"]) = ("Billboard", kind, quantity);
        return fields;
    }

    [Theory]
    [InlineData("Money", "1e20")]
    [InlineData("Money", "100000000000000000000")]
    [InlineData("Thing", "79228162514264337593543950335")]
    [InlineData("Money", "1e27")]
    [InlineData("Money", "79228162514264337593543950335")]
    public async Task Oversized_numbers_on_the_launch_form_are_explained_not_a_500(string kind, string quantity)
    {
        var client = await app.BrowserAsync();
        var response = await Forms.SubmitAsync(client, "/projects/new", LaunchFields("Huge", kind, quantity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Forms.Text(await response.Content.ReadAsStringAsync());
        Assert.Matches(kind == "Money" ? "A money goal can be at most \\$1,000,000\\." : "The quantity can be at most 100,000\\.", html);
    }

    [Fact]
    public async Task Oversized_numbers_on_the_pledge_and_add_need_forms_are_explained_not_a_500()
    {
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Mural {Guid.NewGuid():N}"[..20], goal = "Paint.", online = true,
            needs = new[] { new { kind = "Money", title = "Paint", quantity = 10_000, allowOverfill = true } } })).Content.ReadFromJsonAsync<ProjectView>())!;
        var client = await app.BrowserAsync();
        var pledge = await Forms.SubmitAsync(client, $"/projects/{project.Slug}",
            new Dictionary<string, string> { ["needId"] = project.Needs[0].Id.ToString(), ["amount"] = "100000000000000000000", ["key"] = Guid.NewGuid().ToString("N") },
            $"/projects/{project.Slug}/pledge");
        Assert.Equal(HttpStatusCode.OK, pledge.StatusCode);
        Assert.Contains("One pledge can be at most $1,000,000.", Forms.Text(await pledge.Content.ReadAsStringAsync()));

        // The owner's own page, adding a need of 1e20 dollars.
        var founder = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Id == project.Id).Select(p => p.Founder!).SingleAsync());
        var ownerBrowser = await app.BrowserAsync(founder);
        var add = await Forms.SubmitAsync(ownerBrowser, $"/projects/{project.Slug}",
            new Dictionary<string, string> { ["need.Title"] = "Billboard", ["need.Kind"] = "Money", ["need.Quantity"] = "1e20" }, $"/projects/{project.Slug}/needs");
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var html = Forms.Text(await add.Content.ReadAsStringAsync());
        Assert.Contains("A money goal can be at most $1,000,000.", html);
        Assert.Matches("name=\"need.Quantity\"[^>]*aria-invalid=\"true\"", html);
    }

    [Theory]
    [InlineData("1e27")]
    [InlineData("-1e27")]
    [InlineData("79228162514264337593543950335")]
    public async Task Numbers_beyond_what_a_decimal_holds_in_dollars_are_explained_on_the_pledge_and_need_forms(string typed)
    {
        var (founder, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Kiosk {Guid.NewGuid():N}"[..20], goal = "Build.", online = true,
            needs = new[] { new { kind = "Money", title = "Wood", quantity = 10_000, allowOverfill = true } } })).Content.ReadFromJsonAsync<ProjectView>())!;
        var pledge = await Forms.SubmitAsync(await app.BrowserAsync(), $"/projects/{project.Slug}",
            new Dictionary<string, string> { ["needId"] = project.Needs[0].Id.ToString(), ["amount"] = typed, ["key"] = Guid.NewGuid().ToString("N") },
            $"/projects/{project.Slug}/pledge");
        Assert.Equal(HttpStatusCode.OK, pledge.StatusCode);
        var add = await Forms.SubmitAsync(await app.BrowserAsync(founder), $"/projects/{project.Slug}",
            new Dictionary<string, string> { ["need.Title"] = "Roof", ["need.Kind"] = "Money", ["need.Quantity"] = typed }, $"/projects/{project.Slug}/needs");
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.Matches("name=\"need.Quantity\"[^>]*aria-invalid=\"true\"", Forms.Text(await add.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_spanish_reader_pledging_twelve_and_a_half_dollars_pledges_1250_cents()
    {
        // The browser sends number inputs as "12.5" in every language; read with Spanish rules it was $125.
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Books {Guid.NewGuid():N}"[..20], goal = "Buy.", online = true,
            needs = new[] { new { kind = "Money", title = "Books", quantity = 100_000 } } })).Content.ReadFromJsonAsync<ProjectView>())!;
        var spanish = await app.BrowserAsync();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var pledge = await Forms.SubmitAsync(spanish, $"/projects/{project.Slug}",
            new Dictionary<string, string> { ["needId"] = project.Needs[0].Id.ToString(), ["amount"] = "12.5", ["key"] = Guid.NewGuid().ToString("N") },
            $"/projects/{project.Slug}/pledge");
        Assert.Equal(HttpStatusCode.Redirect, pledge.StatusCode);
        Assert.Equal(1_250, (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0].Reserved);

        var fields = LaunchFields($"Feria {Guid.NewGuid():N}"[..20], "Money", "150.50");
        var launched = await Forms.SubmitAsync(spanish, "/projects/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);
        var slug = launched.Headers.Location!.OriginalString.Split('/').Last();
        Assert.Equal(15_050, (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{slug}"))!.Needs[0].Quantity);

        // Sent back with a mistake elsewhere, the amount is written the way a number field reads it
        // ("250,50" is thrown away by the browser, and the next try said the goal was empty).
        var mistaken = LaunchFields("", "Money", "250.50");
        var again = await Forms.SubmitAsync(spanish, "/projects/new", mistaken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Matches("name=\"Input.Needs\\[0\\].Quantity\" value=\"250\\.50?\"", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_need_that_welcomes_more_never_gathers_past_the_ceiling_and_its_counters_never_overflow()
    {
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Fund {Guid.NewGuid():N}"[..20], goal = "Raise.", online = true,
            needs = new[] { new { kind = "Money", title = "Anything helps", quantity = 100_000, allowOverfill = true, autoAccept = true } } })).Content.ReadFromJsonAsync<ProjectView>())!;
        var need = project.Needs[0];
        var (_, a) = await app.MemberAsync();
        var max = await ProblemAssert.IsProblemAsync(await a.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{need.Id}/pledges", new { amount = long.MaxValue }), HttpStatusCode.BadRequest);
        Assert.Contains("$1,000,000", max["amount"][0]);

        // Parallel pledges of the largest allowed amount: only as many as fit under the ceiling are stored.
        var pledgers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.MemberAsync()));
        var answers = await Task.WhenAll(pledgers.Select(p => p.Client.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{need.Id}/pledges", new { amount = 40_000_000 })));
        Assert.Equal(2, answers.Count(r => r.StatusCode == HttpStatusCode.Created)); // 2 × $400,000 fit under $1,000,000; a third does not
        var after = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.Equal(80_000_000, after.Reserved);
        Assert.Equal(80_000_000, after.Filled);
        var page = Forms.Text(await app.CreateClient().GetStringAsync($"/projects/{project.Slug}"));
        Assert.Contains("$800,000 of $1,000", page);
    }

    [Theory]
    [InlineData("en", 1_250, "$12.50")]
    [InlineData("en", 100_000_000, "$1,000,000")]
    [InlineData("en", 5, "$0.05")]
    public void Money_is_written_in_dollars_and_cents_in_the_readers_format(string culture, long cents, string expected)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(expected, Money.Format(cents));
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before; }
    }

    [Fact]
    public void Spanish_readers_get_their_own_separators_for_dollars()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
            var twelve = Money.Format(1_250);
            Assert.Contains("12", twelve);
            Assert.Contains("50", twelve);
            Assert.Contains("$", twelve);
            Assert.NotEqual("$12.5", twelve);
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before; }
    }
}

public sealed class AmountsTests_Sqlite(SqliteApp app) : AmountsTests(app), IClassFixture<SqliteApp>;
public sealed class AmountsTests_Postgres(PostgresApp app) : AmountsTests(app), IClassFixture<PostgresApp>;
