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
    public async Task Sign_up_asks_no_password_and_sends_a_link_that_asks_for_it_then_confirms_and_signs_in()
    {
        var client = Browser(app);
        var email = $"rosa{Guid.NewGuid():N}@example.org";
        // The password is asked once, on the link's page: the sign-up form has no field for it.
        Assert.DoesNotContain("type=\"password\"", await client.GetStringAsync("/account/signup"));
        var response = await Forms.SubmitAsync(client, "/account/signup", SignUpForm(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Forms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("Check your email", sent);
        Assert.Contains("spam", sent);
        // …and it offers to send the link again, to the same address.
        Assert.Contains("action=\"/account/resend\"", sent);
        Assert.Contains($"name=\"email\" value=\"{email}\"", sent);

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
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.CreateClient(), email)).StatusCode); // the password chosen on the link
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
    public async Task Confirming_makes_the_browser_a_known_device_even_when_strangers_failed_on_the_address_before()
    {
        var email = $"paused{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        for (var i = 0; i < 5; i++) await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(email, "wrong password " + i));

        // The owner proves the mailbox and chooses the password: signed in, in this browser.
        var owner = Browser(app);
        var confirm = await ConfirmAsync(owner, await ConfirmationLinkAsync(app, email), "the owner's own passphrase");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/me", confirm.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/me")).StatusCode);

        // Signed out, this browser still signs in while unknown ones stay paused.
        await Forms.SubmitAsync(owner, "/account/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(owner, "/account/signin", SignInForm(email, "the owner's own passphrase"))).StatusCode);
        var stranger = await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(email, "the owner's own passphrase"));
        Assert.Contains("paused for 15 minutes", Forms.Text(await stranger.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_confirmation_does_not_sign_in_an_account_identity_has_locked()
    {
        var email = $"locked{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))));

        var client = Browser(app);
        var confirm = await ConfirmAsync(client, await ConfirmationLinkAsync(app, email));
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
        var response = await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email, name: "", zip: "00000"));
        var html = Forms.Text(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your name.", html);
        Assert.Contains("We don't know the ZIP code \"00000\"", html);
        Assert.Contains("Enter an email address like name@example.org.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == email)));
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
    public async Task The_resend_page_is_a_form_that_sends_a_new_link_and_answers_alike_for_any_address()
    {
        var email = $"again{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(email));
        await ConfirmationLinkAsync(app, email);

        var client = Browser(app);
        var page = await client.GetStringAsync("/account/resend");
        Assert.Contains("type=\"email\"", page);
        var known = await Forms.SubmitAsync(client, "/account/resend", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var second = await ConfirmationLinkAsync(app, email, previous: 1); // a new link did go out
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(Browser(app), second)).StatusCode);

        var unknown = await Forms.SubmitAsync(Browser(app), "/account/resend", new Dictionary<string, string> { ["Email"] = $"nobody{Guid.NewGuid():N}@example.org" });
        Assert.Equal(Status(Forms.Text(await known.Content.ReadAsStringAsync())), Status(Forms.Text(await unknown.Content.ReadAsStringAsync())));
        Assert.Contains("a new confirmation link is on its way", Status(Forms.Text(await unknown.Content.ReadAsStringAsync())));

        var bad = Forms.Text(await (await Forms.SubmitAsync(Browser(app), "/account/resend", new Dictionary<string, string> { ["Email"] = "not an address" })).Content.ReadAsStringAsync());
        Assert.Contains("Enter an email address like name@example.org.", bad);
        Assert.Contains("aria-invalid=\"true\"", bad);

        static string Status(string html) => Regex.Match(html, "<p role=\"status\">(.*?)</p>").Groups[1].Value;
    }

    [Fact]
    public async Task Signing_up_from_a_page_comes_back_to_it_after_confirming()
    {
        // The header's Join link on a page carries it…
        var visitor = Browser(app);
        Assert.Contains("href=\"/account/signup?returnUrl=%2Fprojects\"", await visitor.GetStringAsync("/projects"));
        // …as does the sign-in page's (a project's "Sign in to pledge" leads there).
        Assert.Contains("href=\"/account/signup?returnUrl=%2Fprojects%2Fsome-project\"", await visitor.GetStringAsync("/account/signin?returnUrl=/projects/some-project"));

        var email = $"back{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(visitor, "/account/signup?returnUrl=%2Fprojects%2Fsome-project", SignUpForm(email));
        var link = await ConfirmationLinkAsync(app, email);
        Assert.Contains("returnUrl=%2Fprojects%2Fsome-project", link);
        var confirm = await ConfirmAsync(visitor, link);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/projects/some-project", confirm.Headers.Location!.OriginalString);

        // Another site is never a place to return to: not in the mail, not after confirming.
        var other = $"away{Guid.NewGuid():N}@example.org";
        await Forms.SubmitAsync(Browser(app), "/account/signup?returnUrl=%2F%2Fevil.example%2Fwin", SignUpForm(other));
        var plain = await ConfirmationLinkAsync(app, other);
        Assert.DoesNotContain("returnUrl", plain);
        var tampered = await ConfirmAsync(Browser(app), plain + "&returnUrl=https%3A%2F%2Fevil.example");
        Assert.Equal("/me", tampered.Headers.Location!.OriginalString);
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
