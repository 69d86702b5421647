using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Members;

public abstract class AccountPagesTests(AppFactory app)
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Dictionary<string, string> SignUp(string email, string name = "Rosa Martínez", string zip = "19107", string password = AppFactory.Password) =>
        new() { ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Password"] = password, ["Input.Zip"] = zip };

    [Fact]
    public async Task Sign_up_sends_a_confirmation_email_whose_link_confirms_and_signs_in()
    {
        var client = Browser();
        var email = $"rosa{Guid.NewGuid():N}@example.org";
        var response = await Forms.SubmitAsync(client, "/account/signup", SignUp(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your email", await response.Content.ReadAsStringAsync());

        // Unconfirmed: sign-in is refused with a message that says what to do.
        var early = await Forms.SubmitAsync(Browser(), "/account/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFactory.Password });
        Assert.Contains("Confirm your email address first", Forms.Text(await early.Content.ReadAsStringAsync()));

        var mail = await app.Smtp.WaitForAsync(email);
        var link = new Uri(Regex.Match(mail.TextBody!, @"http\S+/account/confirm\?\S+").Value);
        var confirm = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/me", confirm.Headers.Location!.OriginalString);
        var me = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("Rosa Martínez", Forms.Text(await me.Content.ReadAsStringAsync()));
        var member = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email));
        Assert.Equal(("19107", "Philadelphia"), (member.Zip, member.City));
    }

    [Fact]
    public async Task Signing_up_through_the_api_sends_a_working_plain_text_link()
    {
        var email = $"api{Guid.NewGuid():N}@example.org";
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/register", new { email, password = AppFactory.Password })).StatusCode);
        var mail = await app.Smtp.WaitForAsync(email);
        Assert.DoesNotContain("&amp;", mail.TextBody);
        var link = new Uri(Regex.Match(mail.TextBody!, @"http\S+/api/auth/confirmEmail\?\S+").Value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link.PathAndQuery)).StatusCode);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_reused_confirmation_link_gets_a_clear_400()
    {
        var client = Browser();
        var email = $"x{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(client, "/account/signup", SignUp(email));
        var mail = await app.Smtp.WaitForAsync(email);
        var link = new Uri(Regex.Match(mail.TextBody!, @"http\S+/account/confirm\?\S+").Value).PathAndQuery;

        var tampered = await client.GetAsync(link[..^6] + "AAAAAA");
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("expired", await tampered.Content.ReadAsStringAsync());
        var incomplete = await client.GetAsync("/account/confirm?userId=" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("incomplete", await incomplete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_sign_up_input_is_shown_field_by_field_and_nothing_is_created()
    {
        var email = $"bad{Guid.NewGuid():N}";
        var response = await Forms.SubmitAsync(Browser(), "/account/signup", SignUp(email, name: "", zip: "00000", password: "short"));
        var html = Forms.Text(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your name.", html);
        Assert.Contains("We don't know the ZIP code \"00000\"", html);
        Assert.Contains("Enter an email address like name@example.org.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == email)));

        var weak = await Forms.SubmitAsync(Browser(), "/account/signup", SignUp($"w{Guid.NewGuid():N}@example.org", password: "short"));
        Assert.Contains("at least 10 characters", Forms.Text(await weak.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_an_explanation()
    {
        var response = await Browser().PostAsync("/account/signup", new FormUrlEncodedContent(SignUp("csrf@example.org")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("forged requests", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var (member, _) = await app.MemberAsync();
        string html = "";
        for (var i = 0; i < 6; i++)
        {
            var r = await Forms.SubmitAsync(Browser(), "/account/signin", new Dictionary<string, string> { ["Input.Email"] = member.Email!, ["Input.Password"] = "wrong password " + i });
            html = Forms.Text(await r.Content.ReadAsStringAsync());
        }
        Assert.Contains("locked for 15 minutes", html);
        var right = await Forms.SubmitAsync(Browser(), "/account/signin", new Dictionary<string, string> { ["Input.Email"] = member.Email!, ["Input.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // still locked: the form again, no redirect
    }

    [Fact]
    public async Task A_password_reset_link_from_the_email_sets_a_new_password()
    {
        var (member, _) = await app.MemberAsync();
        await Forms.SubmitAsync(Browser(), "/account/forgot", new Dictionary<string, string> { ["email"] = member.Email! });
        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("Reset"));
        var link = new Uri(Regex.Match(mail.TextBody!, @"http\S+/account/reset\?\S+").Value).PathAndQuery;
        var client = Browser();
        var reset = await Forms.SubmitAsync(client, link, new Dictionary<string, string> { ["Password"] = "a brand new passphrase" }, postUrl: link);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var signIn = await Forms.SubmitAsync(client, "/account/signin", new Dictionary<string, string> { ["Input.Email"] = member.Email!, ["Input.Password"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Directory_pages_page_through_results()
    {
        var (_, client) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 22; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/groups", new { name = $"Paging {tag} {i:00}", kind = "Issue", zip = "19107" })).StatusCode);
        var page2 = Forms.Text(await Browser().GetStringAsync($"/groups?q={tag}&sort=newest&page=2"));
        Assert.Contains("Page 2 of 2", page2);
        Assert.Contains($"Paging {tag} 01", page2);
        Assert.DoesNotContain($"Paging {tag} 21", page2);
        Assert.DoesNotContain("is not valid", page2);
    }
}

public sealed class AccountPagesTests_Sqlite(SqliteApp app) : AccountPagesTests(app), IClassFixture<SqliteApp>;
public sealed class AccountPagesTests_Postgres(PostgresApp app) : AccountPagesTests(app), IClassFixture<PostgresApp>;
