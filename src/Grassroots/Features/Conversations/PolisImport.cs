using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Grassroots.Opinion.Polis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Conversations;

public sealed record PolisImportInput(string? Topic, string? Description, Guid? DocumentId);

/// <summary>What an export holds, shown before (and after) it is imported.</summary>
public sealed record PolisImportSummary(
    string? Topic, string? Url, PolisCommentsLayout Layout, int Statements, int ModeratedOut, int Meta, int Participants, long Votes, int ReplacedVotes,
    int? PolisGroups, IReadOnlyList<string> FirstStatements);

/// <summary>The first thing wrong in an upload, translated: the form field of its file, where, and what to fix.</summary>
public sealed record PolisImportError(string Field, string File, int? Line, string? Column, string Message);

/// <summary>
/// Brings a conversation in from Pol.is' export files (comments.csv, votes.csv, and participants-votes.csv and
/// summary.csv when given) and writes one out in the same format. Everything is read and checked before anything is
/// written (a malformed file imports nothing), then written in short batches into a conversation nobody sees until
/// every row is in. Imported participants keep their
/// Pol.is ids as their numbers and have no member; the conversation is read only, and its map is computed in the
/// background like any other.
/// </summary>
public sealed class PolisImport(AppDbContext db, Deliberating deliberating, AuditLog audit, OpinionRecompute recompute, TimeProvider clock,
    IOptions<ConversationsOptions> options, IStringLocalizer<SharedResource> l)
{
    /// <summary>The form (and multipart) field of each file.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        [PolisReader.CommentsFile] = "comments", [PolisReader.VotesFile] = "votes",
        [PolisReader.ParticipantsVotesFile] = "participantsVotes", [PolisReader.SummaryFile] = "summary",
    };

    public PolisReadOptions ReadOptions => new()
    {
        MaxVotes = options.Value.ImportMaxVotes, MaxComments = options.Value.ImportMaxStatements, MaxBodyLength = Statement.MaxImportedLength,
    };

    /// <summary>Reads and checks an export; nothing is stored. The errors are the first of each file that has one.</summary>
    public async Task<(PolisConversation? Conversation, IReadOnlyList<PolisImportError> Errors)> ReadAsync(PolisExportFiles files, CancellationToken ct)
    {
        var read = await PolisReader.ReadAsync(files, ReadOptions, ct);
        return read.Succeeded ? (read.Conversation, []) : (null, read.Errors.Select(Translate).ToList());
    }

    public PolisImportError Translate(PolisFormatError e)
    {
        var message = l[e.Template, [.. e.Arguments]].Value;
        var where = (e.Line, e.Column) switch
        {
            ({ } line, { } column) => l["{0}, line {1}, column \"{2}\": {3}", e.File, line, column, message],
            ({ } line, null) => l["{0}, line {1}: {2}", e.File, line, message],
            _ => l["{0}: {1}", e.File, message],
        };
        return new PolisImportError(Fields.GetValueOrDefault(e.File, "comments"), e.File, e.Line, e.Column, where);
    }

    /// <summary>The largest upload the API and the page take, all files together.</summary>
    public long MaxUploadBytes => options.Value.ImportMaxBytes;

    public string TooLarge() => l["The upload is larger than {0} MB, the most an import takes here. Ask the site's administrators to import it from the command line (import-polis).", MaxUploadBytes / 1024 / 1024];

    public string Unreadable() => l["The upload could not be read: send the files as a multipart/form-data form, in the fields comments and votes."];

    public static PolisImportSummary Summarize(PolisConversation c) => new(
        c.Summary?.Topic, c.Summary?.Url, c.CommentsLayout, c.Comments.Count, c.Comments.Count(x => x.Moderation == PolisModeration.ModeratedOut), c.Comments.Count(x => x.IsMeta),
        ParticipantIds(c).Count, c.Votes.Count, c.ReplacedVotes,
        c.Participants?.Where(p => p.GroupId is not null).Select(p => p.GroupId).Distinct().Count(),
        c.Comments.Where(x => x.Moderation != PolisModeration.ModeratedOut && !x.IsMeta).Take(5).Select(x => x.Body.Trim()).ToList());

    private static SortedSet<int> ParticipantIds(PolisConversation c)
    {
        var ids = new SortedSet<int>(c.Comments.Select(x => x.AuthorId));
        foreach (var v in c.Votes) ids.Add(v.VoterId);
        foreach (var p in c.Participants ?? []) ids.Add(p.Id);
        return ids;
    }

    /// <summary>
    /// Stores a read export as a new, read-only conversation by <paramref name="importer"/> (null: the site's operator,
    /// from the command line). On a platform document only its facilitators may import, as only they start conversations there.
    /// </summary>
    public async Task<(Conversation? Conversation, Outcome Outcome)> ImportAsync(System.Security.Claims.ClaimsPrincipal? importer, PolisImportInput input,
        PolisConversation data, string? idempotencyKey, CancellationToken ct)
    {
        var me = importer?.RequiredMemberId() ?? Guid.Empty;
        (idempotencyKey, var badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return (null, badKey);
        if (idempotencyKey is not null && await SentAsync() is { } sent)
            return (sent, Outcome.Ok);
        if (importer is not null && await db.Users.IsFrozenAsync(me, ct)) return (null, Standing.Frozen(l));
        var since = clock.GetUtcNow().AddDays(-1);
        if (importer is not null && await db.Conversations.CountAsync(c => c.CreatedById == me && c.Imported && c.CreatedAt > since, ct) >= options.Value.ImportsPerDay)
            return (null, Outcome.Invalid("comments", l["You imported {0} conversations in the past day: that is the most for one day.", options.Value.ImportsPerDay]));
        var errors = new FieldErrors();
        var topic = ConversationText.Topic(input.Topic) is { Length: > 0 } given ? given : ConversationText.Topic(data.Summary?.Topic);
        var description = ConversationText.Clean(input.Description) is { Length: > 0 } said ? said : ConversationText.Clean(data.Summary?.Description);
        if (topic.Length == 0) errors.Add("topic", l["Name the conversation: the export has no summary.csv to take its topic from."]);
        else if (topic.Length > Conversation.MaxTopicLength) errors.Add("topic", l["Keep the topic under {0} characters.", Conversation.MaxTopicLength]);
        if (description.Length > Conversation.MaxDescriptionLength) description = description[..Conversation.MaxDescriptionLength];
        if (data.Comments.Count == 0) errors.Add("comments", l["comments.csv has no comments: there is nothing to import."]);
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        if (input.DocumentId is { } documentId && importer is not null && await deliberating.MayStartOnAsync(importer, documentId) is { Kind: not OutcomeKind.Ok } refused)
            return (null, refused);

        var url = data.Summary?.Url is { } u && Uri.TryCreate(u.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps && u.Length <= 500 ? parsed.ToString() : null;
        var now = clock.GetUtcNow();
        var ids = ParticipantIds(data);
        var conversation = new Conversation
        {
            Slug = "", Topic = topic, Description = description, DocumentId = input.DocumentId, CreatedById = me, CreatedAt = now, Open = false,
            Imported = true, Importing = true, ImportedFrom = url, IdempotencyKey = idempotencyKey,
            // Counts, not next numbers: an imported conversation hands out no numbers (it is read only).
            Participants = ids.Count, Statements = data.Comments.Count, Votes = data.Votes.Count,
            // Out of sight (and of the recompute) until every row is in: see below.
            Moderation = ContentModeration.Removed, Pending = 0,
        };
        conversation.Slug = Slugs.Retry(Slugs.From(topic, "conversation"), conversation.Id, 0);

        var tally = data.Comments.ToDictionary(c => c.Id, _ => (Agrees: 0, Disagrees: 0, Passes: 0));
        foreach (var v in data.Votes)
        {
            var t = tally[v.CommentId];
            tally[v.CommentId] = v.Value switch { 1 => t with { Agrees = t.Agrees + 1 }, -1 => t with { Disagrees = t.Disagrees + 1 }, _ => t with { Passes = t.Passes + 1 } };
        }
        var groups = data.Participants?.Where(p => p.GroupId is not null).ToDictionary(p => p.Id, p => p.GroupId) ?? [];
        var joined = new Dictionary<int, DateTimeOffset>();
        foreach (var c in data.Comments) Earliest(c.AuthorId, c.Created);
        foreach (var v in data.Votes) Earliest(v.VoterId, v.At);

        // Batches of 5,000 rows, each its own short transaction, into a conversation nobody sees yet; it appears
        // (and its map is computed) only once all are in, and a failure deletes what was written. One transaction
        // for all held SQLite's single write lock for minutes on a 2-million-vote upload: every other write waited.
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same upload sent twice at once: the other one stores it.
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            if (await SentAsync() is { } twin)
                return (twin, Outcome.Ok);
            throw;
        }
        try
        {
            db.ChangeTracker.Clear();
            await InBatchesAsync(ids.Select(id => new ConversationParticipant
            {
                ConversationId = conversation.Id, Number = id, JoinedAt = joined.GetValueOrDefault(id, now), PolisGroup = groups.GetValueOrDefault(id),
            }), ct);
            await InBatchesAsync(data.Comments.Select(c =>
            {
                var t = tally[c.Id];
                return new Statement
                {
                    ConversationId = conversation.Id, Number = c.Id, AuthorNumber = c.AuthorId, Text = Clean(c.Body), CreatedAt = c.Created, Seed = c.IsSeed, Meta = c.IsMeta,
                    Status = c.Moderation switch { PolisModeration.Accepted => StatementStatus.Accepted, PolisModeration.ModeratedOut => StatementStatus.Rejected, _ => StatementStatus.Unmoderated },
                    Rejection = c.Moderation == PolisModeration.ModeratedOut ? RejectionReason.Unstated : RejectionReason.None,
                    Agrees = t.Agrees, Disagrees = t.Disagrees, Passes = t.Passes, Seen = t.Agrees + t.Disagrees + t.Passes,
                };
            }), ct);
            await InBatchesAsync(data.Votes.Select(v => new StatementVote { ConversationId = conversation.Id, ParticipantNumber = v.VoterId, StatementNumber = v.CommentId, Value = v.Value, At = v.At }), ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Conversations.Where(c => c.Id == conversation.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Moderation, ContentModeration.Visible).SetProperty(c => c.Importing, false).SetProperty(c => c.Pending, 1), ct);
            audit.Record(importer is null ? null : me, "conversation.import", "conversation", conversation.Id, $"{topic}: {data.Comments.Count} statements, {data.Votes.Count} votes");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await DeleteRowsAsync(conversation.Id, CancellationToken.None);
            throw;
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = tracking; }
        (conversation.Moderation, conversation.Importing, conversation.Pending) = (ContentModeration.Visible, false, 1);
        recompute.Wake();
        return (conversation, Outcome.Ok);

        Task<Conversation?> SentAsync() =>
            db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.CreatedById == me && c.IdempotencyKey == idempotencyKey, ct);

        void Earliest(int id, DateTimeOffset at)
        {
            if (!joined.TryGetValue(id, out var known) || at < known) joined[id] = at;
        }
    }

    /// <summary>The text as written, less the control characters a database refuses (PostgreSQL takes no NUL) or a page should not show.</summary>
    private static string Clean(string body) => ControlCharacters.Strip(body) is { } clean && !string.IsNullOrWhiteSpace(clean) ? clean : "\u2026";

    private async Task InBatchesAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        const int Batch = 5_000;
        var set = db.Set<T>();
        var n = 0;
        foreach (var row in rows)
        {
            set.Add(row);
            if (++n % Batch == 0) { await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Undoes an import: its importer deletes it. Conversations members voted in are not deleted this way.</summary>
    public async Task<Outcome> DeleteAsync(System.Security.Claims.ClaimsPrincipal actor, Conversation c, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (!c.Imported || c.CreatedById != me)
            return Outcome.Refused(l["Only an imported conversation can be deleted, by the member who imported it."]);
        await DeleteRowsAsync(c.Id, ct);
        audit.Record(me, "conversation.delete", "conversation", c.Id, c.Topic);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Deletes imports that never finished (the process stopped while writing them) and were started before <paramref name="before"/>.</summary>
    public async Task<int> SweepAsync(DateTimeOffset before, CancellationToken ct)
    {
        var stale = await db.Conversations.AsNoTracking().Where(c => c.Importing && c.CreatedAt < before).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in stale) await DeleteRowsAsync(id, ct);
        return stale.Count;
    }

    /// <summary>Deletes a conversation's votes in batches, then the rest: one cascading delete of millions of votes held the write lock for half a minute.</summary>
    private async Task DeleteRowsAsync(Guid conversationId, CancellationToken ct)
    {
        while (await db.StatementVotes.Where(v => v.ConversationId == conversationId).OrderBy(v => v.ParticipantNumber).Take(20_000).ExecuteDeleteAsync(ct) > 0) { }
        await db.Conversations.Where(x => x.Id == conversationId).ExecuteDeleteAsync(ct);
    }

    /// <summary>A conversation as Pol.is' comments.csv and votes.csv: ids are the conversation's numbers (an import's are Pol.is' own).</summary>
    public async Task<PolisConversation> ExportAsync(Conversation conversation, CancellationToken ct)
    {
        // Our own members' times go out by the day: to the minute, a moderator who knows when someone voted could find
        // their number, and with it every vote they cast. An import's times came from public files and stay.
        Func<DateTimeOffset, DateTimeOffset> time = conversation.ImportedFrom is null ? at => new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero) : at => at;
        var comments = (await db.Statements.AsNoTracking().Where(s => s.ConversationId == conversation.Id).OrderBy(s => s.Number)
            .Select(s => new PolisComment(s.Number, s.AuthorNumber, s.Text,
                s.Status == StatementStatus.Accepted ? PolisModeration.Accepted : s.Status == StatementStatus.Rejected ? PolisModeration.ModeratedOut : PolisModeration.Unmoderated,
                s.CreatedAt, s.Meta, s.Seed, null)).ToListAsync(ct))
            .Select(c => c with { Created = time(c.Created) }).ToList();
        var votes = new List<PolisVote>();
        await foreach (var v in db.StatementVotes.AsNoTracking().Where(v => v.ConversationId == conversation.Id)
                           .Select(v => new PolisVote(v.ParticipantNumber, v.StatementNumber, v.Value, v.At)).AsAsyncEnumerable().WithCancellation(ct))
            votes.Add(v with { At = time(v.At) });
        return new PolisConversation { Comments = comments, Votes = votes, CommentsLayout = PolisCommentsLayout.Newer };
    }
}
