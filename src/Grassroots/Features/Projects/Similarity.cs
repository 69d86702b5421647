using System.Text.RegularExpressions;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

public sealed record SimilarProject(Guid Id, string Slug, string Title, string Goal, bool Online, string? City, string? State,
    double? DistanceMiles, int OpenNeeds, double Score);

/// <summary>
/// "You have a lot of dilution happen by having a lot of overlapping projects": while a project is
/// written, and on every project page, the most similar existing ones are shown so a volunteer can
/// join one instead. Full-text relevance (SQLite FTS5 / PostgreSQL tsvector, both kept by the
/// database itself) picks candidates; being in the same area raises the score.
/// </summary>
public sealed partial class Similarity(AppDbContext db, ZipCodes zips)
{
    private const int Candidates = 20;
    private const int RankedAtMost = 2000;
    public const int Shown = 5;

    public async Task<IReadOnlyList<SimilarProject>> FindAsync(string? title, string? goal, string? zip, Guid? except, CancellationToken ct)
    {
        var words = Words($"{title} {goal}");
        if (words.Count == 0) return [];
        var ranked = db.IsPostgres ? await PostgresAsync(words, ct) : await SqliteAsync(words, ct);
        ranked.Remove(except ?? Guid.Empty);
        if (ranked.Count == 0) return [];

        var ids = ranked.Keys.ToList();
        var rows = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Status != ProjectStatus.Archived && p.HiddenAt == null)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Goal, p.Online, p.City, p.State, p.Latitude, p.Longitude, Open = p.Needs.Count(n => !n.Closed) })
            .ToListAsync(ct);
        var origin = zips.Find(zip);
        var best = ranked.Values.Max();
        return rows.Select(r =>
            {
                var miles = origin is null || r.Latitude is null ? (double?)null : origin.MilesFrom(r.Latitude, r.Longitude);
                var shared = Shared(words, Words($"{r.Title} {r.Goal}"));
                // Genuinely similar: two distinctive words in common, or half of a short title's. One shared word
                // ("community", "voters") or both being online does not make two projects the same effort.
                if (shared < 2 && shared * 2 < words.Count) return null;
                // The words shared decide; the full-text rank orders close calls; nearness (within 50 miles) or both
                // being online adds up to a third.
                var nearness = r.Online && string.IsNullOrWhiteSpace(zip) ? 1 : miles is { } m ? Math.Max(0, 1 - m / 50) : 0;
                var score = (double)shared / words.Count + ranked[r.Id] / best / 5 + nearness / 3;
                return new SimilarProject(r.Id, r.Slug, r.Title, r.Goal, r.Online, r.City, r.State, miles, r.Open, Math.Round(score, 3));
            })
            .OfType<SimilarProject>()
            .OrderByDescending(s => s.Score).Take(Shown).ToList();
    }

    /// <summary>bm25() is lower for better matches; turned into "higher is better".</summary>
    private async Task<Dictionary<Guid, double>> SqliteAsync(IReadOnlyList<string> words, CancellationToken ct)
    {
        var match = string.Join(" OR ", words.Select(w => $"\"{w}\""));
        var rows = await db.Database.SqlQuery<Ranked>($"""
            SELECT p."Id" AS "Id", -bm25(projects_fts, 4.0, 2.0, 1.0) AS "Rank"
            FROM projects_fts JOIN projects p ON p.rowid = projects_fts.rowid
            WHERE projects_fts MATCH {match}
            ORDER BY bm25(projects_fts, 4.0, 2.0, 1.0) LIMIT {Candidates}
            """).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Rank);
    }

    private async Task<Dictionary<Guid, double>> PostgresAsync(IReadOnlyList<string> words, CancellationToken ct)
    {
        var query = string.Join(" | ", words);
        // Ranking is the cost (ts_rank reads every matching row's vector); common words match tens
        // of thousands of projects, so at most a few thousand matches are ranked.
        var rows = await db.Database.SqlQuery<Ranked>($"""
            SELECT m."Id", ts_rank(m."SearchVector", to_tsquery('english', {query}))::float8 AS "Rank"
            FROM (SELECT "Id", "SearchVector" FROM projects WHERE "SearchVector" @@ to_tsquery('english', {query})
                  LIMIT {RankedAtMost}) m
            ORDER BY 2 DESC LIMIT {Candidates}
            """).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Rank);
    }

    private sealed record Ranked(Guid Id, double Rank);

    /// <summary>How many of the words appear in the other list, compared on their first five letters ("voter", "voters").</summary>
    internal static int Shared(IReadOnlyList<string> words, IReadOnlyList<string> other) =>
        words.Count(w => other.Any(o => Stem(o) == Stem(w)));

    private static string Stem(string word) => word.Length > 5 ? word[..5] : word;

    /// <summary>Distinct words of three letters or more, without the commonest ones, at most 12.</summary>
    internal static IReadOnlyList<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)
            .Where(w => w.Length >= 3 && !Stop.Contains(w)).Distinct().Take(12).ToList();

    private static readonly HashSet<string> Stop = ["the", "and", "for", "with", "our", "you", "your", "are", "was", "this", "that", "from", "will",
        "all", "get", "into", "about", "have", "has", "not", "but", "who", "what", "when", "los", "las", "del", "para", "con", "una", "por"];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
