using System.Net.Http.Json;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Benchmarks;

/// <summary>
/// Members for the HTTP load tests (bench/rsvps.sh, bench/votes.sh): signed up through the running app, their
/// address confirmed in the database, signed in through /api/auth/login; and the wrk scripts' Lua data.
/// </summary>
public static class BenchMembers
{
    public const string Password = "bench load password";

    /// <summary>
    /// Registers <paramref name="count"/> members named "Load" (addresses "{prefix}{i}-{random}@bench.invalid", in
    /// order), confirms them and signs them in; their addresses and bearer tokens, index for index.
    /// </summary>
    public static async Task<(List<string> Emails, string[] Tokens)> SignUpAsync(HttpClient http, Func<AppDbContext> open, int count, string prefix)
    {
        var emails = Enumerable.Range(0, count).Select(i => $"{prefix}{i}-{Guid.NewGuid():N}@bench.invalid").ToList();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (e, ct) =>
            (await http.PostAsJsonAsync("/api/auth/register", new { displayName = "Load", email = e, password = Password }, ct)).EnsureSuccessStatusCode());
        await using (var db = open())
            await db.Users.Where(u => emails.Contains(u.Email!)).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true).SetProperty(u => u.DisplayName, "Load"));
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var r = await http.PostAsJsonAsync("/api/auth/login", new { email = emails[i], password = Password }, ct);
            r.EnsureSuccessStatusCode();
            tokens[i] = (await r.Content.ReadFromJsonAsync<Token>(ct))!.AccessToken;
        });
        return (emails, tokens);
    }

    /// <summary>A Lua list of strings: { "a", "b" } (the values must need no escaping: tokens, slugs, ids).</summary>
    public static string LuaList(IEnumerable<string> xs) => "{ " + string.Join(", ", xs.Select(x => $"\"{x}\"")) + " }";

    private sealed record Token(string AccessToken);
}
