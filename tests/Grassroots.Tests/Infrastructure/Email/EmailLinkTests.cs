using System.Net;
using System.Text.RegularExpressions;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Infrastructure.Email;

/// <summary>Links in emails never come from a header the sender chooses.</summary>
public abstract class EmailLinkTests(AppFactory app)
{
    [Fact]
    public async Task A_forged_host_header_does_not_reach_the_reset_link()
    {
        var (member, _) = await app.MemberAsync();
        var client = Browser(app);
        var page = await client.GetAsync("/account/forgot");
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/forgot")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = member.Email!, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }),
        };
        forged.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(forged)).StatusCode);

        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("Reset"));
        Assert.DoesNotContain("attacker.example", mail.TextBody);
        Assert.Matches(@"http://localhost(:\d+)?/account/reset\?", mail.TextBody!);
    }
}

public sealed class EmailLinkTests_Sqlite(SqliteApp app) : EmailLinkTests(app), IClassFixture<SqliteApp>;
public sealed class EmailLinkTests_Postgres(PostgresApp app) : EmailLinkTests(app), IClassFixture<PostgresApp>;

/// <summary>In production the public address is a setting the app will not start without, and the links use it.</summary>
public sealed class PublicBaseUrlTests
{
    private sealed class ProductionApp(string? publicBaseUrl) : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Email:PublicBaseUrl"] = publicBaseUrl };
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_without_the_public_address_and_names_the_setting()
    {
        await using var app = new ProductionApp(null);
        var error = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);
        Assert.Contains("Email:PublicBaseUrl", error.ToString());
        await using var relative = new ProductionApp("grassroots.example.org");
        Assert.Contains("absolute", (await Assert.ThrowsAnyAsync<Exception>(relative.InitializeAsync)).ToString());
    }

    [Fact]
    public async Task Production_links_use_the_configured_address()
    {
        await using var app = new ProductionApp("https://grassroots.example.org/");
        await app.InitializeAsync();
        var email = $"prod{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        var mail = await app.Smtp.WaitForAsync(email);
        Assert.Contains("https://grassroots.example.org/account/confirm?userId=", mail.TextBody);
    }
}
