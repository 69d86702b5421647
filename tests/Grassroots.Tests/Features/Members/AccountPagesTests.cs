using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Features.Members;

public abstract class AccountPagesTests(AppFactory app)
{
    [Fact]
    public async Task Sign_up_sends_a_link_that_asks_for_the_password_then_confirms_and_signs_in()
    {
        var client = Browser(app);
        var email = $"rosa{Guid.NewGuid():N}@example.org";
        var response = await Forms.SubmitAsync(client, "/account/signup", SignUpForm(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your email", await response.Content.ReadAsStringAsync());

        // Unconfirmed, with the right password: told what to do (only someone who knows the password learns this).
        var early = await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(email));
        Assert.Contains("Confirm your email address first", Forms.Text(await early.Content.ReadAsStringAsync()));

        var link = await ConfirmationLinkAsync(app, email);
        var form = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Choose the password for your account", Forms.Text(await form.Content.ReadAsStringAsync()));
        var confirm = await ConfirmAsync(client, link);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/me", confirm.Headers.Location!.OriginalString);
        var me = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("Rosa Martínez", Forms.Text(await me.Content.ReadAsStringAsync()));
        var member = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email));
        Assert.Equal(("19107", "Philadelphia"), (member.Zip, member.City));
        Assert.True(member.EmailConfirmed);
    }

    [Fact]
    public async Task A_confirmation_link_signs_in_once()
    {
        var email = $"once{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        var link = await ConfirmationLinkAsync(app, email);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(Browser(app), link)).StatusCode);

        // Opened again (from another browser, or by whoever saw the link later): no sign-in, and it says why.
        var again = Browser(app);
        var page = await again.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("already confirmed", Forms.Text(await page.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/me")).StatusCode); // → sign-in: not signed in
    }

    [Fact]
    public async Task A_confirmation_does_not_sign_in_while_sign_ins_are_paused_for_that_browser()
    {
        var email = $"paused{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        for (var i = 0; i < 5; i++) await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(email, "wrong password " + i));

        var client = Browser(app);
        var confirm = await ConfirmAsync(client, await ConfirmationLinkAsync(app, email), "the owner's own passphrase");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/account/signin", confirm.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);
        var member = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email));
        Assert.True(member.EmailConfirmed); // confirmed all the same
    }

    [Fact]
    public async Task A_tampered_or_incomplete_confirmation_link_gets_a_clear_400()
    {
        var client = Browser(app);
        var email = $"x{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(client, "/account/signup", SignUpForm(email));
        var link = await ConfirmationLinkAsync(app, email);

        var tampered = await client.GetAsync(link[..^6] + "AAAAAA");
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("expired", await tampered.Content.ReadAsStringAsync());
        var incomplete = await client.GetAsync("/account/confirm?userId=" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("incomplete", await incomplete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_too_short_password_on_the_confirmation_page_is_shown_on_its_field_and_the_link_still_works()
    {
        var email = $"short{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        var link = await ConfirmationLinkAsync(app, email);
        var client = Browser(app);
        var shortOne = await ConfirmAsync(client, link, "short");
        Assert.Equal(HttpStatusCode.OK, shortOne.StatusCode);
        var html = Forms.Text(await shortOne.Content.ReadAsStringAsync());
        Assert.Contains("at least 10 characters", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, link)).StatusCode);
    }

    [Fact]
    public async Task Bad_sign_up_input_is_shown_field_by_field_and_nothing_is_created()
    {
        var email = $"bad{Guid.NewGuid():N}";
        var response = await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email, name: "", zip: "00000", password: "short"));
        var html = Forms.Text(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your name.", html);
        Assert.Contains("We don't know the ZIP code \"00000\"", html);
        Assert.Contains("Enter an email address like name@example.org.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == email)));

        var weak = await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm($"w{Guid.NewGuid():N}@example.org", password: "short"));
        Assert.Contains("at least 10 characters", Forms.Text(await weak.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_an_explanation()
    {
        var response = await Browser(app).PostAsync("/account/signup", new FormUrlEncodedContent(SignUpForm("csrf@example.org")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("forged requests", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_pause_sign_ins_from_unknown_browsers()
    {
        var (member, _) = await app.MemberAsync();
        string html = "";
        for (var i = 0; i < 6; i++)
        {
            var r = await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(member.Email!, "wrong password " + i));
            html = Forms.Text(await r.Content.ReadAsStringAsync());
        }
        Assert.Contains("paused for 15 minutes", html);
        var right = await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(member.Email!));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // still paused for a new browser: the form again, no redirect
    }

    [Fact]
    public async Task A_password_reset_link_from_the_email_sets_a_new_password()
    {
        var (member, _) = await app.MemberAsync();
        await Forms.SubmitAsync(Browser(app), "/account/forgot", new Dictionary<string, string> { ["email"] = member.Email! });
        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("Reset"));
        var link = new Uri(Regex.Match(mail.TextBody!, @"http\S+/account/reset\?\S+").Value).PathAndQuery;
        var client = Browser(app);
        var reset = await Forms.SubmitAsync(client, link, new Dictionary<string, string> { ["Password"] = "a brand new passphrase" }, postUrl: link);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var signIn = await Forms.SubmitAsync(client, "/account/signin", SignInForm(member.Email!, "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Directory_pages_page_through_results()
    {
        var (_, client) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 22; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/groups", new { name = $"Paging {tag} {i:00}", kind = "Issue", zip = "19107" })).StatusCode);
        var page2 = Forms.Text(await Browser(app).GetStringAsync($"/groups?q={tag}&sort=newest&page=2"));
        Assert.Contains("Page 2 of 2", page2);
        Assert.Contains($"Paging {tag} 01", page2);
        Assert.DoesNotContain($"Paging {tag} 21", page2);
        Assert.DoesNotContain("is not valid", page2);
    }
}

public sealed class AccountPagesTests_Sqlite(SqliteApp app) : AccountPagesTests(app), IClassFixture<SqliteApp>;
public sealed class AccountPagesTests_Postgres(PostgresApp app) : AccountPagesTests(app), IClassFixture<PostgresApp>;
