using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Features.Members;

/// <summary>Our own /api/auth: the pages' rules and limits, and whoever proves the mailbox holds the account.</summary>
public abstract class AuthApiTests(AppFactory app)
{
    private static object Register(string email, string password = AppFactory.Password, string? name = "Api Member") =>
        new { displayName = name, email, password };

    [Fact]
    public async Task Registering_through_the_api_mails_a_link_to_the_page_and_the_api_confirms_with_the_password()
    {
        var email = $"api{Guid.NewGuid():N}@example.org";
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/register", Register(email))).StatusCode);
        var mail = await app.Smtp.WaitForAsync(email);
        Assert.DoesNotContain("&amp;", mail.TextBody);
        var (userId, code) = LinkParts(await ConfirmationLinkAsync(app, email));

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email)).StatusCode);
        var confirmed = await client.PostAsJsonAsync("/api/auth/confirmEmail", new { userId, code, password = "my chosen passphrase" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var device = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deviceToken").GetString();
        Assert.False(string.IsNullOrEmpty(device));
        var tokens = await TokensAsync(await LoginAsync(client, email, "my chosen passphrase", device));
        var info = await WithToken(app, tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/auth/manage/info");
        Assert.Equal(email, info.GetProperty("email").GetString());
        Assert.True(info.GetProperty("isEmailConfirmed").GetBoolean());
        // The link was used: a second confirmation is refused with a field error.
        var again = await client.PostAsJsonAsync("/api/auth/confirmEmail", new { userId, code, password = "another passphrase" });
        Assert.Contains("already confirmed", (await ProblemAssert.IsProblemAsync(again, HttpStatusCode.BadRequest))["code"][0]);
    }

    [Fact]
    public async Task An_address_registered_by_someone_else_ends_up_with_the_password_its_owner_chooses()
    {
        var victim = $"owner{Guid.NewGuid():N}@example.org";
        // The attacker registers the owner's address with a password of theirs.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register(victim, "attacker's password"))).StatusCode);
        // The owner signs up on the page, and chooses their password on the link they receive.
        var owner = Browser(app);
        await Forms.SubmitAsync(owner, "/account/signup", SignUpForm(victim));
        var link = await ConfirmationLinkAsync(app, victim, previous: 1);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(owner, link, "the owner's passphrase")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.CreateClient(), victim, "the owner's passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(app.CreateClient(), victim, "attacker's password")).StatusCode);
    }

    [Fact]
    public async Task Confirming_signs_out_every_earlier_token()
    {
        // A member with a password and a token, whose address is (again) unconfirmed: confirming must end that token.
        var (member, client) = await app.MemberAsync();
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        await app.CreateClient().PostAsJsonAsync("/api/auth/resendConfirmationEmail", new { email = member.Email });
        var (userId, code) = LinkParts(await ConfirmationLinkAsync(app, member.Email!));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/confirmEmail", new { userId, code, password = "a fresh passphrase" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Registering_an_address_that_has_an_account_answers_as_a_new_one_and_mails_the_owner()
    {
        var (member, _) = await app.MemberAsync("Owner Person");
        var fresh = await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register($"new{Guid.NewGuid():N}@example.org"));
        var taken = await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register(member.Email!, "someone else's password"));
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Duplicate", await taken.Content.ReadAsStringAsync());
        var note = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("tried to join"));
        Assert.Contains("/account/forgot", note.TextBody);
        // The owner's password still works; the other does not.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.CreateClient(), member.Email!)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(app.CreateClient(), member.Email!, "someone else's password")).StatusCode);
    }

    [Fact]
    public async Task Account_emails_greet_by_name_only_once_the_mailbox_owner_confirmed_it()
    {
        // Anyone can register anyone's address with a "name" of their choosing: the link's email does not carry it.
        var target = $"target{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register(target, name: "http://evil.example/win"))).StatusCode);
        var confirmation = await app.Smtp.WaitForAsync(target);
        Assert.DoesNotContain("evil.example", confirmation.TextBody);
        Assert.StartsWith("Hello,", confirmation.TextBody);
        // Nor does a reset link to the still unconfirmed account.
        await app.CreateClient().PostAsJsonAsync("/api/auth/forgotPassword", new { email = target });
        Assert.DoesNotContain("evil.example", (await app.Smtp.WaitForAsync(target, m => m.Subject!.Contains("Reset"))).TextBody);

        // A confirmed member is greeted by the name they keep.
        var (member, _) = await app.MemberAsync("Owner Person");
        await app.CreateClient().PostAsJsonAsync("/api/auth/forgotPassword", new { email = member.Email });
        Assert.StartsWith("Hello Owner Person,", (await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("Reset"))).TextBody);
    }

    [Fact]
    public async Task An_address_the_mailer_cannot_parse_is_refused_at_the_door()
    {
        // System.Net.Mail accepts it; MimeKit, which sends the mail, does not.
        const string unsendable = "x.@example.net";
        var api = await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register(unsendable)), HttpStatusCode.BadRequest);
        Assert.Contains("name@example.org", api["Email"][0]);
        var page = await Forms.SubmitAsync(Browser(app), "/account/signup", SignUpForm(unsendable));
        Assert.Contains("Enter an email address like name@example.org.", Forms.Text(await page.Content.ReadAsStringAsync()));
        Assert.True((await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/forgotPassword", new { email = unsendable }), HttpStatusCode.BadRequest)).ContainsKey("Email"));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == unsendable)));

        // Unusual but sendable addresses still join.
        foreach (var fine in new[] { $"o'brien+{Guid.NewGuid():N}@example.org", $"josé{Guid.NewGuid():N}@example.org" })
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register(fine))).StatusCode);
    }

    [Fact]
    public async Task Parallel_registrations_of_one_address_make_one_account_and_no_error()
    {
        var email = $"race{Guid.NewGuid():N}@example.org";
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            app.CreateClient().PostAsJsonAsync("/api/auth/register", Register(email, $"password number {i}"))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task The_api_applies_the_pages_limits_to_every_field()
    {
        var huge = new string('a', 200_000) + "@example.org";
        var errors = await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { displayName = new string('n', 81), email = huge, password = "short", zip = "00000" }), HttpStatusCode.BadRequest);
        Assert.All(new[] { "DisplayName", "Email", "Password", "Zip" }, f => Assert.True(errors.ContainsKey(f), f));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email!.Length > 254)));

        var tooLong = await app.CreateClient().PostAsJsonAsync("/api/auth/register", Register($"p{Guid.NewGuid():N}@example.org", new string('p', 300)));
        Assert.True((await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest)).ContainsKey("Password"));
        var missing = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = (string?)null });
        Assert.True((await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest)).ContainsKey("Email"));
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_until_the_account_is_deleted()
    {
        var (member, _) = await app.MemberAsync();
        var tokens = await TokensAsync(await LoginAsync(app.CreateClient(), member.Email!));
        var refreshed = await TokensAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken }));
        Assert.Equal(HttpStatusCode.OK, (await WithToken(app, refreshed.AccessToken).GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(app, tokens.AccessToken).DeleteAsync("/api/me")).StatusCode);
        var refused = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not a token" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_way_in_notes_when_the_member_last_signed_in()
    {
        var (member, _) = await app.MemberAsync(); // signed in through /api/auth/login
        async Task<DateTimeOffset?> LastSignInAsync() => await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == member.Id).Select(u => u.LastSignInAt).SingleAsync());
        Task ForgetAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, (DateTimeOffset?)null)));

        Assert.NotNull(await LastSignInAsync());
        await ForgetAsync();
        var tokens = await TokensAsync(await LoginAsync(app.CreateClient(), member.Email!));
        Assert.NotNull(await LastSignInAsync());
        await ForgetAsync();
        await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.NotNull(await LastSignInAsync());
        await ForgetAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(Browser(app), "/account/signin", SignInForm(member.Email!))).StatusCode);
        Assert.NotNull(await LastSignInAsync());
    }

    [Fact]
    public async Task The_auth_endpoints_are_described_in_the_openapi_document()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/confirmEmail", "/api/auth/resendConfirmationEmail",
                     "/api/auth/forgotPassword", "/api/auth/resetPassword", "/api/auth/manage/info", "/api/auth/manage/password" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains("Sign in: a bearer access token", doc);
    }
}

public sealed class AuthApiTests_Sqlite(SqliteApp app) : AuthApiTests(app), IClassFixture<SqliteApp>;
public sealed class AuthApiTests_Postgres(PostgresApp app) : AuthApiTests(app), IClassFixture<PostgresApp>;
