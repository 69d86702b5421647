using FluentValidation;
using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Platform;

/// <summary>
/// Amendments: any member proposes a change to a plank of the current version; the author revises (each wording
/// kept, co-signers told); members co-sign (one signature each: the key) until enough have signed for the
/// convention's ballot; threaded comments. What the phase allows is the document's switches.
/// </summary>
public sealed class Amending(AppDbContext db, UserText text, AuditLog audit, MovementSize movement, PlatformModeration moderation, TimeProvider clock,
    IOptions<PlatformOptions> options, IValidator<AmendmentWording> wordingRules, IValidator<CommentInput> commentRules, IStringLocalizer<SharedResource> l)
{
    public async Task<(Amendment? Amendment, Outcome Outcome)> ProposeAsync(ClaimsPrincipal actor, Guid documentId, AmendmentInput input, CancellationToken ct, string? idempotencyKey = null)
    {
        var me = actor.RequiredMemberId();
        (idempotencyKey, var badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return (null, badKey);
        if (idempotencyKey is not null && await db.Amendments.AsNoTracking().SingleOrDefaultAsync(a => a.AuthorId == me && a.IdempotencyKey == idempotencyKey, ct) is { } sent)
            return sent.DocumentId == documentId ? (sent, Outcome.Ok) : (null, Outcome.Invalid("Idempotency-Key", l["This Idempotency-Key was used for another request."]));
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Standing.Frozen(l));
        if (await db.PlatformDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct) is not { } doc)
            return (null, Outcome.NotFound);
        if (PlatformModeration.Frozen(doc.Moderation, l) is { } frozen) return (null, frozen);
        if (Closed(doc) is { } closed) return (null, Outcome.Invalid("version", closed));
        if (input.Version is not { } number) return (null, Outcome.Invalid("version", l["Say which version you amend (the current one is {0}).", doc.CurrentVersion]));
        if (number != doc.CurrentVersion)
            return (null, Outcome.Invalid("version", number < 1 || number > doc.CurrentVersion
                ? l["There is no version {0} of this document. Amend version {1}, the current one.", number, doc.CurrentVersion]
                : l["Version {0} is no longer current: amend version {1}.", number, doc.CurrentVersion]));
        var plank = await PlankAsync(doc.Id, number, input.PlankKey, ct);
        if (plank is null) return (null, Outcome.Invalid("plankKey", l["That plank is not in version {0}. Pick a plank of the current text.", number]));
        var kind = input.Kind ?? AmendmentKind.Change;
        if (await CheckAsync(new AmendmentWording(input.Title, input.Text, input.Reason, kind), plank.Body, ct) is { } invalid) return (null, invalid);
        var (title, body, reason) = (PlatformInputText.Line(input.Title), PlatformInputText.Wording(input.Text, kind), PlatformInputText.Clean(input.Reason));
        var now = clock.GetUtcNow();
        if (await db.Amendments.CountAsync(a => a.AuthorId == me && a.CreatedAt > now.AddDays(-1), ct) >= options.Value.AmendmentsPerDay)
            return (null, Outcome.Invalid("title", l["You proposed {0} amendments in the past day. Co-sign or revise those, and propose more tomorrow.", options.Value.AmendmentsPerDay]));

        var (from, to) = Passage(kind, plank.Body, body);
        // #N per document: two members proposing at once both read the same max; the unique index sends one round again.
        for (var attempt = 0; ; attempt++)
        {
            var next = (await db.Amendments.Where(a => a.DocumentId == doc.Id).MaxAsync(a => (int?)a.Number, ct) ?? 0) + 1;
            var amendment = new Amendment
            {
                Number = next, DocumentId = doc.Id, VersionId = plank.VersionId, VersionNumber = number, PlankKey = plank.Key, Kind = kind,
                AuthorId = me, Title = title, FromWord = from, ToWord = to, CreatedAt = now, UpdatedAt = now, IdempotencyKey = idempotencyKey,
            };
            db.Amendments.Add(amendment);
            db.AmendmentRevisions.Add(new AmendmentRevision { AmendmentId = amendment.Id, Number = 1, Title = title, Text = body, Reason = reason, CreatedAt = now });
            audit.Record(me, "platform.amendment.propose", "amendment", amendment.Id, $"#{next} {title}");
            try
            {
                await db.SaveChangesAsync(ct);
                return (amendment, Outcome.Ok);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                // The same request twice at once: the other one stored it.
                if (idempotencyKey is not null && await db.Amendments.AsNoTracking().SingleOrDefaultAsync(a => a.AuthorId == me && a.IdempotencyKey == idempotencyKey, ct) is { } twin)
                    return (twin, Outcome.Ok);
            }
        }
    }

    /// <summary>Why nothing may be amended now, or null.</summary>
    private string? Closed(PlatformDocument doc) =>
        !PlatformRules.MayOpenAmendments(doc.Phase)
            ? l["This document is frozen for ratification: it takes no more amendments."].Value
            : !doc.AmendmentsOpen ? l["The facilitators closed amendments for this phase."].Value : null;

    private Task<PlatformPlank?> PlankAsync(Guid documentId, int version, Guid? key, CancellationToken ct) =>
        key is not { } k ? Task.FromResult<PlatformPlank?>(null)
        : db.PlatformPlanks.AsNoTracking().Where(p => p.Key == k && db.PlatformVersions.Any(v => v.Id == p.VersionId && v.DocumentId == documentId && v.Number == version))
            .SingleOrDefaultAsync(ct);

    /// <summary>The wording's rules, and the one that needs the plank (a change must change something), all reported at once; null when all hold.</summary>
    private async Task<Outcome?> CheckAsync(AmendmentWording wording, string plankBody, CancellationToken ct)
    {
        var errors = FieldErrors.From(await wordingRules.ValidateAsync(wording, ct));
        if (wording.Kind == AmendmentKind.Change && !errors.Has("text") && PlatformInputText.Wording(wording.Text, wording.Kind) == PlatformText.Normalize(plankBody))
            errors.Add("text", l["The text is the same as the plank's: change some words."]);
        return errors.IsEmpty ? null : Outcome.Invalid(errors);
    }

    private static (int From, int To) Passage(AmendmentKind kind, string plank, string text) => kind switch
    {
        AmendmentKind.Change => PlatformText.Passage(plank, text),
        AmendmentKind.RemovePlank => (0, int.MaxValue),
        _ => (-1, -1), // a new plank touches no words of this one
    };

    /// <summary>Two live amendments of one plank and version whose passages overlap (new planks conflict with nothing).</summary>
    internal static bool Conflict(Amendment a, Amendment b) =>
        a.Id != b.Id && a.PlankKey == b.PlankKey && a.VersionNumber == b.VersionNumber
        && a.Kind != AmendmentKind.AddPlank && b.Kind != AmendmentKind.AddPlank
        && PlatformText.Overlap((a.FromWord, a.ToWord), (b.FromWord, b.ToWord));

    private static readonly AmendmentStatus[] Live = [AmendmentStatus.Open, AmendmentStatus.OnBallot, AmendmentStatus.Accepted];

    /// <summary>A new wording by the author, onto the current version; co-signers are told and may withdraw.</summary>
    public async Task<Outcome> ReviseAsync(ClaimsPrincipal actor, Guid amendmentId, RevisionInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var a = await db.Amendments.SingleOrDefaultAsync(x => x.Id == amendmentId, ct);
        if (a is null) return Outcome.NotFound;
        if (a.AuthorId != me) return Outcome.Refused(l["Only the amendment's author may revise it."]);
        if (PlatformModeration.Frozen(a.Moderation, l) is { } frozen) return frozen;
        if (a.Status is not (AmendmentStatus.Open or AmendmentStatus.OnBallot)) return Outcome.Invalid("text", l["This amendment was decided: it can't be revised. Propose a new one."]);
        var doc = await db.PlatformDocuments.AsNoTracking().SingleAsync(d => d.Id == a.DocumentId, ct);
        if (PlatformModeration.Frozen(doc.Moderation, l) is { } docFrozen) return docFrozen;
        if (Closed(doc) is { } closed) return Outcome.Invalid("text", closed);
        // A revision moves the amendment onto the current text (the plank may have changed since it was proposed).
        var plank = await PlankAsync(doc.Id, doc.CurrentVersion, a.PlankKey, ct);
        if (plank is null) return Outcome.Invalid("text", l["The plank this amendment changes is no longer in the current version. Withdraw it, or propose a new one."]);
        if (await CheckAsync(new AmendmentWording(input.Title, input.Text, input.Reason, a.Kind), plank.Body, ct) is { } invalid) return invalid;
        var (title, body, reason) = (PlatformInputText.Line(input.Title), PlatformInputText.Wording(input.Text, a.Kind), PlatformInputText.Clean(input.Reason));
        var now = clock.GetUtcNow();
        a.Revision++;
        a.Title = title;
        a.VersionId = plank.VersionId;
        a.VersionNumber = doc.CurrentVersion;
        (a.FromWord, a.ToWord) = Passage(a.Kind, plank.Body, body);
        a.UpdatedAt = now;
        db.AmendmentRevisions.Add(new AmendmentRevision { AmendmentId = a.Id, Number = a.Revision, Title = title, Text = body, Reason = reason, CreatedAt = now });
        var cosigners = await db.AmendmentCosigns.Where(c => c.AmendmentId == a.Id).Select(c => c.MemberId).ToListAsync(ct);
        foreach (var member in cosigners)
            Notices.Notices.Tell(db, member, NoticeKind.AmendmentRevised, $"/platform/{doc.Slug}/amendments/{a.Number}", now,
                new Dictionary<string, string> { ["number"] = a.Number.ToString(), ["title"] = title, ["document"] = doc.Title }, actorId: me);
        audit.Record(me, "platform.amendment.revise", "amendment", a.Id, $"r{a.Revision}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); return Outcome.Invalid("text", l["The amendment changed while you were revising it: reload it and try again."]); }
        return Outcome.Ok;
    }

    public async Task<Outcome> WithdrawAsync(ClaimsPrincipal actor, Guid amendmentId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var changed = await db.Amendments.Where(a => a.Id == amendmentId && a.AuthorId == me && (a.Status == AmendmentStatus.Open || a.Status == AmendmentStatus.OnBallot) && a.Moderation == ContentModeration.Visible)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AmendmentStatus.Withdrawn).SetProperty(a => a.DecidedAt, clock.GetUtcNow()), ct);
        if (changed == 1) { audit.Record(me, "platform.amendment.withdraw", "amendment", amendmentId); await db.SaveChangesAsync(ct); return Outcome.Ok; }
        var a = await db.Amendments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == amendmentId, ct);
        return a is null ? Outcome.NotFound
            : a.AuthorId != me ? Outcome.Refused(l["Only the amendment's author may withdraw it."])
            : a.Status == AmendmentStatus.Withdrawn ? Outcome.Ok
            : PlatformModeration.Frozen(a.Moderation, l) is { } frozen ? frozen
            : Outcome.Invalid("amendment", l["This amendment was decided: it can't be withdrawn."]);
    }

    /// <summary>
    /// Signs (or with <paramref name="sign"/> false, takes back a signature). The row and the counter change in one
    /// transaction; the status follows the count: on the ballot at the threshold, back to open below it.
    /// </summary>
    public async Task<Outcome> CosignAsync(ClaimsPrincipal actor, Guid amendmentId, bool sign, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var a = await db.Amendments.AsNoTracking().Where(x => x.Id == amendmentId)
            .Join(db.PlatformDocuments, x => x.DocumentId, d => d.Id, (x, d) => new { x.AuthorId, x.Status, x.Number, x.Title, x.Revision, x.Moderation, DocModeration = d.Moderation, d.Slug, DocTitle = d.Title, d.CosigningOpen, d.Phase, d.BallotPerMille, d.BallotMinimum })
            .SingleOrDefaultAsync(ct);
        if (a is null) return Outcome.NotFound;
        if ((PlatformModeration.Frozen(a.DocModeration, l) ?? PlatformModeration.Frozen(a.Moderation, l)) is { } frozen) return frozen;
        if (sign && a.AuthorId == me) return Outcome.Invalid("amendment", l["You proposed it: your name is on it already."]);
        if (sign && a.Status is not (AmendmentStatus.Open or AmendmentStatus.OnBallot)) return Outcome.Invalid("amendment", l["This amendment was decided: it takes no more co-signers."]);
        if (sign && (!a.CosigningOpen || a.Phase >= PlatformPhase.Frozen)) return Outcome.Invalid("amendment", l["Co-signing is closed in this phase."]);
        var threshold = PlatformRules.BallotThreshold(a.BallotPerMille, a.BallotMinimum, await movement.MembersAsync(ct));
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (sign)
        {
            db.AmendmentCosigns.Add(new AmendmentCosign { AmendmentId = amendmentId, MemberId = me, At = now, Revision = a.Revision });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Signed already (or twice at once): one signature, and this is not an error. A revised amendment's
                // signature moves to the new wording: the signer has read it.
                db.ChangeTracker.Clear();
                await tx.RollbackAsync(ct);
                await db.AmendmentCosigns.Where(c => c.AmendmentId == amendmentId && c.MemberId == me).ExecuteUpdateAsync(s => s.SetProperty(c => c.Revision, a.Revision), ct);
                return Outcome.Ok;
            }
            await db.Amendments.Where(x => x.Id == amendmentId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Cosigners, x => x.Cosigners + 1), ct);
            var reached = await db.Amendments.Where(x => x.Id == amendmentId && x.Status == AmendmentStatus.Open && x.Cosigners >= threshold)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.OnBallot).SetProperty(x => x.BallotAt, now), ct);
            var link = $"/platform/{a.Slug}/amendments/{a.Number}";
            // Once per signer: signing, withdrawing and signing again is no news.
            if (!await db.Notices.AnyAsync(n => n.MemberId == a.AuthorId && n.Kind == NoticeKind.AmendmentCosigned && n.ActorId == me && n.Link == link, ct))
                Notices.Notices.Tell(db, a.AuthorId, NoticeKind.AmendmentCosigned, link, now,
                    new Dictionary<string, string> { ["number"] = a.Number.ToString(), ["title"] = a.Title, ["document"] = a.DocTitle }, actorId: me);
            if (reached == 1)
                Notices.Notices.Tell(db, a.AuthorId, NoticeKind.AmendmentDecided, link, now,
                    new Dictionary<string, string> { ["number"] = a.Number.ToString(), ["title"] = a.Title, ["status"] = nameof(AmendmentStatus.OnBallot), ["document"] = a.DocTitle });
            await db.SaveChangesAsync(ct);
        }
        else
        {
            if (!await UnsignAsync(db, amendmentId, me, threshold, ct)) { await tx.RollbackAsync(ct); return Outcome.Ok; }
        }
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// Takes a member's signature off an amendment (inside the caller's transaction): the row, the counter, and the
    /// status below the threshold again (signatures taken back after a revision, or by an account deleted): off
    /// the ballot until it is reached again. False when they had not signed.
    /// </summary>
    internal static async Task<bool> UnsignAsync(AppDbContext db, Guid amendmentId, Guid memberId, int threshold, CancellationToken ct)
    {
        if (await db.AmendmentCosigns.Where(c => c.AmendmentId == amendmentId && c.MemberId == memberId).ExecuteDeleteAsync(ct) == 0) return false;
        await db.Amendments.Where(x => x.Id == amendmentId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Cosigners, x => x.Cosigners - 1), ct);
        await db.Amendments.Where(x => x.Id == amendmentId && x.Status == AmendmentStatus.OnBallot && x.Cosigners < threshold)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Open).SetProperty(x => x.BallotAt, (DateTimeOffset?)null), ct);
        return true;
    }

    public async Task<(Guid? Id, Outcome Outcome)> CommentAsync(ClaimsPrincipal actor, Guid amendmentId, CommentInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var a = await db.Amendments.AsNoTracking().Where(x => x.Id == amendmentId)
            .Join(db.PlatformDocuments, x => x.DocumentId, d => d.Id, (x, d) => new { d.CommentsOpen, x.Moderation, DocModeration = d.Moderation, x.AuthorId, x.Number, x.Title, d.Slug, DocTitle = d.Title }).SingleOrDefaultAsync(ct);
        if (a is null) return (null, Outcome.NotFound);
        if ((PlatformModeration.Frozen(a.DocModeration, l) ?? PlatformModeration.Frozen(a.Moderation, l)) is { } frozen) return (null, frozen);
        if (!a.CommentsOpen) return (null, Outcome.Invalid("body", l["Comments are closed in this phase."]));
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Standing.Frozen(l));
        var validation = await commentRules.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        var body = PlatformInputText.Clean(input.Body);
        Guid? parent = null, answered = null;
        if (input.ParentId is { } pid)
        {
            // Threads are one level deep: an answer to an answer joins its thread.
            var p = await db.AmendmentComments.AsNoTracking().Where(c => c.Id == pid && c.AmendmentId == amendmentId).Select(c => new { c.Id, c.ParentId, c.Moderation, c.AuthorId }).SingleOrDefaultAsync(ct);
            if (p is null) return (null, Outcome.Invalid("parentId", l["The comment you answer is not under this amendment."]));
            if (PlatformModeration.Frozen(p.Moderation, l) is { } hidden) return (null, hidden);
            parent = p.ParentId ?? p.Id;
            answered = p.AuthorId;
        }
        var comment = new AmendmentComment { AmendmentId = amendmentId, ParentId = parent, AuthorId = me, Body = body, CreatedAt = clock.GetUtcNow() };
        db.AmendmentComments.Add(comment);
        // The one answered hears of it; the amendment's author hears of the rest (once, and never of their own words).
        var args = new Dictionary<string, string> { ["number"] = a.Number.ToString(), ["title"] = a.Title, ["document"] = a.DocTitle };
        var link = $"/platform/{a.Slug}/amendments/{a.Number}#c-{comment.Id}";
        var told = new[] { answered, a.AuthorId }.OfType<Guid>().Where(m => m != me).Distinct().ToList();
        var present = await db.Users.Where(u => told.Contains(u.Id) && u.DeletedAt == null).Select(u => u.Id).ToListAsync(ct);
        if (answered is { } to && to != me && present.Contains(to))
            Notices.Notices.Tell(db, to, NoticeKind.CommentAnswered, link, comment.CreatedAt, args, actorId: me);
        if (a.AuthorId != me && a.AuthorId != answered && present.Contains(a.AuthorId))
            Notices.Notices.Tell(db, a.AuthorId, NoticeKind.AmendmentCommented, link, comment.CreatedAt, args, actorId: me);
        await db.SaveChangesAsync(ct);
        return (comment.Id, Outcome.Ok);
    }

    public async Task<Outcome> DeleteCommentAsync(ClaimsPrincipal actor, Guid commentId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var changed = await db.AmendmentComments.Where(c => c.Id == commentId && c.AuthorId == me && c.DeletedAt == null && c.Moderation == ContentModeration.Visible)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, clock.GetUtcNow()).SetProperty(c => c.Body, ""), ct);
        if (changed == 1) return Outcome.Ok;
        var c = await db.AmendmentComments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == commentId, ct);
        return c is null ? Outcome.NotFound : c.AuthorId != me ? Outcome.Refused(l["Only its author may delete a comment."])
            : c.DeletedAt is null && PlatformModeration.Frozen(c.Moderation, l) is { } frozen ? frozen : Outcome.Ok;
    }

    /// <summary>An amendment by its number, hidden ones too: the caller shows a jury's notice or refuses (frozen).</summary>
    public async Task<Amendment?> FindAsync(Guid documentId, int number, CancellationToken ct) =>
        await db.Amendments.AsNoTracking().SingleOrDefaultAsync(a => a.DocumentId == documentId && a.Number == number, ct);

    /// <summary>An amendment with its diff (of <paramref name="revision"/>, the latest when null), revisions and conflicts.</summary>
    public async Task<AmendmentView?> ReadAsync(Guid amendmentId, int? revision, ClaimsPrincipal reader, CancellationToken ct)
    {
        // Hidden ones too: the caller decided the reader may see it (its author, its jurors).
        var a = await db.Amendments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == amendmentId, ct);
        if (a is null) return null;
        var doc = await db.PlatformDocuments.AsNoTracking().SingleAsync(d => d.Id == a.DocumentId, ct);
        var shown = revision is { } r && r >= 1 && r <= a.Revision ? r : a.Revision;
        var rev = await db.AmendmentRevisions.AsNoTracking().SingleAsync(x => x.AmendmentId == a.Id && x.Number == shown, ct);
        var revisions = await db.AmendmentRevisions.AsNoTracking().Where(x => x.AmendmentId == a.Id).OrderBy(x => x.Number)
            .Select(x => new RevisionSummary(x.Number, x.Title, x.CreatedAt)).ToListAsync(ct);
        // An older revision is read against the plank as it stood in the version that revision amended.
        var plank = await db.PlatformPlanks.AsNoTracking().SingleAsync(p => p.VersionId == a.VersionId && p.Key == a.PlankKey, ct);
        if (shown != a.Revision && await PlankAtAsync(a.DocumentId, a.PlankKey, rev.CreatedAt, ct) is { } then) plank = then;
        var me = reader.MemberId();
        var author = await db.Users.PublicNameAsync(a.AuthorId, ct);
        var cosigned = me is { } m ? await db.AmendmentCosigns.AsNoTracking().Where(c => c.AmendmentId == a.Id && c.MemberId == m).Select(c => (int?)c.Revision).SingleOrDefaultAsync(ct) : null;
        var facilitate = me is { } f && await db.DocumentFacilitators.AnyAsync(x => x.DocumentId == doc.Id && x.MemberId == f, ct);
        var rivals = await db.Amendments.AsNoTracking()
            .Where(x => x.DocumentId == a.DocumentId && x.PlankKey == a.PlankKey && x.VersionNumber == a.VersionNumber && x.Id != a.Id
                        && Live.Contains(x.Status) && x.Moderation == ContentModeration.Visible)
            .OrderBy(x => x.Number).Take(50).ToListAsync(ct);
        // Their latest wordings and authors' names in two reads, not two per conflict.
        var clashing = rivals.Where(x => Conflict(a, x)).Take(10).ToList();
        var clashIds = clashing.Select(x => x.Id).ToList();
        var clashTexts = (await db.AmendmentRevisions.AsNoTracking().Where(v => clashIds.Contains(v.AmendmentId))
            .Select(v => new { v.AmendmentId, v.Number, v.Text }).ToListAsync(ct))
            .Where(v => clashing.Any(x => x.Id == v.AmendmentId && x.Revision == v.Number)).ToDictionary(v => v.AmendmentId, v => v.Text);
        var clashAuthors = clashing.Select(x => x.AuthorId).Distinct().ToList();
        var clashNames = (await db.Users.AsNoTracking().Where(u => clashAuthors.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation));
        var conflicts = clashing.Select(x => new ConflictView(x.Id, x.Number, x.Title, clashNames.GetValueOrDefault(x.AuthorId, Member.FormerMemberName), x.Status,
            DiffOf(x.Kind, plank.Body, clashTexts.GetValueOrDefault(x.Id, "")))).ToList();
        var threshold = PlatformRules.BallotThreshold(doc.BallotPerMille, doc.BallotMinimum, await movement.MembersAsync(ct));
        return new AmendmentView(a.Id, a.Number, doc.Id, doc.Slug, doc.Title, a.VersionNumber, doc.CurrentVersion, a.PlankKey, plank.Title, plank.Body,
            a.Kind, a.Status, rev.Title, a.AuthorId, author, a.Revision, shown, rev.Text, text.ToSafeHtml(rev.Reason), DiffOf(a.Kind, plank.Body, rev.Text),
            a.Cosigners, threshold, cosigned, a.AuthorId == me, facilitate,
            doc.CosigningOpen && doc.Phase < PlatformPhase.Frozen, doc.CommentsOpen, doc.AmendmentsOpen && PlatformRules.MayOpenAmendments(doc.Phase),
            revisions, conflicts, a.DecisionNote, a.MergedInto, a.CreatedAt, a.Moderation, await SinceSignedAsync(a, cosigned, ct));
    }

    /// <summary>A co-signer whose signature is on an older revision reads what changed since: that revision against the latest.</summary>
    private async Task<IReadOnlyList<DiffPiece>?> SinceSignedAsync(Amendment a, int? signed, CancellationToken ct)
    {
        if (signed is not { } s || s >= a.Revision) return null;
        var both = await db.AmendmentRevisions.AsNoTracking().Where(x => x.AmendmentId == a.Id && (x.Number == s || x.Number == a.Revision))
            .Select(x => new { x.Number, x.Title, x.Text }).ToDictionaryAsync(x => x.Number, ct);
        // The title on its own line above the text as a reader sees it, so a changed title shows too.
        string Read(int n) => both[n].Title + "\n\n" + (a.Kind == AmendmentKind.AddPlank ? PlatformText.NewPlankAsRead(both[n].Text) : both[n].Text);
        return both.ContainsKey(s) && both.ContainsKey(a.Revision) ? PlatformText.Diff(Read(s), Read(a.Revision)) : null;
    }

    /// <summary>The plank as it read in the latest version made before <paramref name="at"/>.</summary>
    private Task<PlatformPlank?> PlankAtAsync(Guid documentId, Guid key, DateTimeOffset at, CancellationToken ct) =>
        db.PlatformPlanks.AsNoTracking().Where(p => p.Key == key)
            .Join(db.PlatformVersions.Where(v => v.DocumentId == documentId && v.CreatedAt <= at), p => p.VersionId, v => v.Id, (p, v) => new { p, v.Number })
            .OrderByDescending(x => x.Number).Select(x => x.p).FirstOrDefaultAsync(ct);

    internal static IReadOnlyList<DiffPiece> DiffOf(AmendmentKind kind, string plank, string text) => kind switch
    {
        AmendmentKind.AddPlank => [new DiffPiece(DiffKind.Inserted, PlatformText.NewPlankAsRead(text))],
        AmendmentKind.RemovePlank => [new DiffPiece(DiffKind.Deleted, plank)],
        _ => PlatformText.Diff(plank, text),
    };

    public async Task<Page<AmendmentSummary>> ListAsync(Guid documentId, AmendmentStatus? status, Guid? plankKey, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Amendments.AsNoTracking().Where(a => a.DocumentId == documentId && a.Moderation == ContentModeration.Visible);
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (plankKey is { } k) query = query.Where(a => a.PlankKey == k);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Status == AmendmentStatus.OnBallot).ThenByDescending(a => a.Cosigners).ThenBy(a => a.Number)
            .Skip((p - 1) * size).Take(size)
            .Join(db.Users, a => a.AuthorId, u => u.Id, (a, u) => new { a, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .ToListAsync(ct);
        // Conflicts among the live amendments of the planks on this page.
        var planks = rows.Select(r => r.a.PlankKey).Distinct().ToList();
        var live = await db.Amendments.AsNoTracking()
            .Where(a => a.DocumentId == documentId && planks.Contains(a.PlankKey) && Live.Contains(a.Status) && a.Moderation == ContentModeration.Visible)
            .ToListAsync(ct);
        return new Page<AmendmentSummary>(rows.Select(r => new AmendmentSummary(r.a.Id, r.a.Number, r.a.Title, r.a.Kind, r.a.Status, r.a.PlankKey, r.a.VersionNumber,
            MemberNames.Public(r.DisplayName, r.ShowFullName, r.DeletedAt, r.Moderation), r.a.Cosigners, r.a.CreatedAt,
            Live.Contains(r.a.Status) ? live.Where(x => Conflict(r.a, x)).Select(x => x.Number).Order().ToList() : [])).ToList(), p, size, total);
    }

    public async Task<Page<CommentView>> CommentsAsync(Guid amendmentId, ClaimsPrincipal reader, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var threads = db.AmendmentComments.AsNoTracking().Where(c => c.AmendmentId == amendmentId && c.ParentId == null);
        var total = await threads.CountAsync(ct);
        var roots = await threads.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = roots.Select(r => r.Id).ToList();
        var replies = await db.AmendmentComments.AsNoTracking().Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(ids.Count * 50).ToListAsync(ct);
        var authors = roots.Concat(replies).Select(c => c.AuthorId).Distinct().ToList();
        var names = (await db.Users.AsNoTracking().Where(u => authors.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation));
        // A comment a jury reviews or removed keeps its place in the thread; its words only for whom the notice allows.
        var me = reader.MemberId();
        var notices = new Dictionary<Guid, ModerationNotice>();
        foreach (var c in roots.Concat(replies).Where(c => c.Moderation != ContentModeration.Visible && c.DeletedAt == null))
            notices[c.Id] = await moderation.ForCommentAsync(c.Id, c.AuthorId, c.Moderation, me, ct);
        CommentView View(AmendmentComment c, IReadOnlyList<CommentView> children)
        {
            var notice = notices.GetValueOrDefault(c.Id, ModerationNotice.None);
            return new(c.Id, c.ParentId, c.AuthorId, names.GetValueOrDefault(c.AuthorId, Member.FormerMemberName),
                c.DeletedAt is null && notice.ShowContent ? text.ToSafeHtml(c.Body) : "", c.CreatedAt, c.DeletedAt is not null, children,
                c.DeletedAt is null ? c.Moderation : ContentModeration.Visible, !notice.ShowContent, notice.State == ContentModeration.Visible ? null : notice.CaseUrl);
        }
        var byParent = replies.ToLookup(c => c.ParentId!.Value);
        return new Page<CommentView>(roots.Select(r => View(r, byParent[r.Id].Select(c => View(c, [])).ToList())).ToList(), p, size, total);
    }
}
