using System.Globalization;
using Grassroots.Opinion;
using Grassroots.Opinion.Polis;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

/// <summary>
/// <c>dotnet run --project src/Grassroots -- import-polis FOLDER [--topic TEXT] [--document SLUG]</c>: imports a Pol.is
/// export from a folder (no upload cap: the largest public conversations fit), computes its map at once and, when
/// the export has participants-votes.csv, says how alike our groups are to Pol.is' own (adjusted Rand index).
/// </summary>
public static class PolisCommand
{
    public const string Name = "import-polis";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await errors.WriteLineAsync("Usage: import-polis FOLDER [--topic TEXT] [--document SLUG]   (FOLDER holds comments.csv and votes.csv)");
            return 2;
        }
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var import = sp.GetRequiredService<PolisImport>();
        var db = sp.GetRequiredService<Infrastructure.Data.AppDbContext>();
        var read = await PolisReader.ReadDirectoryAsync(args[0], new PolisReadOptions { MaxBodyLength = Statement.MaxImportedLength }, ct);
        if (!read.Succeeded)
        {
            foreach (var error in read.Errors) await errors.WriteLineAsync(Path.Combine(args[0], error.ToString()));
            return 1;
        }
        Guid? document = null;
        if (Option("--document") is { } slug)
        {
            document = await db.PlatformDocuments.Where(d => d.Slug == slug || d.Id.ToString() == slug).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            if (document is null) { await errors.WriteLineAsync($"There is no platform document \"{slug}\"."); return 1; }
        }
        var (conversation, outcome) = await import.ImportAsync(null, new PolisImportInput(Option("--topic"), null, document), read.Conversation, null, ct);
        if (conversation is null)
        {
            foreach (var (field, messages) in outcome.Errors?.ToDictionary() ?? [])
                await errors.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            return 1;
        }
        var summary = PolisImport.Summarize(read.Conversation);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Imported \"{conversation.Topic}\" as /conversations/{conversation.Slug}: {summary.Statements:N0} statements ({summary.ModeratedOut:N0} moderated out, {summary.Meta:N0} meta), {summary.Participants:N0} participants, {summary.Votes:N0} votes ({summary.ReplacedVotes:N0} earlier votes replaced)."));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await sp.GetRequiredService<OpinionRecompute>().ComputeAsync(conversation.Id, ct);
        var clustered = (await sp.GetRequiredService<OpinionMaps>().AllParticipantsAsync(conversation.Id, ct)).Where(p => p.Group is not null).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Opinion map computed in {started.Elapsed.TotalSeconds:F1} s: {clustered.Count:N0} people in {clustered.Select(p => p.Group).Distinct().Count()} groups."));
        var both = clustered.Where(p => p.PolisGroup is not null).ToList();
        if (both.Count >= 2)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Pol.is put {both.Count:N0} of them in {both.Select(p => p.PolisGroup).Distinct().Count()} groups; agreement with ours (adjusted Rand index, 1 = the same split): {AdjustedRandIndex.Of(both.Select(p => p.PolisGroup!.Value).ToList(), both.Select(p => p.Group!.Value).ToList()):F3}."));
        return 0;
    }
}
