using System.Net;
using Grassroots.Features.Convention;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Grassroots.Tests.Features.Convention.ConventionTests;

namespace Grassroots.Tests.Features.Convention;

/// <summary>The convention through its pages, as a browser posts them: start, register, write, open, vote, close, read the result.</summary>
public abstract class ConventionPagesTests(AppFactory app)
{
    private static string Local(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm");

    [Fact]
    public async Task An_assembly_is_run_from_start_to_result_through_the_pages()
    {
        var (chairMember, _) = await app.MemberAsync("Rosa Chair");
        var chair = await app.BrowserAsync(chairMember);
        var start = DateTime.UtcNow.AddDays(30);
        var created = await Forms.SubmitAsync(chair, "/assemblies/new", new Dictionary<string, string>
        {
            ["Input.Name"] = "Pages Convention " + Guid.NewGuid().ToString("N")[..6], ["Input.StartsAt"] = Local(start), ["Input.EndsAt"] = Local(start.AddHours(8)),
            ["Input.TimeZone"] = "America/New_York", ["Input.StreamUrl"] = "https://vimeo.com/123456", ["Input.CredentialRule"] = "Registered",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        var html = Forms.Text(await (await chair.GetAsync(page)).Content.ReadAsStringAsync());
        Assert.Contains("https://player.vimeo.com/video/123456", html);
        Assert.Contains("Chair's room", html);

        var (voterMember, _) = await app.MemberAsync("Vera Voter");
        var voter = await app.BrowserAsync(voterMember);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(voter, page, new Dictionary<string, string> { ["attendance"] = "Remote" }, page + "?handler=Register")).StatusCode);
        Assert.Contains("You are credentialed to vote.", Forms.Text(await voter.GetStringAsync(page)));

        var wrote = await Forms.SubmitAsync(chair, page + "/chair", new Dictionary<string, string>
        {
            ["Motion.Title"] = "Elect the secretary", ["Motion.Kind"] = "Elect", ["Motion.Method"] = "irv", ["Motion.Options"] = "Ana\nBen\nCy", ["Motion.AllowRevote"] = "true",
        }, page + "/chair?handler=Motion");
        Assert.Equal(HttpStatusCode.Redirect, wrote.StatusCode);
        var motion = wrote.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(chair, motion, new Dictionary<string, string> { ["minutes"] = "" }, motion + "?handler=Open")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostRanksAsync(voter, motion, "2", "", "")).StatusCode);
        var receiptPage = Forms.Text(await voter.GetStringAsync(motion));
        Assert.Contains("Your receipt", receiptPage);
        Assert.Contains("Change your ballot", receiptPage);
        Assert.Contains("1 of 1", receiptPage.Replace("<span data-voted>", "").Replace("</span> of <span data-roll>", " of "));

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(chair, motion, new Dictionary<string, string>(), motion + "?handler=Close")).StatusCode);
        var result = Forms.Text(await app.CreateClient().GetStringAsync(motion));
        Assert.Contains("Elected: Ben", result);
        Assert.Contains("Download the audit file", result);
        var board = Forms.Text(await app.CreateClient().GetStringAsync(motion + "/board"));
        Assert.Contains("<code>2</code>", board);
    }

    [Fact]
    public async Task A_repeated_candidate_in_a_ranking_is_refused_on_the_page()
    {
        var (_, chairApi) = await app.MemberAsync();
        var a = await CreateAsync(chairApi);
        var (voterMember, voterApi) = await app.MemberAsync();
        await RegisterAsync(voterApi, a);
        var m = await MotionAsync(chairApi, a, new { title = "Elect", kind = "Elect", method = "irv", options = new[] { "Ana", "Ben", "Cy" } });
        await OpenAsync(chairApi, a, m);
        var voter = await app.BrowserAsync(voterMember);
        var url = $"/assemblies/{a.Slug}/motions/{m.Number}";

        var refused = await PostRanksAsync(voter, url, "1", "2", "1");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("You ranked Ana more than once", Forms.Text(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await PostRanksAsync(voter, url, "2", "", "")).StatusCode);
        var count = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().BoardBallots.CountAsync(b => b.MotionId == m.Id));
        Assert.Equal(1, count);
    }

    private static async Task<HttpResponseMessage> PostRanksAsync(HttpClient client, string url, params string[] ranks)
    {
        var html = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = ranks.Select(r => new KeyValuePair<string, string>("rank", r)).Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        return await client.PostAsync(url + "?handler=Vote", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_pages_speak_Spanish()
    {
        var (_, chairApi) = await app.MemberAsync();
        var a = await CreateAsync(chairApi);
        var m = await MotionAsync(chairApi, a, YesNo());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "es");
        Assert.Contains("Asambleas", Forms.Text(await client.GetStringAsync("/assemblies")));
        Assert.Contains("Orden del día", Forms.Text(await client.GetStringAsync($"/assemblies/{a.Slug}")));
        Assert.Contains("La votación todavía no se abre", Forms.Text(await client.GetStringAsync($"/assemblies/{a.Slug}/motions/{m.Number}")));
        Assert.Contains("Tablón", Forms.Text(await client.GetStringAsync($"/assemblies/{a.Slug}/motions/{m.Number}/board")));
    }

    [Fact]
    public async Task The_chairs_room_is_only_for_officers()
    {
        var (_, creatorApi) = await app.MemberAsync();
        var a = await CreateAsync(creatorApi);
        var outsider = await app.BrowserAsync();
        var refused = await outsider.GetAsync($"/assemblies/{a.Slug}/chair");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/error/403", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/assemblies/no-such-assembly")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/assemblies/{a.Slug}/motions/99")).StatusCode);
    }
}

public sealed class ConventionPagesTests_Sqlite(SqliteApp app) : ConventionPagesTests(app), IClassFixture<SqliteApp>;
public sealed class ConventionPagesTests_Postgres(PostgresApp app) : ConventionPagesTests(app), IClassFixture<PostgresApp>;
