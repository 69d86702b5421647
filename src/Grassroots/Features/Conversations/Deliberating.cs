using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Conversations;

/// <summary>
/// Conversations, statements and votes. Any member starts one on its own; one attached to a platform document is
/// started by the document's facilitators, who moderate it. A member gets a number on their first statement or
/// vote; a vote on a statement replaces their earlier one (the key); every vote wakes the background recompute.
/// </summary>
public sealed class Deliberating(AppDbContext db, Access access, UserText text, AuditLog audit, OpinionRecompute recompute, TimeProvider clock,
    IOptions<ConversationsOptions> options, IStringLocalizer<SharedResource> l,
    IValidator<ConversationInput> conversationRules, IValidator<StatementInput> statementRules, IValidator<VoteInput> voteRules)
{
    public async Task<(Conversation? Conversation, Outcome Outcome)> CreateAsync(ClaimsPrincipal actor, ConversationInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Standing.Frozen(l));
        var validation = await conversationRules.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        var (topic, description, seeds) = (ConversationText.Topic(input.Topic), ConversationText.Clean(input.Description), ConversationText.Seeds(input.Seeds));
        if (input.DocumentId is { } documentId)
        {
            if (await MayStartOnAsync(actor, documentId) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
            if (input.PlankKey is { } plank && !await db.PlatformPlanks.AnyAsync(p => p.Key == plank && db.PlatformVersions.Any(v => v.Id == p.VersionId && v.DocumentId == documentId), ct))
                return (null, Outcome.Invalid("plankKey", l["That plank is not in this document."]));
        }
        var now = clock.GetUtcNow();
        var c = new Conversation
        {
            Slug = "", Topic = topic, Description = description, DocumentId = input.DocumentId, PlankKey = input.PlankKey, CreatedById = me, CreatedAt = now,
            StatementsNeedApproval = input.StatementsNeedApproval, Participants = 1, Statements = seeds.Count,
        };
        c.Slug = Slugs.Retry(Slugs.From(topic, "conversation"), c.Id, 0);
        db.Conversations.Add(c);
        db.ConversationParticipants.Add(new ConversationParticipant { ConversationId = c.Id, Number = 0, MemberId = me, JoinedAt = now });
        var number = 0;
        foreach (var seed in seeds)
            db.Statements.Add(new Statement { ConversationId = c.Id, Number = number++, AuthorNumber = 0, Text = seed, Seed = true, Status = StatementStatus.Accepted, CreatedAt = now });
        audit.Record(me, "conversation.create", "conversation", c.Id, topic);
        await db.SaveChangesAsync(ct);
        return (c, Outcome.Ok);
    }

    /// <param name="hidden">One a community jury reviews or removed too, for a caller that shows the jury's notice.</param>
    /// <summary>A conversation on a platform document is started (or imported) by the document's facilitators only.</summary>
    internal async Task<Outcome> MayStartOnAsync(ClaimsPrincipal actor, Guid documentId) =>
        await access.CheckAsync(actor, new DocumentResource(documentId), PlatformPolicies.Facilitate) is { Kind: not OutcomeKind.Ok } refused
            ? refused.Kind == OutcomeKind.NotFound ? Outcome.Invalid("documentId", l["There is no such platform document."]) : refused
            : Outcome.Ok;

    public async Task<Conversation?> FindAsync(string idOrSlug, CancellationToken ct, bool hidden = false)
    {
        if (idOrSlug.Length > 140) return null;
        // An import still being written is no one's to see, its importer's included (hidden or not).
        var q = db.Conversations.AsNoTracking().Where(c => !c.Importing && (hidden || c.Moderation == ContentModeration.Visible));
        return Guid.TryParse(idOrSlug, out var id) ? await q.SingleOrDefaultAsync(c => c.Id == id, ct) : await q.SingleOrDefaultAsync(c => c.Slug == idOrSlug, ct);
    }

    /// <summary>Moderators: the creator, and the facilitators of the document it is attached to.</summary>
    public async Task<bool> ModeratesAsync(Conversation c, Guid? member, CancellationToken ct) =>
        member is { } m && (c.CreatedById == m || (c.DocumentId is { } d && await db.DocumentFacilitators.AnyAsync(f => f.DocumentId == d && f.MemberId == m, ct)));

    /// <summary>
    /// The member's number here, given on first use: the counter and the row in one transaction; a member joining twice
    /// at once gets one. Numbers are drawn at random (the creator is 0): counted in order, someone who watched the public
    /// participant count while a member joined knew that member's number, and so their votes in the export.
    /// </summary>
    internal async Task<int> NumberAsync(Guid conversationId, Guid member, CancellationToken ct)
    {
        if (await db.ConversationParticipants.NumberOfAsync(conversationId, member, ct) is { } known)
            return known;
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Participants, c => c.Participants + 1), ct);
            var count = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Participants).SingleAsync(ct);
            // A space a thousand times the participants (at least a million) keeps draws apart; a clash is retried.
            var number = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, (int)Math.Clamp(count * 1000L, 1_000_000, 1_000_000_000));
            db.ConversationParticipants.Add(new ConversationParticipant { ConversationId = conversationId, Number = number, MemberId = member, JoinedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return number;
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                db.ChangeTracker.Clear();
                await tx.RollbackAsync(ct);
                if (await db.ConversationParticipants.NumberOfAsync(conversationId, member, ct) is { } other)
                    return other;
            }
        }
    }

    /// <summary>A new statement; its author agrees with it (as in Pol.is). Votable at once unless the conversation moderates first.</summary>
    public async Task<(int? Number, Outcome Outcome)> SubmitAsync(ClaimsPrincipal actor, Guid conversationId, StatementInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId && c.Moderation == ContentModeration.Visible, ct) is not { } c) return (null, Outcome.NotFound);
        if (!c.Open) return (null, Outcome.Invalid("text", l["This conversation is closed: it takes no more statements."]));
        if (c.Imported) return (null, Outcome.Invalid("text", l["This conversation was imported from Pol.is: it is read only."]));
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Standing.Frozen(l));
        var validation = await statementRules.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        var body = ConversationText.Clean(input.Text);
        if (await db.Statements.Where(s => s.ConversationId == c.Id && s.Text.ToLower() == body.ToLower()).Select(s => (int?)s.AuthorNumber).FirstOrDefaultAsync(ct) is { } writer)
            return (null, Outcome.Invalid("text", writer == await db.ConversationParticipants.NumberOfAsync(c.Id, me, ct)
                ? l["You wrote exactly that already, and agree with it: write another idea."]
                : l["Someone already wrote exactly that: vote on it instead."]));
        var author = await NumberAsync(c.Id, me, ct);
        var since = clock.GetUtcNow().AddHours(-1);
        if (await db.Statements.CountAsync(s => s.ConversationId == c.Id && s.AuthorNumber == author && s.CreatedAt > since, ct) >= options.Value.StatementsPerHour)
            return (null, Outcome.Invalid("text", l["You wrote {0} statements here in the past hour. Vote on others' for a while.", options.Value.StatementsPerHour]));
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Statements, x => x.Statements + 1).SetProperty(x => x.Votes, x => x.Votes + 1).SetProperty(x => x.Pending, x => x.Pending + 1), ct);
            var number = await db.Conversations.Where(x => x.Id == c.Id).Select(x => x.Statements).SingleAsync(ct) - 1;
            var now = clock.GetUtcNow();
            db.Statements.Add(new Statement { ConversationId = c.Id, Number = number, AuthorNumber = author, Text = body, CreatedAt = now, Agrees = 1, Seen = 1 });
            db.StatementVotes.Add(new StatementVote { ConversationId = c.Id, ParticipantNumber = author, StatementNumber = number, Value = 1, At = now });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                recompute.Wake();
                return (number, Outcome.Ok);
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                db.ChangeTracker.Clear();
                await tx.RollbackAsync(ct);
            }
        }
    }

    /// <summary>Agree (+1), disagree (-1) or pass (0). A second vote on the same statement replaces the first; the counters follow.</summary>
    public async Task<Outcome> VoteAsync(ClaimsPrincipal actor, Guid conversationId, VoteInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var validation = await voteRules.ValidateAsync(input, ct);
        if (!validation.IsValid) return Outcome.Invalid(FieldErrors.From(validation));
        var (number, value) = (input.Statement!.Value, (sbyte)input.Vote!.Value);
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId && x.Moderation == ContentModeration.Visible)
            .Select(x => new { x.Open, x.Imported, x.StatementsNeedApproval }).SingleOrDefaultAsync(ct);
        if (c is null) return Outcome.NotFound;
        if (!c.Open || c.Imported) return Outcome.Invalid("vote", c.Imported ? l["This conversation was imported from Pol.is: it is read only."] : l["This conversation is closed: it takes no more votes."]);
        var status = await db.Statements.AsNoTracking().Where(s => s.ConversationId == conversationId && s.Number == number).Select(s => (StatementStatus?)s.Status).SingleOrDefaultAsync(ct);
        if (status is null) return Outcome.Invalid("statement", l["There is no statement #{0} in this conversation.", number]);
        if (status == StatementStatus.Rejected) return Outcome.Invalid("statement", l["Statement #{0} was moderated out: it takes no votes.", number]);
        if (status == StatementStatus.Unmoderated && c.StatementsNeedApproval) return Outcome.Invalid("statement", l["Statement #{0} waits for a moderator: vote on it once it is accepted.", number]);
        var participant = await NumberAsync(conversationId, me, ct);
        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var previous = await db.StatementVotes.Where(v => v.ConversationId == conversationId && v.ParticipantNumber == participant && v.StatementNumber == number)
                .Select(v => (sbyte?)v.Value).SingleOrDefaultAsync(ct);
            if (previous == value) { await tx.RollbackAsync(ct); return Outcome.Ok; }
            try
            {
                if (previous is null)
                {
                    db.StatementVotes.Add(new StatementVote { ConversationId = conversationId, ParticipantNumber = participant, StatementNumber = number, Value = value, At = now });
                    await db.SaveChangesAsync(ct);
                    await db.Conversations.Where(x => x.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Votes, x => x.Votes + 1).SetProperty(x => x.Pending, x => x.Pending + 1), ct);
                }
                else
                {
                    // Only if it still reads what we read: a parallel change of the same vote retries.
                    if (await db.StatementVotes.Where(v => v.ConversationId == conversationId && v.ParticipantNumber == participant && v.StatementNumber == number && v.Value == previous)
                            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, value).SetProperty(v => v.At, now), ct) == 0)
                        throw new DbUpdateException("changed meanwhile");
                    await db.Conversations.Where(x => x.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Pending, x => x.Pending + 1), ct);
                }
                var (agree, disagree, pass) = (Delta(previous, value, 1), Delta(previous, value, -1), Delta(previous, value, 0));
                var first = previous is null ? 1 : 0;
                await db.Statements.Where(s => s.ConversationId == conversationId && s.Number == number).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Agrees, x => x.Agrees + agree).SetProperty(x => x.Disagrees, x => x.Disagrees + disagree)
                    .SetProperty(x => x.Passes, x => x.Passes + pass).SetProperty(x => x.Seen, x => x.Seen + first), ct);
                await tx.CommitAsync(ct);
                recompute.Wake();
                return Outcome.Ok;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                await tx.RollbackAsync(ct);
            }
        }
    }

    private static int Delta(sbyte? previous, sbyte now, int kind) => (now == kind ? 1 : 0) - (previous == kind ? 1 : 0);

    /// <summary>
    /// The next statement for a member: among the votable ones they have not voted on, the fewest-voted first (a
    /// new statement gets seen), picked at random among the equally least seen so two people opening at once differ.
    /// </summary>
    public async Task<StatementView?> NextAsync(Guid conversationId, Guid? member, CancellationToken ct)
    {
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId).Select(x => new { x.StatementsNeedApproval }).SingleOrDefaultAsync(ct);
        if (c is null) return null;
        var participant = await db.ConversationParticipants.NumberOfAsync(conversationId, member, ct);
        var votable = db.Statements.AsNoTracking().Where(s => s.ConversationId == conversationId
            && (s.Status == StatementStatus.Accepted || (!c.StatementsNeedApproval && s.Status == StatementStatus.Unmoderated)));
        if (participant is { } p)
            votable = votable.Where(s => !db.StatementVotes.Any(v => v.ConversationId == conversationId && v.ParticipantNumber == p && v.StatementNumber == s.Number));
        var few = await votable.OrderBy(s => s.Seen).ThenBy(s => s.Number).Take(5).ToListAsync(ct);
        if (few.Count == 0) return null;
        var least = few.Where(s => s.Seen == few[0].Seen).ToList();
        var pick = least[Random.Shared.Next(least.Count)];
        return View(pick, null);
    }

    internal static StatementView View(Statement s, sbyte? mine) => new(s.Number, s.Text, s.Status, s.Rejection, s.Seed, s.Agrees, s.Disagrees, s.Passes, mine);

    public async Task<Outcome> ModerateAsync(ClaimsPrincipal actor, Guid conversationId, int number, ModerationInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct) is not { } c) return Outcome.NotFound;
        if (!await ModeratesAsync(c, me, ct)) return Outcome.Refused(l["Only the conversation's moderators may do that."]);
        var reason = input.Accept ? RejectionReason.None : input.Reason ?? RejectionReason.None; // a rejection names its reason: none is assumed
        if (!Enum.IsDefined(reason) || (!input.Accept && reason == RejectionReason.None))
            return Outcome.Invalid("reason", l["Say why: spam, off topic, a duplicate, or against the community values."]);
        var status = input.Accept ? StatementStatus.Accepted : StatementStatus.Rejected;
        var changed = await db.Statements.Where(s => s.ConversationId == conversationId && s.Number == number && (s.Status != status || s.Rejection != reason))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.Rejection, reason), ct);
        if (changed == 0) return await db.Statements.AnyAsync(s => s.ConversationId == conversationId && s.Number == number, ct) ? Outcome.Ok : Outcome.NotFound;
        // The map leaves a statement moderated out out of everything: it must be computed again.
        await db.Conversations.Where(x => x.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Pending, x => x.Pending + 1), ct);
        audit.Record(me, input.Accept ? "statement.accept" : "statement.reject", "conversation", conversationId, $"#{number} {reason}");
        await db.SaveChangesAsync(ct);
        recompute.Wake();
        return Outcome.Ok;
    }

    public async Task<Page<ConversationSummary>> ListAsync(Guid? documentId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var q = db.Conversations.AsNoTracking().Where(c => c.Moderation == ContentModeration.Visible);
        if (documentId is { } d) q = q.Where(c => c.DocumentId == d);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size)
            .Select(c => new ConversationSummary(c.Id, c.Slug, c.Topic, c.Participants, c.Statements, c.Votes, c.CreatedAt)).ToListAsync(ct);
        return new Page<ConversationSummary>(items, p, size, total);
    }

    public async Task<ConversationView?> ReadAsync(string idOrSlug, ClaimsPrincipal reader, CancellationToken ct, bool hidden = false)
    {
        if (await FindAsync(idOrSlug, ct, hidden) is not { } c) return null;
        var me = reader.MemberId();
        var number = await db.ConversationParticipants.NumberOfAsync(c.Id, me, ct);
        var myVotes = number is { } n ? await db.StatementVotes.CountAsync(v => v.ConversationId == c.Id && v.ParticipantNumber == n, ct) : 0;
        var doc = c.DocumentId is { } d ? await db.PlatformDocuments.AsNoTracking().Where(x => x.Id == d).Select(x => new { x.Slug, x.Title }).SingleOrDefaultAsync(ct) : null;
        var computed = await db.OpinionMaps.AsNoTracking().Where(x => x.ConversationId == c.Id).Select(x => (DateTimeOffset?)x.ComputedAt).SingleOrDefaultAsync(ct);
        return new ConversationView(c.Id, c.Slug, c.Topic, c.Description, text.ToSafeHtml(c.Description), c.DocumentId, doc?.Slug, doc?.Title, c.PlankKey,
            c.Open, c.StatementsNeedApproval, c.Imported, c.ImportedFrom, c.Imported && me is { } m && c.CreatedById == m, c.Participants, c.Statements, c.Votes, number, myVotes,
            await ModeratesAsync(c, me, ct), computed, c.Moderation);
    }

    /// <summary>Statements no moderator has read yet (what the moderators' page counts; only moderators see it).</summary>
    public Task<int> WaitingAsync(Guid conversationId, CancellationToken ct) =>
        db.Statements.CountAsync(s => s.ConversationId == conversationId && s.Status == StatementStatus.Unmoderated, ct);

    public async Task<Page<StatementView>> StatementsAsync(Guid conversationId, StatementStatus? status, Guid? member, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var q = db.Statements.AsNoTracking().Where(s => s.ConversationId == conversationId);
        // What moderators took out (or have not let in yet) is theirs to read, not everyone's: the pages hide it, so must the API.
        if (await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct) is { } c && !await ModeratesAsync(c, member, ct))
            q = q.Where(Statement.Shown(c.StatementsNeedApproval));
        if (status is { } st) q = q.Where(s => s.Status == st);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(s => s.Number).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var number = await db.ConversationParticipants.NumberOfAsync(conversationId, member, ct);
        var numbers = rows.Select(r => r.Number).ToList();
        var mine = number is { } n
            ? await db.StatementVotes.AsNoTracking().Where(v => v.ConversationId == conversationId && v.ParticipantNumber == n && numbers.Contains(v.StatementNumber)).ToDictionaryAsync(v => v.StatementNumber, v => v.Value, ct)
            : [];
        return new Page<StatementView>(rows.Select(s => View(s, mine.TryGetValue(s.Number, out var v) ? v : null)).ToList(), p, size, total);
    }
}
