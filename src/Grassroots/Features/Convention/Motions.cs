using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Grassroots.Ballots.Audit;
using Grassroots.Ballots.Blt;
using Grassroots.Ballots.Board;
using Grassroots.Ballots.Counting;
using Grassroots.Features.Members;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention;

/// <summary>
/// Motions and their voting windows: officers write them (on an agenda item), open them (the roll is called: who
/// is credentialed then may vote), close them (by hand or when the set time passes): the count runs once, at close,
/// with the board's head as the lot's seed, and a passed ratify or adopt motion tells the platform in the same
/// transaction. Results, choices and the audit file exist only for closed motions.
/// </summary>
public sealed class Motions(AppDbContext db, Assemblies assemblies, ConventionDecisions platform, IEnumerable<IMotionDecided> decided, TurnoutBroadcast turnout, TimeProvider clock,
    IValidator<MotionInput> rules, IValidator<OpenInput> openRules, IStringLocalizer<SharedResource> l, ILogger<Motions> log)
{
    public const int MaxMotions = 500;
    private static readonly string[] YesNoOptions = ["Yes", "No"];

    public Task<Motion?> FindAsync(Guid assemblyId, int number, CancellationToken ct) =>
        db.Motions.AsNoTracking().SingleOrDefaultAsync(m => m.AssemblyId == assemblyId && m.Number == number, ct);

    private void Log(Guid assemblyId, Guid actor, string action, string detail) => assemblies.Log(assemblyId, actor, action, detail);

    /// <summary>A motion's counted ballots: the board's entries no later entry replaces.</summary>
    private IQueryable<BoardBallot> Counted(Guid motionId) =>
        db.BoardBallots.AsNoTracking().Where(b => b.MotionId == motionId && !db.BoardBallots.Any(r => r.MotionId == motionId && r.Replaces == b.Tracker));

    public async Task<(Motion? Motion, Outcome Outcome)> CreateAsync(ClaimsPrincipal actor, Guid assemblyId, MotionInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (!await db.Assemblies.AnyAsync(a => a.Id == assemblyId, ct)) return (null, Outcome.NotFound);
        if (await assemblies.RoleAsync(assemblyId, me, ct) is null) return (null, Outcome.Refused(l["Only the assembly's creators and chairs may write motions."]));
        if (await rules.ValidateAsync(input, ct) is { IsValid: false } invalid) return (null, Outcome.Invalid(FieldErrors.From(invalid)));
        var method = MotionMethods.Parse(input.Method)!.Value;
        var m = new Motion
        {
            AssemblyId = assemblyId, Title = ConventionText.Line(input.Title), Text = ConventionText.Clean(input.Text), Kind = input.Kind!.Value, Method = method,
            Seats = method == MotionMethod.YesNo ? 1 : input.Seats ?? 1, Threshold = Thresholds.Parse(input.Threshold) ?? Threshold.Majority,
            QuorumBallots = input.QuorumBallots ?? 0, QuorumPercent = input.QuorumPercent ?? 0, AllowRevote = input.AllowRevote ?? true,
            CreatedById = me, CreatedAt = clock.GetUtcNow(),
        };
        if (input.AgendaItemId is { } item)
        {
            if (!await db.AgendaItems.AnyAsync(i => i.Id == item && i.AssemblyId == assemblyId, ct)) return (null, Outcome.Invalid("agendaItemId", l["Choose an item of this assembly's agenda."]));
            m.AgendaItemId = item;
        }
        switch (m.Kind)
        {
            case MotionKind.Ratify:
                if (string.IsNullOrWhiteSpace(input.Document) || await platform.VersionAsync(input.Document.Trim(), input.DocumentVersion, ct) is not { } version)
                    return (null, Outcome.Invalid("document", l["Name the platform document (its address or id) and a version it has."]));
                if (version.ConventionId != assemblyId)
                    return (null, Outcome.Invalid("document", l["This document's creators have not named this assembly as the convention that ratifies it. They name it on the document's facilitation page."]));
                if (version.Ratified || version.Phase == PlatformPhase.Ratified) return (null, Outcome.Invalid("documentVersion", l["This document is already ratified."]));
                (m.DocumentId, m.DocumentVersion) = (version.DocumentId, version.Version);
                break;
            case MotionKind.AdoptAmendment:
                if (input.AmendmentId is not { } amendmentId || await platform.AmendmentAsync(amendmentId, ct) is not { } amendment)
                    return (null, Outcome.Invalid("amendmentId", l["Name the amendment (its id)."]));
                if (amendment.ConventionId != assemblyId)
                    return (null, Outcome.Invalid("amendmentId", l["This document's creators have not named this assembly as the convention that ratifies it. They name it on the document's facilitation page."]));
                if (amendment.Status != AmendmentStatus.OnBallot)
                    return (null, Outcome.Invalid("amendmentId", l["Only an amendment that reached the ballot (enough co-signers) can be put to the convention."]));
                (m.AmendmentId, m.DocumentId) = (amendment.Id, amendment.DocumentId);
                break;
        }
        var options = method == MotionMethod.YesNo ? [] : ConventionText.Options(input.Options);
        for (var attempt = 0; ; attempt++)
        {
            var count = await db.Assemblies.Where(a => a.Id == assemblyId).Select(a => a.MotionCount).SingleAsync(ct);
            if (count >= MaxMotions) return (null, Outcome.Invalid("title", l["An assembly holds at most {0} motions.", MaxMotions]));
            m.Number = count + 1;
            db.Motions.Add(m);
            db.MotionOptions.AddRange(options.Select((o, i) => new MotionOption { MotionId = m.Id, Position = i + 1, Label = o }));
            Log(assemblyId, me, "motion.written", $"{m.Number}. {m.Title}");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The number is the assembly's counter moved by a conditional update: two chairs writing at once get 4 and 5.
            if (await db.Assemblies.Where(a => a.Id == assemblyId && a.MotionCount == count).ExecuteUpdateAsync(s => s.SetProperty(a => a.MotionCount, count + 1), ct) == 1)
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return (m, Outcome.Ok);
            }
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (attempt >= 20) return (null, Outcome.Invalid("title", l["Several motions were written at the same moment. Try again."]));
        }
    }

    /// <summary>Opens the voting window: the roll is called (who is credentialed now), the quorum checked against it, the board begun.</summary>
    public async Task<Outcome> OpenAsync(ClaimsPrincipal actor, Guid assemblyId, int number, OpenInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Assemblies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assemblyId, ct) is not { } assembly) return Outcome.NotFound;
        if (await FindAsync(assemblyId, number, ct) is not { } m) return Outcome.NotFound;
        if (await assemblies.RoleAsync(assemblyId, me, ct) is null) return Outcome.Refused(l["Only the assembly's chairs may open a vote."]);
        if (await openRules.ValidateAsync(input, ct) is { IsValid: false } invalid) return Outcome.Invalid(FieldErrors.From(invalid));
        if (m.Status != MotionStatus.Draft) return Outcome.Invalid("motion", l["This vote was already opened."]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (await db.Motions.Where(x => x.Id == m.Id && x.Status == MotionStatus.Draft).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MotionStatus.Open), ct) == 0)
            return Outcome.Invalid("motion", l["This vote was already opened."]);
        var roll = await assemblies.Credentialed(assembly).Select(r => new { r.MemberId, r.Attendance }).ToListAsync(ct);
        if (roll.Count == 0) return Outcome.Invalid("motion", l["Nobody is credentialed yet, so nobody could vote. Credential the delegates first."]);
        if (new Quorum(m.QuorumBallots, m.QuorumPercent).Required(roll.Count) is var required && required > roll.Count)
            return Outcome.Invalid("quorum", l["The quorum asks for {0} ballots but only {1} are on the roll: it could never be met. Change the motion's quorum.", required, roll.Count]);
        db.MotionRoll.AddRange(roll.Select(r => new RollEntry { MotionId = m.Id, MemberId = r.MemberId, Attendance = r.Attendance }));
        await db.Motions.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.OpenedAt, now).SetProperty(x => x.OpenedById, me).SetProperty(x => x.ClosesAt, input.Minutes is { } minutes ? now.AddMinutes(minutes) : null)
            .SetProperty(x => x.Roll, roll.Count).SetProperty(x => x.BoardHead, BoardChain.Genesis(m.Id.ToString())), ct);
        Log(assemblyId, me, "vote.opened", $"{m.Number}. {m.Title}: {roll.Count} on the roll" + (input.Minutes is { } mins ? $", closes in {mins} min" : ""));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await turnout.PushAsync(m.Id, ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// Writes and opens a yes/no motion another feature decides the roll of (an endorsement: the district's
    /// members), in the caller's transaction: numbered by the assembly's counter (one UPDATE, so two at once get
    /// different numbers), the roll called, the board begun. It closes by itself at <paramref name="closesAt"/>.
    /// </summary>
    public async Task<Motion> OpenWithRollAsync(Guid assemblyId, Motion m, IReadOnlyCollection<Guid> roll, DateTimeOffset closesAt, Guid actor, CancellationToken ct)
    {
        await db.Assemblies.Where(a => a.Id == assemblyId).ExecuteUpdateAsync(s => s.SetProperty(a => a.MotionCount, a => a.MotionCount + 1), ct);
        var now = clock.GetUtcNow();
        m.AssemblyId = assemblyId;
        m.Number = await db.Assemblies.Where(a => a.Id == assemblyId).Select(a => a.MotionCount).SingleAsync(ct);
        m.Method = MotionMethod.YesNo;
        m.Seats = 1;
        m.Status = MotionStatus.Open;
        m.CreatedById = actor;
        m.CreatedAt = now;
        m.OpenedAt = now;
        m.OpenedById = actor;
        m.ClosesAt = closesAt;
        m.Roll = roll.Count;
        m.BoardHead = BoardChain.Genesis(m.Id.ToString());
        db.Motions.Add(m);
        db.MotionRoll.AddRange(roll.Select(id => new RollEntry { MotionId = m.Id, MemberId = id, Attendance = Attendance.Remote }));
        Log(assemblyId, actor, "vote.opened", $"{m.Number}. {m.Title}: {roll.Count} on the roll, closes {closesAt:u}");
        await db.SaveChangesAsync(ct);
        return m;
    }

    public async Task<Outcome> CloseAsync(ClaimsPrincipal actor, Guid assemblyId, int number, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await FindAsync(assemblyId, number, ct) is not { } m) return Outcome.NotFound;
        if (await assemblies.RoleAsync(assemblyId, me, ct) is null) return Outcome.Refused(l["Only the assembly's chairs may close a vote."]);
        // The electorate was promised the whole window: nobody, whatever their role, cuts an endorsement vote short.
        if (m.Kind == MotionKind.Endorse) return Outcome.Refused(l["An endorsement vote closes by itself when its time is up."]);
        if (m.Status != MotionStatus.Open) return Outcome.Invalid("motion", m.Status == MotionStatus.Draft ? l["This vote is not open yet."] : l["This vote is already closed."]);
        return await CloseAsync(m.Id, me, ct) ? Outcome.Ok : Outcome.Invalid("motion", l["This vote is already closed."]);
    }

    /// <summary>
    /// Closes an open motion and counts it, in one transaction with the closing update: no ballot is appended after the
    /// close (a cast locks the same row and finds it closed), and the result is written once. False when it was not open.
    /// </summary>
    public async Task<bool> CloseAsync(Guid motionId, Guid actorId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (await db.Motions.Where(x => x.Id == motionId && x.Status == MotionStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MotionStatus.Closed).SetProperty(x => x.ClosedAt, now), ct) == 0) return false;
        var m = await db.Motions.AsNoTracking().SingleAsync(x => x.Id == motionId, ct);
        var result = await CountAsync(m, ct);
        var passed = m.Method == MotionMethod.YesNo ? result.Passed : result.QuorumMet && result.Winners.Count > 0;
        await db.Motions.Where(x => x.Id == motionId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ResultJson, JsonSerializer.Serialize(result, AuditFile.Json)).SetProperty(x => x.Passed, passed), ct);
        // Counted: the link from people to their ballots was needed only for re-votes. Forget it now, so neither the
        // server nor a backup of it can tell afterwards who cast which ballot (the roll of who voted stays).
        await db.BallotCasts.Where(c => c.MotionId == motionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Tracker, "").SetProperty(c => c.Sequence, 0L).SetProperty(c => c.IdempotencyKey, (string?)null), ct);
        await db.BallotKeys.Where(k => k.MotionId == motionId).ExecuteDeleteAsync(ct);
        var assemblySlug = await db.Assemblies.Where(a => a.Id == m.AssemblyId).Select(a => a.Slug).SingleAsync(ct);
        var tally = Tally(result);
        Log(m.AssemblyId, actorId, "vote.closed", $"{m.Number}. {m.Title}: {tally}");
        var auditPath = $"/assemblies/{assemblySlug}/motions/{m.Number}";
        if (passed == true && m.Kind == MotionKind.Ratify && m.DocumentId is { } doc && m.DocumentVersion is { } version)
            await platform.RatifyAsync(m.AssemblyId, doc, version, actorId, tally, auditPath, now, ct);
        if (passed == true && m.Kind == MotionKind.AdoptAmendment && m.AmendmentId is { } amendment)
            await platform.AdoptAsync(m.AssemblyId, amendment, actorId, tally, now, ct);
        foreach (var listener in decided) await listener.DecidedAsync(m, passed == true, tally, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await turnout.PushAsync(motionId, CancellationToken.None);
        return true;
    }

    /// <summary>The line the logs and the platform keep (<see cref="TallyLine"/>: stored in no language, rendered in the reader's).</summary>
    public static string Tally(MotionResult r) => TallyLine.Format(r);

    public async Task<MotionRules> RulesAsync(Motion m, CancellationToken ct)
    {
        var options = m.Method == MotionMethod.YesNo ? YesNoOptions
            : await db.MotionOptions.AsNoTracking().Where(o => o.MotionId == m.Id).OrderBy(o => o.Position).Select(o => o.Label).ToArrayAsync(ct);
        return new MotionRules(m.Method, options, m.Seats, m.Threshold, new Quorum(m.QuorumBallots, m.QuorumPercent), m.Roll);
    }

    private async Task<MotionResult> CountAsync(Motion m, CancellationToken ct)
    {
        var rules = await RulesAsync(m, ct);
        return MotionCount.Count(rules, await Counted(m.Id).Select(b => b.Choices).ToListAsync(ct), Convert.FromHexString(m.BoardHead));
    }

    /// <summary>Closes every open motion whose set time has passed (the background closer calls this).</summary>
    public async Task<int> CloseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Motions.AsNoTracking().Where(m => m.Status == MotionStatus.Open && m.ClosesAt != null && m.ClosesAt <= now)
            .Select(m => new { m.Id, Opener = m.OpenedById ?? m.CreatedById }).Take(50).ToListAsync(ct);
        var closed = 0;
        foreach (var d in due)
        {
            try { if (await CloseAsync(d.Id, d.Opener, ct)) closed++; }
            catch (DbUpdateException e) { db.ChangeTracker.Clear(); log.LogWarning(e, "Motion {MotionId} could not be closed; retrying next round.", d.Id); }
        }
        return closed;
    }

    public async Task<MotionView?> ReadAsync(Assembly a, int number, ClaimsPrincipal viewer, CancellationToken ct)
    {
        if (await FindAsync(a.Id, number, ct) is not { } m) return null;
        var me = viewer.MemberId();
        var options = await db.MotionOptions.AsNoTracking().Where(o => o.MotionId == m.Id).OrderBy(o => o.Position).Select(o => new OptionView(o.Position, o.Label)).ToListAsync(ct);
        var onRoll = me is { } id && await db.MotionRoll.AnyAsync(r => r.MotionId == m.Id && r.MemberId == id, ct);
        var mine = me is { } mid ? await db.BallotCasts.AsNoTracking().Where(c => c.MotionId == m.Id && c.MemberId == mid).Select(c => new { c.Sequence, c.Tracker }).SingleOrDefaultAsync(ct) : null;
        var myTracker = mine is { Sequence: > 0 } ? mine.Tracker : null;
        var docSlug = m.DocumentId is { } doc ? await db.PlatformDocuments.Where(d => d.Id == doc).Select(d => d.Slug).SingleOrDefaultAsync(ct) : null;
        var closed = m.Status == MotionStatus.Closed;
        return new MotionView(m.Id, a.Id, a.Slug, a.Name, m.Number, m.Title, m.Text, m.Kind, m.Method.Code(), options, m.Seats, m.Threshold.Code(), m.QuorumBallots, m.QuorumPercent,
            m.AllowRevote, docSlug, m.DocumentVersion, m.AmendmentId, m.Status, m.OpenedAt, m.ClosesAt, m.ClosedAt, m.Roll, m.Voted, m.BoardCount, m.BoardHead,
            closed && m.ResultJson is { } json ? JsonSerializer.Deserialize<MotionResult>(json, AuditFile.Json) : null, closed ? m.Passed : null,
            onRoll, mine is not null, myTracker is null ? null : mine!.Sequence, myTracker, await assemblies.RoleAsync(a.Id, me, ct) is not null);
    }

    /// <summary>The board, in order. Choices and nonces only once the motion is closed; a tracker can be looked up at any time.</summary>
    public async Task<Page<BoardEntryView>> BoardAsync(Motion m, int? page, int? pageSize, string? tracker, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.BoardBallots.AsNoTracking().Where(b => b.MotionId == m.Id);
        if (!string.IsNullOrWhiteSpace(tracker))
        {
            // The receipt asks voters to note the first sixteen characters (64 bits: no server grinds a second ballot to match them), so sixteen or more find by prefix.
            var t = tracker.Trim().Replace(" ", "").ToLowerInvariant();
            query = t.Length >= 16 && t.Length < 64 && t.All(Uri.IsHexDigit) ? query.Where(b => b.Tracker.StartsWith(t)) : query.Where(b => b.Tracker == t);
        }
        var total = await query.CountAsync(ct);
        var closed = m.Status == MotionStatus.Closed;
        var rows = await query.OrderBy(b => b.Sequence).Skip((p - 1) * size).Take(size)
            .Select(b => new { b.Sequence, b.Tracker, b.Replaces, b.Hash, b.Choices, b.Nonce, Replaced = db.BoardBallots.Any(r => r.MotionId == m.Id && r.Replaces == b.Tracker) })
            .ToListAsync(ct);
        return new Page<BoardEntryView>(rows.Select(b => new BoardEntryView(b.Sequence, b.Tracker, b.Replaces, b.Hash, closed ? b.Choices : null, closed ? b.Nonce : null, !b.Replaced)).ToList(), p, size, total);
    }

    /// <summary>The audit file of a closed motion: the whole board with choices and nonces, the roll of who voted (alphabetical), the head, the result.</summary>
    public async Task<AuditFile?> AuditAsync(Motion m, CancellationToken ct)
    {
        if (m.Status != MotionStatus.Closed || m.ResultJson is null) return null;
        var rules = await RulesAsync(m, ct);
        var board = await db.BoardBallots.AsNoTracking().Where(b => b.MotionId == m.Id).OrderBy(b => b.Sequence)
            .Select(b => new AuditBallot(b.Sequence, b.Tracker, b.Replaces, b.Hash, b.Choices, b.Nonce)).ToListAsync(ct);
        var voters = (await db.BallotCasts.AsNoTracking().Where(c => c.MotionId == m.Id)
                .Join(db.Users, c => c.MemberId, u => u.Id, (c, u) => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct))
            .Select(u => $"{MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)} ({VoterCode(u.Id)})").Order(StringComparer.Ordinal).ToList();
        var motion = new AuditMotion(m.Id.ToString(), m.Title, m.Method.Code(), rules.Options, m.Seats, m.Threshold.Code(), m.QuorumBallots, m.QuorumPercent, m.Roll, m.OpenedAt!.Value, m.ClosedAt!.Value);
        return new AuditFile(AuditFile.CurrentFormat, motion, board, voters, m.BoardHead, JsonSerializer.Deserialize<MotionResult>(m.ResultJson, AuditFile.Json)!);
    }

    /// <summary>
    /// How the roll of who voted tells two people of one name apart: the first ten hex digits of SHA-256 of the member's
    /// id. Stable for a member (they find themselves on every roll), and unlike the id it does not tell when the account
    /// was made.
    /// </summary>
    public static string VoterCode(Guid memberId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"grassroots-voter/{memberId}")))[..10];

    /// <summary>A closed ranked motion's counted ballots as BLT, for other counting programs.</summary>
    public async Task<string?> BltAsync(Motion m, string title, CancellationToken ct)
    {
        if (m.Status != MotionStatus.Closed || !m.Method.IsRanked()) return null;
        var rules = await RulesAsync(m, ct);
        var counted = await Counted(m.Id).Select(b => b.Choices).ToListAsync(ct);
        var ballots = counted.GroupBy(c => c, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new BltBallot(g.Count(), Choices.Ranking(g.Key))).ToList();
        var w = new StringWriter();
        BltWriter.Write(new BltElection(m.Seats, rules.Options, [], ballots, title), w);
        return w.ToString();
    }
}
