using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// Hostile input at every API operation and every page form the app has, found by asking the app
/// itself (its endpoints, the forms its pages render), so an operation added later is covered
/// without touching this test: whatever arrives, the answer is never a 5xx, and API errors are
/// problem+json. Runs as the owner/organizer of real content (so requests get past the permission
/// checks into the validation) and as a stranger.
/// </summary>
public abstract partial class EveryOperationTests(AppFactory app)
{
    private static readonly Gen<string> Nasty = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.String,
        Gen.OneOf<string>("", " ", "0", "-1", "1", "2.5", "99999999999999999999", "1e20", "-1e309", "NaN", "79228162514264337593543950336",
            "9223372036854775807", "-9223372036854775808", "<script>alert(1)</script>", "'; DROP TABLE projects; --", "\u0000", "%00",
            new string('x', 25_000), "ｆｕｌｌ", "М", "\u202Eevil", "a\u200Bb", "true", "false", "null", "Money", "People", "Done", "Keep", "Remove",
            "19107", "00000", "2026-02-30", "9999-12-31", "0001-01-01", "00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString()));

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Nasty.Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.OneOf<string>("null", "true", "0", "-5", "1.5", "[]", "{}", "[1,2]", "[\"x\"]", "{\"a\":1}", "9999999999999999999999", "1e400"));

    private static readonly string[] JsonFields = ["title", "goal", "description", "online", "zip", "radiusMiles", "groupId", "startsOn", "endsOn", "status",
        "needs", "kind", "skill", "quantity", "allowOverfill", "autoAccept", "amount", "note", "body", "memberId", "message", "intoId", "name",
        "displayName", "skills", "tags", "issues", "culture", "contentType", "contentId", "value", "reason", "vote", "subject", "successorId",
        "email", "password", "newPassword", "userId", "code", "refreshToken"];

    private static readonly Gen<string> JsonBody = Gen.OneOf(
        Gen.Select(Gen.Int[0, JsonFields.Length - 1].Array[0, 10], JsonValue.Array[10], (idx, vals) =>
            "{" + string.Join(",", idx.Distinct().Select((f, i) => $"\"{JsonFields[f]}\":{vals[i]}")) + "}"),
        Gen.OneOf<string>("", "{", "[", "\"text\"", "{\"needs\":[{\"kind\":\"Money\",\"quantity\":1e30}]}", "{\"needs\":[null,{}]}"));

    private sealed record Content(Guid GroupId, string GroupSlug, Guid ProjectId, string ProjectSlug, Guid NeedId, Guid PledgeId, Guid MemberId);

