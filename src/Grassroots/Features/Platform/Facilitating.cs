using FluentValidation;
using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform;

public sealed record ConventionInput(string? Assembly);
public sealed record PhaseInput(PlatformPhase? Phase, DateTimeOffset? EndsAt);
public sealed record SwitchesInput(bool? AmendmentsOpen, bool? CosigningOpen, bool? CommentsOpen, int? BallotPerMille, int? BallotMinimum);
public sealed record FacilitatorInput(Guid? MemberId, DocumentRole? Role);
public sealed record MergeInput(IReadOnlyList<int>? Amendments, string? Note);

/// <summary>
/// What facilitators do, every act in the document's public log: move the phase, switch amendments, co-signing
/// and comments, accept or reject amendments, merge accepted ones into a new version. Creators name facilitators.
/// Each act bumps the document's revision (a concurrency token): two facilitators acting at once cannot both win.
/// </summary>
public sealed partial class Facilitating(AppDbContext db, Access access, Drafting drafting, AuditLog audit, TimeProvider clock,
    IValidator<PhaseInput> phaseRules, IValidator<SwitchesInput> switchRules, IValidator<FacilitatorInput> facilitatorRules, IValidator<DecisionInput> decisionRules,
    IValidator<MergeInput> mergeRules, IStringLocalizer<SharedResource> l)
{
    private async Task<(PlatformDocument? Doc, Outcome Outcome)> LoadAsync(ClaimsPrincipal actor, Guid documentId, string policy, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new DocumentResource(documentId), policy) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var doc = await db.PlatformDocuments.SingleAsync(d => d.Id == documentId, ct);
        // A document a jury reviews or removed is frozen: its facilitators wait for the decision like everyone else.
        return PlatformModeration.Frozen(doc.Moderation, l) is { } frozen ? (null, frozen) : (doc, Outcome.Ok);
    }

    private void Log(PlatformDocument doc, Guid actor, string action, string detail)
    {
        doc.Revision++;
        db.FacilitatorLog.Add(new FacilitatorAction { DocumentId = doc.Id, ActorId = actor, At = clock.GetUtcNow(), Action = action, Detail = detail.Length > FacilitatorAction.MaxDetailLength ? detail[..FacilitatorAction.MaxDetailLength] : detail });
        audit.Record(actor, "platform." + action, "platform", doc.Id, detail.Length > 200 ? detail[..200] : detail);
    }

    private static async Task<Outcome?> InvalidAsync<T>(IValidator<T> rules, T input, CancellationToken ct) =>
        await rules.ValidateAsync(input, ct) is { IsValid: false } result ? Outcome.Invalid(FieldErrors.From(result)) : null;

    private async Task<Outcome> SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); return Outcome.Ok; }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid("document", l["Another facilitator changed the document at the same moment. Reload the page and try again."]);
        }
    }

    /// <summary>Moves the document to a later phase (or only sets the planned end of this one); the switches reset to the phase's defaults.</summary>
    public async Task<Outcome> SetPhaseAsync(ClaimsPrincipal actor, Guid documentId, PhaseInput input, CancellationToken ct)
    {
        var (doc, outcome) = await LoadAsync(actor, documentId, PlatformPolicies.Facilitate, ct);
        if (doc is null) return outcome;
        if (await InvalidAsync(phaseRules, input, ct) is { } invalid) return invalid;
        var phase = input.Phase ?? doc.Phase;
        if (phase < doc.Phase) return Outcome.Invalid("phase", l["A document only moves forward: drafting, deliberation, frozen for ratification, ratified."]);
        var now = clock.GetUtcNow();
        var me = actor.RequiredMemberId();
        if (phase != doc.Phase)
        {
            Log(doc, me, "phase", $"{doc.Phase} → {phase}");
            doc.Phase = phase;
            doc.PhaseStartedAt = now;
            (doc.AmendmentsOpen, doc.CosigningOpen, doc.CommentsOpen) = PlatformRules.Defaults(phase);
        }
        else if (input.EndsAt != doc.PhaseEndsAt) Log(doc, me, "phase.end", input.EndsAt is { } e ? $"{phase}: {e:yyyy-MM-dd}" : $"{phase}: —");
        doc.PhaseEndsAt = input.EndsAt;
        return await SaveAsync(ct);
    }

    /// <summary>
    /// Creators name the assembly that ratifies the document (by its address or id), or name none. Only that
    /// assembly's motions may ratify a version or adopt an amendment; a ratified document keeps its convention.
    /// </summary>
    public async Task<Outcome> SetConventionAsync(ClaimsPrincipal actor, Guid documentId, ConventionInput input, CancellationToken ct)
    {
        var (doc, outcome) = await LoadAsync(actor, documentId, PlatformPolicies.Create, ct);
        if (doc is null) return outcome;
        if (doc.Phase == PlatformPhase.Ratified) return Outcome.Invalid("assembly", l["The document is ratified: its convention stays on the record."]);
        // The address as pasted from the assembly's page works too: "https://…/assemblies/the-convention/".
        var wanted = input.Assembly?.Trim().TrimEnd('/');
        if (wanted?.LastIndexOf("/assemblies/", StringComparison.OrdinalIgnoreCase) is int at and >= 0) wanted = wanted[(at + "/assemblies/".Length)..].Split('/', '?', '#')[0];
        (Guid Id, string Name)? assembly = null;
        if (!string.IsNullOrEmpty(wanted))
        {
            var found = await (Guid.TryParse(wanted, out var id) ? db.Assemblies.Where(a => a.Id == id) : db.Assemblies.Where(a => a.Slug == wanted))
                .Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(ct);
            if (found is null) return Outcome.Invalid("assembly", l["There is no assembly at this address. Copy it from the assembly's page (/assemblies/…)."]);
            assembly = (found.Id, found.Name);
        }
        if (doc.ConventionId == assembly?.Id) return Outcome.Ok;
        doc.ConventionId = assembly?.Id;
        Log(doc, actor.RequiredMemberId(), "convention", assembly?.Name ?? "—");
        return await SaveAsync(ct);
    }

    public async Task<Outcome> SetSwitchesAsync(ClaimsPrincipal actor, Guid documentId, SwitchesInput input, CancellationToken ct)
    {
        var (doc, outcome) = await LoadAsync(actor, documentId, PlatformPolicies.Facilitate, ct);
        if (doc is null) return outcome;
        var errors = FieldErrors.From(await switchRules.ValidateAsync(input, ct));
        // What the phase allows is the document's to say, beside the input's own rules.
        var frozen = !PlatformRules.MayOpenAmendments(doc.Phase);
        if (frozen && input.AmendmentsOpen == true) errors.Add("amendmentsOpen", l["A frozen document takes no amendments."]);
        if (frozen && input.CosigningOpen == true) errors.Add("cosigningOpen", l["A frozen document takes no co-signatures: its ballot is set."]);
        if (!errors.IsEmpty) return Outcome.Invalid(errors);
        var before = Describe(doc);
        doc.AmendmentsOpen = input.AmendmentsOpen ?? doc.AmendmentsOpen;
        doc.CosigningOpen = input.CosigningOpen ?? doc.CosigningOpen;
        doc.CommentsOpen = input.CommentsOpen ?? doc.CommentsOpen;
        doc.BallotPerMille = input.BallotPerMille ?? doc.BallotPerMille;
        doc.BallotMinimum = input.BallotMinimum ?? doc.BallotMinimum;
        var after = Describe(doc);
        if (before == after) return Outcome.Ok;
        Log(doc, actor.RequiredMemberId(), "settings", after);
        return await SaveAsync(ct);
    }

    /// <summary>The settings as the public log stores them, in English; <see cref="ReadSettings"/> reads them back to show them translated.</summary>
    private static string Describe(PlatformDocument d) =>
        $"amendments {(d.AmendmentsOpen ? "on" : "off")}, co-signing {(d.CosigningOpen ? "on" : "off")}, comments {(d.CommentsOpen ? "on" : "off")}, ballot {d.BallotPerMille}‰ (min {d.BallotMinimum})";

    /// <summary>A "settings" log line's switches and ballot threshold, or null for a line not written by <see cref="Describe"/>.</summary>
    public static (bool Amendments, bool Cosigning, bool Comments, string PerMille, string Minimum)? ReadSettings(string detail) =>
        SettingsLine().Match(detail) is { Success: true } m
            ? (m.Groups[1].Value == "on", m.Groups[2].Value == "on", m.Groups[3].Value == "on", m.Groups[4].Value, m.Groups[5].Value)
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^amendments (on|off), co-signing (on|off), comments (on|off), ballot (\d+)‰ \(min (\d+)\)$")]
    private static partial System.Text.RegularExpressions.Regex SettingsLine();

    /// <summary>
    /// Creators ask a member to facilitate (or co-create), or change a facilitator's role. Asking is an invitation
    /// with a notice: the role, the public log line and the name on the document wait for the member's yes.
    /// </summary>
    public async Task<Outcome> NameAsync(ClaimsPrincipal actor, Guid documentId, FacilitatorInput input, CancellationToken ct)
    {
        var (doc, outcome) = await LoadAsync(actor, documentId, PlatformPolicies.Create, ct);
        if (doc is null) return outcome;
        if (await InvalidAsync(facilitatorRules, input, ct) is { } invalid) return invalid;
        var role = input.Role ?? DocumentRole.Facilitator;
        if (input.MemberId is not { } memberId || await db.Users.AsNoTracking().Where(u => u.Id == memberId && u.DeletedAt == null)
                .Select(u => MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)).SingleOrDefaultAsync(ct) is not { } name)
            return Outcome.Invalid("memberId", l["There is no member with that id."]);
        var row = await db.DocumentFacilitators.SingleOrDefaultAsync(f => f.DocumentId == doc.Id && f.MemberId == memberId, ct);
        // More say over the document (a facilitator made creator) is asked too; less (a creator made facilitator) is not.
        if (row is null || (row.Role == DocumentRole.Facilitator && role == DocumentRole.Creator))
            return await InviteAsync(actor.RequiredMemberId(), doc, memberId, role, alreadyFacilitates: row is not null, ct);
        if (row.Role == role) return Outcome.Ok;
        if (row.Role == DocumentRole.Creator && !await OtherCreatorAsync(doc.Id, memberId, ct))
            return Outcome.Invalid("role", l["A document keeps at least one creator."]);
        row.Role = role;
        Log(doc, actor.RequiredMemberId(), "facilitator.name", $"{name}: {role}");
        // A creator made facilitator no longer speaks for the creators: what they asked and nobody answered lapses.
        await db.FacilitatorInvitations.Where(f => f.DocumentId == doc.Id && f.InvitedById == memberId).ExecuteDeleteAsync(ct);
        return await SaveAsync(ct);
    }

    private async Task<Outcome> InviteAsync(Guid me, PlatformDocument doc, Guid memberId, DocumentRole role, bool alreadyFacilitates, CancellationToken ct)
    {
        if (await db.FacilitatorInvitations.AsNoTracking().SingleOrDefaultAsync(f => f.DocumentId == doc.Id && f.MemberId == memberId, ct) is { } asked)
            // What they were told is what they answer: another role is another question.
            return asked.Role == role ? Outcome.Ok
                : Outcome.Invalid("role", l["They have not answered yet: take the invitation back and ask again with the other role."]);
        if (!alreadyFacilitates && await db.DocumentFacilitators.CountAsync(f => f.DocumentId == doc.Id, ct) + await db.FacilitatorInvitations.CountAsync(f => f.DocumentId == doc.Id, ct) >= PlatformRules.MaxFacilitators)
            return Outcome.Invalid("memberId", l["A document has at most {0} facilitators.", PlatformRules.MaxFacilitators]);
        var now = clock.GetUtcNow();
        db.FacilitatorInvitations.Add(new FacilitatorInvitation { DocumentId = doc.Id, MemberId = memberId, Role = role, InvitedById = me, InvitedAt = now });
        // The document's revision (a concurrency token) moves with every invitation: two asked at once cannot both
        // pass the limit's count.
        doc.Revision++;
        // Asking is mail to someone who may not know the asker: told once a week per document, and once a day per asker,
        // however often an invitation is taken back and made again, or however many documents the asker starts.
        var link = $"/platform/{doc.Slug}";
        if (!await db.Notices.AnyAsync(n => n.MemberId == memberId && n.Kind == NoticeKind.FacilitatorInvitation
                && ((n.Link == link && n.CreatedAt > now.AddDays(-7)) || (n.ActorId == me && n.CreatedAt > now.AddDays(-1))), ct))
            Notices.Notices.Tell(db, memberId, NoticeKind.FacilitatorInvitation, link, now,
                new Dictionary<string, string> { ["document"] = doc.Title, ["role"] = role.ToString() }, actorId: me);
        audit.Record(me, "platform.facilitator.invite", "platform", doc.Id, $"{memberId}: {role}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid("document", l["Another facilitator changed the document at the same moment. Reload the page and try again."]);
        }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // the same member asked twice at once: one invitation
        return Outcome.Ok;
    }

    /// <summary>
    /// The asked member says yes (the role is theirs, and the public log names them) or no (the invitation goes). An
    /// invitation from someone who no longer creates the document (removed, stepped down, gone) has lapsed.
    /// </summary>
    public async Task<Outcome> AnswerAsync(ClaimsPrincipal member, Guid documentId, bool accept, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        if (await db.FacilitatorInvitations.SingleOrDefaultAsync(f => f.DocumentId == documentId && f.MemberId == me, ct) is not { } asked)
            return Outcome.NotFound;
        db.FacilitatorInvitations.Remove(asked);
        var doc = await db.PlatformDocuments.SingleAsync(d => d.Id == documentId, ct);
        if (!accept)
        {
            audit.Record(me, "platform.facilitator.decline", "platform", documentId);
            TellAsker(doc, asked, me, "declined");
            await SaveAnsweredAsync(ct);
            return Outcome.Ok;
        }
        if (PlatformModeration.Frozen(doc.Moderation, l) is { } frozen) return frozen;
        if (!await db.DocumentFacilitators.AnyAsync(f => f.DocumentId == documentId && f.MemberId == asked.InvitedById && f.Role == DocumentRole.Creator, ct))
        {
            await SaveAnsweredAsync(ct);
            return Outcome.Invalid("invitation", l["Whoever asked you no longer runs this document: the invitation lapsed."]);
        }
        var row = await db.DocumentFacilitators.SingleOrDefaultAsync(f => f.DocumentId == documentId && f.MemberId == me, ct);
        if (row is null)
            db.DocumentFacilitators.Add(new DocumentFacilitator { DocumentId = documentId, MemberId = me, Role = asked.Role, NamedAt = clock.GetUtcNow(), NamedById = asked.InvitedById });
        else row.Role = asked.Role;
        // The creator named them; the line appears now, when it is true.
        Log(doc, asked.InvitedById, "facilitator.name", $"{await db.Users.PublicNameAsync(me, ct)}: {asked.Role}");
        TellAsker(doc, asked, me, "accepted");
        var saved = await SaveAsync(ct);
        // Accepted twice at once: the other answer made them a facilitator, which is what was asked.
        return saved.Kind == OutcomeKind.Ok || await db.DocumentFacilitators.AnyAsync(f => f.DocumentId == documentId && f.MemberId == me, ct) ? Outcome.Ok : saved;
    }

    /// <summary>The invitation goes with the answer; answered twice at once, the other answer took it (and told the asker).</summary>
    private async Task SaveAnsweredAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); }
    }

    /// <summary>Whoever asked waits for the answer (one per invitation: answering removes it).</summary>
    private void TellAsker(PlatformDocument doc, FacilitatorInvitation asked, Guid me, string answer) =>
        Notices.Notices.Tell(db, asked.InvitedById, NoticeKind.FacilitatorAnswered, $"/platform/{doc.Slug}", clock.GetUtcNow(),
            new Dictionary<string, string> { ["document"] = doc.Title, ["role"] = asked.Role.ToString(), ["answer"] = answer }, actorId: me);

    private Task<bool> OtherCreatorAsync(Guid documentId, Guid memberId, CancellationToken ct) =>
        db.DocumentFacilitators.AnyAsync(f => f.DocumentId == documentId && f.MemberId != memberId && f.Role == DocumentRole.Creator, ct);

    /// <summary>Creators remove a facilitator or take back an invitation; anyone may step down (but the last creator stays).</summary>
    public async Task<Outcome> RemoveAsync(ClaimsPrincipal actor, Guid documentId, Guid memberId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var (doc, outcome) = await LoadAsync(actor, documentId, memberId == me ? PlatformPolicies.Facilitate : PlatformPolicies.Create, ct);
        if (doc is null) return outcome;
        if (await db.FacilitatorInvitations.Where(f => f.DocumentId == doc.Id && f.MemberId == memberId).ExecuteDeleteAsync(ct) > 0)
        {
            audit.Record(me, "platform.facilitator.uninvite", "platform", doc.Id, memberId.ToString());
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }
        var row = await db.DocumentFacilitators.SingleOrDefaultAsync(f => f.DocumentId == doc.Id && f.MemberId == memberId, ct);
        if (row is null) return Outcome.Ok;
        if (row.Role == DocumentRole.Creator && !await OtherCreatorAsync(doc.Id, memberId, ct))
            return Outcome.Invalid("memberId", l["A document keeps at least one creator: name another creator first."]);
        db.DocumentFacilitators.Remove(row);
        await db.FacilitatorInvitations.Where(f => f.DocumentId == doc.Id && f.InvitedById == memberId).ExecuteDeleteAsync(ct);
        Log(doc, me, "facilitator.remove", await db.Users.PublicNameAsync(memberId, ct));
        return await SaveAsync(ct);
    }

    /// <summary>Accepts an amendment (to merge) or rejects it with a reason the author and co-signers read.</summary>
    public async Task<Outcome> DecideAsync(ClaimsPrincipal actor, Guid amendmentId, DecisionInput input, CancellationToken ct)
    {
        var a = await db.Amendments.SingleOrDefaultAsync(x => x.Id == amendmentId, ct);
        if (a is null) return Outcome.NotFound;
        var (doc, outcome) = await LoadAsync(actor, a.DocumentId, PlatformPolicies.Facilitate, ct);
        if (doc is null) return outcome;
        if (await InvalidAsync(decisionRules, input, ct) is { } invalid) return invalid;
        var note = PlatformInputText.Clean(input.Note);
        if (PlatformModeration.Frozen(a.Moderation, l) is { } frozen) return frozen;
        if (a.Status is not (AmendmentStatus.Open or AmendmentStatus.OnBallot or AmendmentStatus.Accepted) || (input.Accept && a.Status == AmendmentStatus.Accepted))
            return Outcome.Invalid("accept", l["This amendment was already decided."]);
        var now = clock.GetUtcNow();
        a.Status = input.Accept ? AmendmentStatus.Accepted : AmendmentStatus.Rejected;
        a.DecidedAt = now;
        a.DecisionNote = note.Length > 0 ? note : null;
        Log(doc, actor.RequiredMemberId(), input.Accept ? "amendment.accept" : "amendment.reject", $"#{a.Number} {a.Title}" + (note.Length > 0 ? $": {note}" : ""));
        // A facilitator deciding their own amendment knows already.
        if (a.AuthorId != actor.RequiredMemberId())
            Notices.Notices.Tell(db, a.AuthorId, NoticeKind.AmendmentDecided, $"/platform/{doc.Slug}/amendments/{a.Number}", now,
                new Dictionary<string, string> { ["number"] = a.Number.ToString(), ["title"] = a.Title, ["status"] = a.Status.ToString(), ["note"] = note, ["document"] = doc.Title },
                actorId: actor.RequiredMemberId());
        return await SaveAsync(ct);
    }

    /// <summary>
    /// Folds accepted amendments into the next version: changes of one plank three-way merged (refused when two
    /// change the same words differently), planks removed and added. Only amendments of a plank that has not
    /// changed since the version they amend: the others need a revision by their author first.
    /// </summary>
    public async Task<(int? Version, Outcome Outcome)> MergeAsync(ClaimsPrincipal actor, Guid documentId, MergeInput input, CancellationToken ct)
    {
        var (doc, outcome) = await LoadAsync(actor, documentId, PlatformPolicies.Facilitate, ct);
        if (doc is null) return (null, outcome);
        if (await InvalidAsync(mergeRules, input, ct) is { } invalid) return (null, invalid);
        // A frozen or ratified text is what the convention votes on, or voted on: no new version.
        if (!PlatformRules.MayOpenAmendments(doc.Phase))
            return (null, Outcome.Invalid("amendments", l["This document is frozen for ratification: its text can't change any more."]));
        var numbers = (input.Amendments ?? []).Distinct().ToList();
        var note = PlatformInputText.Clean(input.Note);
        var amendments = await db.Amendments.Where(a => a.DocumentId == doc.Id && numbers.Contains(a.Number)).OrderBy(a => a.Number).ToListAsync(ct);
        if (numbers.Except(amendments.Select(a => a.Number)).ToList() is [var missing, ..])
            return (null, Outcome.Invalid("amendments", l["There is no amendment #{0} on this document.", missing]));
        if (amendments.FirstOrDefault(a => a.Moderation != Moderation.ContentModeration.Visible) is { } hidden)
            return (null, Outcome.Invalid("amendments", l["A community jury is reviewing amendment #{0} (or removed it): leave it out.", hidden.Number]));
        if (amendments.FirstOrDefault(a => a.Status != AmendmentStatus.Accepted) is { } notAccepted)
            return (null, Outcome.Invalid("amendments", l["Amendment #{0} is not accepted: accept it first, or leave it out.", notAccepted.Number]));

        var current = await db.PlatformVersions.AsNoTracking().SingleAsync(v => v.DocumentId == doc.Id && v.Number == doc.CurrentVersion, ct);
        var sections = await db.PlatformSections.AsNoTracking().Where(s => s.VersionId == current.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var planks = await db.PlatformPlanks.AsNoTracking().Where(p => p.VersionId == current.Id).OrderBy(p => p.Position).ToListAsync(ct);
        var texts = await db.AmendmentRevisions.AsNoTracking().Where(r => amendments.Select(a => a.Id).Contains(r.AmendmentId))
            .GroupBy(r => r.AmendmentId).Select(g => g.OrderByDescending(r => r.Number).First()).ToDictionaryAsync(r => r.AmendmentId, r => r.Text, ct);
        // The plank each amendment read, to check it still reads so.
        var read = await db.PlatformPlanks.AsNoTracking().Where(p => amendments.Select(a => a.VersionId).Contains(p.VersionId) && amendments.Select(a => a.PlankKey).Contains(p.Key))
            .ToListAsync(ct);
        var body = planks.ToDictionary(p => p.Key, p => p.Body);
        foreach (var a in amendments)
        {
            if (!body.TryGetValue(a.PlankKey, out var now)) return (null, Outcome.Invalid("amendments", l["Amendment #{0} changes a plank that is no longer in the text.", a.Number]));
            var then = read.FirstOrDefault(p => p.VersionId == a.VersionId && p.Key == a.PlankKey)?.Body;
            if (a.Kind != AmendmentKind.AddPlank && then != now)
                return (null, Outcome.Invalid("amendments", l["The plank amendment #{0} changes was changed since version {1}: its author must revise it onto version {2} first.", a.Number, a.VersionNumber, doc.CurrentVersion]));
        }
        var removed = amendments.Where(a => a.Kind == AmendmentKind.RemovePlank).Select(a => a.PlankKey).ToHashSet();
        foreach (var group in amendments.Where(a => a.Kind == AmendmentKind.Change).GroupBy(a => a.PlankKey))
        {
            if (removed.Contains(group.Key))
                return (null, Outcome.Invalid("amendments", l["Amendments #{0} change a plank that #{1} removes: leave one side out.", string.Join(", #", group.Select(a => a.Number)), amendments.First(a => a.Kind == AmendmentKind.RemovePlank && a.PlankKey == group.Key).Number]));
            var merged = PlatformText.Merge(body[group.Key], group.Select(a => texts[a.Id]));
            if (merged is null)
                return (null, Outcome.Invalid("amendments", l["Amendments #{0} change the same words differently: merge one of them, and ask the other's author to revise.", string.Join(", #", group.Select(a => a.Number))]));
            body[group.Key] = merged;
        }
        var additions = amendments.Where(a => a.Kind == AmendmentKind.AddPlank).ToLookup(a => a.PlankKey);
        var next = doc.CurrentVersion + 1;
        var me = actor.RequiredMemberId();
        var at = clock.GetUtcNow();
        var newSections = sections.Select(s => (s.Key, s.Title, (IReadOnlyList<(Guid, string, string)>)planks.Where(p => p.SectionKey == s.Key)
            .SelectMany(p => (removed.Contains(p.Key) ? [] : new[] { (p.Key, p.Title, body[p.Key]) })
                .Concat(additions[p.Key].Select(Added)))
            .ToList())).ToList();
        var list = string.Join(", ", amendments.Select(a => $"#{a.Number}"));
        // A new plank written without a "### Title" line takes the amendment's title: a plank is never a bare number.
        (Guid, string, string) Added(Amendment a)
        {
            var (title, text) = PlatformText.NewPlank(texts[a.Id]);
            return (Guid.CreateVersion7(), title.Length > 0 ? title : a.Title, text);
        }
        drafting.AddVersion(doc.Id, next, me, at, note.Length > 0 ? note : l["Merged amendments {0}", list], newSections);
        doc.CurrentVersion = next;
        foreach (var a in amendments)
        {
            a.Status = AmendmentStatus.Merged;
            a.MergedInto = next;
            if (a.AuthorId != me)
                Notices.Notices.Tell(db, a.AuthorId, NoticeKind.AmendmentDecided, $"/platform/{doc.Slug}/amendments/{a.Number}", at,
                    new Dictionary<string, string> { ["number"] = a.Number.ToString(), ["title"] = a.Title, ["status"] = nameof(AmendmentStatus.Merged), ["version"] = next.ToString(), ["document"] = doc.Title },
                    actorId: me);
        }
        Log(doc, me, "merge", $"v{next}: {list}" + (note.Length > 0 ? $" — {note}" : ""));
        var saved = await SaveAsync(ct);
        return saved.Kind == OutcomeKind.Ok ? (next, saved) : (null, saved);
    }
}
