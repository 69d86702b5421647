using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grassroots.Tests.Features.Moderation;

/// <summary>A host with a small threshold and jury, and a clock the test moves.</summary>
public sealed class ModerationApp(DbKind kind, IDictionary<string, string?>? extra = null) : AppFactory(kind)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = new Dictionary<string, string?> { ["Moderation:HideThreshold"] = "3", ["Moderation:JurySize"] = "3" };
            foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) s[k] = v;
            return s;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public static async Task<ModerationApp> StartAsync(DbKind kind, IDictionary<string, string?>? extra = null)
    {
        var app = new ModerationApp(kind, extra);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Members who can sit on juries (signed in just now), each with a client.</summary>
    public async Task<Dictionary<Guid, HttpClient>> PeopleAsync(int n, string name = "Neighbor")
    {
        var people = new Dictionary<Guid, HttpClient>();
        for (var i = 0; i < n; i++) { var (m, c) = await MemberAsync($"{name} {i}"); people[m.Id] = c; }
        return people;
    }

    /// <summary>Signs the member in again (tokens expire when the test moves the clock).</summary>
    public async Task<HttpClient> ClientForAsync(Guid memberId)
    {
        var email = await WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == memberId).Select(u => u.Email).SingleAsync());
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>New members flag the content; returns the case the last flag opened.</summary>
    public async Task<CaseView> FlagPastThresholdAsync(string type, string id, int flaggers = 3)
    {
        for (var i = 0; i < flaggers; i++)
        {
            var (_, c) = await MemberAsync($"Flagger {i}");
            var r = await c.PostAsJsonAsync("/api/flags", new { contentType = type, contentId = id, value = "no-spam", reason = "Only posts ads for a shop that sells watches." });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        return await OpenCaseAsync(type, id);
    }

    public async Task<CaseView> OpenCaseAsync(string type, string id)
    {
        var caseId = await WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ModerationCases
            .Where(c => c.ContentType == type && c.ContentId == id && c.Status == CaseStatus.UnderReview).Select(c => c.Id).SingleAsync());
        return (await CreateClient().GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!;
    }

    public Task<List<Juror>> SeatsAsync(Guid caseId) =>
        WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Jurors.AsNoTracking().Where(j => j.CaseId == caseId).ToListAsync());

    /// <summary>Every seated juror of the round votes the same way.</summary>
    public async Task DecideAsync(Guid caseId, Dictionary<Guid, HttpClient> people, JuryVote vote)
    {
        foreach (var seat in (await SeatsAsync(caseId)).Where(s => s.LapsedAt is null && s.Vote is null))
        {
            var r = await people[seat.MemberId].PostAsJsonAsync($"/api/moderation/cases/{caseId}/votes", new { vote = vote.ToString(), reason = "It sells watches; nothing to do with the movement." });
            if (r.StatusCode == HttpStatusCode.BadRequest) break; // decided by the votes before it
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        }
        Assert.NotEqual(CaseStatus.UnderReview, (await CreateClient().GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!.Status);
    }
}