    private async Task<(Content Content, HttpClient Owner, HttpClient Stranger)> ContentAsync()
    {
        var (owner, ownerClient) = await app.MemberAsync("Owner Person");
        var group = (await (await ownerClient.PostAsJsonAsync("/api/groups", new { name = $"Fuzz group {Guid.NewGuid():N}"[..24], kind = "Issue" }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var project = (await (await ownerClient.PostAsJsonAsync("/api/projects", new
        {
            title = $"Fuzz project {Guid.NewGuid():N}"[..26], goal = "Survive hostile input.", zip = "19107", groupId = group.Id,
            needs = new object[] { new { kind = "Money", title = "Funds", quantity = 100_000, allowOverfill = true }, new { kind = "People", title = "Helpers", quantity = 3 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;
        var (_, pledger) = await app.MemberAsync();
        var pledge = (await (await pledger.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 500 }))
            .Content.ReadFromJsonAsync<PledgeView>())!;
        var (_, stranger) = await app.MemberAsync();
        return (new Content(group.Id, group.Slug, project.Id, project.Slug, project.Needs[0].Id, pledge.Id, owner.Id), ownerClient, stranger);
    }

    /// <summary>A route template with its parameters filled in: ids of the content when the route is about it, random otherwise.</summary>
    private static string Fill(string template, Content c, Random random) => RouteParameter().Replace(template, m =>
    {
        var name = m.Groups[1].Value;
        var before = template[..m.Index];
        return name switch
        {
            "needId" => c.NeedId.ToString(),
            "pledgeId" => c.PledgeId.ToString(),
            "slug" => before.Contains("/groups") ? c.GroupSlug : c.ProjectSlug,
            "idOrSlug" => random.Next(3) == 0 ? "n%C3%A4sty%20%3Cb%3E" : before.Contains("/groups") ? c.GroupSlug : c.ProjectSlug,
            "code" => "404",
            _ when before.EndsWith("/groups/") => c.GroupId.ToString(),
            _ when before.EndsWith("/projects/") => c.ProjectId.ToString(),
            _ when before.EndsWith("/members/") => c.MemberId.ToString(),
            _ => random.Next(2) == 0 ? Guid.NewGuid().ToString() : c.ProjectId.ToString(),
        };
    });

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    private static readonly string[] Destructive = ["/api/me", "/api/auth/logout"];

    [Fact]
    public async Task Hostile_bodies_and_queries_at_every_api_operation_never_cause_a_server_error()
    {
        var (content, owner, stranger) = await ContentAsync();
        var operations = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true && !e.RoutePattern.RawText.StartsWith("/api/docs"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Template: e.RoutePattern.RawText!)))
            .Where(o => !(o.Method == "DELETE" && Destructive.Contains(o.Template)))
            .Distinct().OrderBy(o => o.Template).ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} API operations found");
        var random = new Random(12);
        foreach (var (method, template) in operations)
        {
            await Gen.Select(JsonBody, Nasty, Gen.Bool).SampleAsync(async t =>
            {
                var (body, query, asOwner) = t;
                var url = Fill(template, content, random) + "?q=" + Uri.EscapeDataString(query) + "&page=" + Uri.EscapeDataString(query) + "&pageSize=" + Uri.EscapeDataString(query)
                    + "&take=" + Uri.EscapeDataString(query) + "&near=" + Uri.EscapeDataString(query) + "&within=" + Uri.EscapeDataString(query);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is not ("GET" or "HEAD")) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", query);
                var response = await (asOwner ? owner : stranger).SendAsync(request);
                await AssertNever5xxAsync(response, $"{method} {Trim(url)} {Trim(body)}", api: true);
            }, iter: 12, threads: 1);
        }
    }

    [Fact]
    public async Task Hostile_values_in_every_page_form_never_cause_a_server_error()
    {
        var (content, owner, _) = await ContentAsync();
        var ownerEmail = await app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Grassroots.Features.Members.Member>>().FindByIdAsync(content.MemberId.ToString()))!.Email!);
        var browser = await app.BrowserAsync(new Grassroots.Features.Members.Member { Email = ownerEmail });
        var random = new Random(7);
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct()
            .Where(p => p is not ("/account/signout" or "/me/delete"))
            .Select(p => Fill(p, content, random))
            .Concat([$"/flag?type=project&id={content.ProjectId}", $"/flag?type=group&id={content.GroupId}", "/account/reset?userId=x&code=y",
                "/account/confirm?userId=not-a-guid&code=%00", $"/account/confirm?userId={content.MemberId}&code=bad", "/projects?near=1e20&within=-1&page=99999999999&status=Nope",
                "/groups?near=%F0%9F%99%82&within=9999999999&sort=%00&kind=9", "/projects/similar?Input.Title=%00&Input.Zip=99999999999999999999"])
            .ToList();
        var forms = new Dictionary<string, HashSet<string>>();
        foreach (var url in pages)
        {
            var response = await browser.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"GET {url} → {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            foreach (Match form in FormTag().Matches(html))
            {
                var action = WebUtility.HtmlDecode(ActionAttribute().Match(form.Value) is { Success: true } a ? a.Groups[1].Value : url.Split('?')[0]);
                if (action.StartsWith("/account/signout") || action.StartsWith("/me/delete") || !action.StartsWith('/')) continue;
                if (!forms.TryGetValue(action, out var fields)) forms[action] = fields = [];
                foreach (Match field in FieldName().Matches(form.Groups[1].Value)) fields.Add(WebUtility.HtmlDecode(field.Groups[1].Value));
                fields.Remove("__RequestVerificationToken");
            }
        }
        Assert.True(forms.Count > 15, $"only {forms.Count} forms found: {string.Join(", ", forms.Keys)}");
        var token = await TokenAsync(browser, $"/projects/{content.ProjectSlug}");
        foreach (var (action, fields) in forms)
        {
            await Gen.Select(Nasty.Array[fields.Count], Nasty).SampleAsync(async t =>
            {
                var (values, extra) = t;
                var body = fields.Select((f, i) => new KeyValuePair<string, string>(f, values[i])).Append(new("__RequestVerificationToken", token)).Append(new("extra", extra)).ToList();
                var response = await browser.PostAsync(action, new FormUrlEncodedContent(body));
                await AssertNever5xxAsync(response, $"POST {action} {Trim(string.Join("&", body.Select(b => b.Key + "=" + b.Value)))}", api: false);
            }, iter: 10, threads: 1);
        }
        // The owner still owns the project and organizes the group: nothing stored was lost to the noise.
        Assert.True((await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{content.ProjectId}"))!.IAmOwner);
        Assert.Equal(GroupRole.Organizer, (await owner.GetFromJsonAsync<GroupView>($"/api/groups/{content.GroupId}"))!.MyRole);
    }

    private static async Task<string> TokenAsync(HttpClient browser, string url)
    {
        var html = await browser.GetStringAsync(url);
        return WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    [GeneratedRegex(@"<form[^>]*method=""post""[^>]*>([\s\S]*?)</form>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex(@"action=""([^""]*)""")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex(@"<(?:input|select|textarea)[^>]*\sname=""([^""]+)""")]
    private static partial Regex FieldName();

    private async Task AssertNever5xxAsync(HttpResponseMessage r, string what, bool api)
    {
        var code = (int)r.StatusCode;
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(code < 500, $"{what} → {code}: {Trim(body)}\n{string.Join("\n", app.Errors.TakeLast(1))}");
        if (api && code >= 400 && code is not (401 or 405 or 415))
            Assert.True(r.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what} → {code} without problem+json: {Trim(body)}");
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;
}

public sealed class EveryOperationTests_Sqlite(SqliteApp app) : EveryOperationTests(app), IClassFixture<SqliteApp>;
public sealed class EveryOperationTests_Postgres(PostgresApp app) : EveryOperationTests(app), IClassFixture<PostgresApp>;
