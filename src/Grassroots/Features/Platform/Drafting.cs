using System.Security.Claims;
using System.Text;
using FluentValidation;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform;

/// <summary>
/// Documents and their versions: start one (from Markdown or an imported .docx, previewed first), read any
/// version, compare two, export one, list the history and the facilitators' public log.
/// </summary>
public sealed class Drafting(AppDbContext db, UserText text, RenderedPlanks rendered, AuditLog audit, MovementSize movement, TimeProvider clock, IValidator<DocumentInput> rules, IStringLocalizer<SharedResource> l)
{
    /// <summary>Splits and checks a text without saving anything: what the preview shows.</summary>
    public (ParsedPlatform? Parsed, FieldErrors Errors) Preview(DocumentInput input)
    {
        var errors = FieldErrors.From(rules.Validate(input));
        if (errors.Has("text")) return (null, errors);
        var source = ControlCharacters.Strip(input.Text) ?? "";
        // Checked on the text as the splitter reads it (trimmed: a first line indented as code is then a list), and the
        // splitter's own parse guarded too: each trimmed plank is parsed again, and Markdig throws past its nesting limit.
        var tooDeep = l["Quotes or lists nest more than {0} deep: no one reads that. Take some \">\" or \"-\" out, or indent less.", MarkdownBudget.MaxDepth];
        if (MarkdownBudget.TooDeep(PlatformText.Normalize(source))) return (null, errors.Add("text", tooDeep));
        ParsedPlatform parsed;
        try { parsed = PlatformImport.Split(source); }
        catch (ArgumentException) { return (null, errors.Add("text", tooDeep)); }
        var title = PlatformInputText.Line(input.Title) is { Length: > 0 } t ? t : parsed.Title ?? "";
        // A title or introduction taken from the text ("# Title" and what follows) is held to the same lengths.
        if (title.Length == 0) errors.Add("title", l["Give the document a title (or start the text with \"# Title\")."]);
        else if (title.Length > PlatformDocument.MaxTitleLength && !errors.Has("title")) errors.Add("title", l["Keep the title under {0} characters.", PlatformDocument.MaxTitleLength]);
        var summary = input.Summary is null ? parsed.Summary : PlatformInputText.Clean(input.Summary);
        if (summary.Length > PlatformDocument.MaxSummaryLength && !errors.Has("summary")) errors.Add("summary", l["Keep the introduction under {0} characters.", PlatformDocument.MaxSummaryLength]);
        if (parsed.Planks == 0)
            errors.Add("text", l["The text has no planks: write sections as \"## Section\" and planks as \"### Plank\" or paragraphs under them."]);
        else if (parsed.Sections.Count > PlatformRules.MaxSections || parsed.Planks > PlatformRules.MaxPlanks)
            errors.Add("text", l["A document holds at most {0} sections and {1} planks.", PlatformRules.MaxSections, PlatformRules.MaxPlanks]);
        else if (parsed.Sections.SelectMany(s => s.Planks).FirstOrDefault(p => p.Body.Length > PlatformPlank.MaxBodyLength || p.Title.Length > PlatformPlank.MaxTitleLength) is { } big)
            errors.Add("text", l["The plank \"{0}\" is too long: at most {1} characters of text and {2} of title.", Excerpt(big), PlatformPlank.MaxBodyLength, PlatformPlank.MaxTitleLength]);
        else if (parsed.Sections.FirstOrDefault(s => s.Title.Length > PlatformSection.MaxTitleLength) is { } longSection)
            errors.Add("text", l["The section title \"{0}\" is longer than {1} characters.", longSection.Title[..40] + "…", PlatformSection.MaxTitleLength]);
        else if (parsed.Sections.SelectMany(s => s.Planks).FirstOrDefault(p => p.Body.Length == 0) is { } empty)
            errors.Add("text", l["The plank \"{0}\" has no text: write it under its heading, or remove the heading.", empty.Title]);
        return (parsed with { Title = title, Summary = summary }, errors);
    }

    private static string Excerpt(ParsedPlank p) => p.Title.Length > 0 ? p.Title : p.Body[..Math.Min(40, p.Body.Length)] + "…";

    /// <summary>Starts a document (no approval): version 1 from the text, the creator its first facilitator.</summary>
    public async Task<(PlatformDocument? Document, Outcome Outcome)> CreateAsync(ClaimsPrincipal actor, DocumentInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Standing.Frozen(l));
        var (parsed, errors) = Preview(input);
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        var now = clock.GetUtcNow();
        var doc = new PlatformDocument { Slug = "", Title = parsed!.Title!, Summary = parsed.Summary, CreatedById = me, CreatedAt = now, PhaseStartedAt = now };
        doc.Slug = Slugs.Retry(Slugs.From(doc.Title, "platform"), doc.Id, 0);
        db.PlatformDocuments.Add(doc);
        db.DocumentFacilitators.Add(new DocumentFacilitator { DocumentId = doc.Id, MemberId = me, Role = DocumentRole.Creator, NamedAt = now, NamedById = me });
        AddVersion(doc.Id, 1, me, now, l["First version"], parsed.Sections.Select(s =>
            (Guid.CreateVersion7(), s.Title, (IReadOnlyList<(Guid, string, string)>)s.Planks.Select(p => (Guid.CreateVersion7(), p.Title, p.Body)).ToList())));
        audit.Record(me, "platform.create", "platform", doc.Id, doc.Title);
        await db.SaveChangesAsync(ct);
        return (doc, Outcome.Ok);
    }

    /// <summary>Writes version rows (the caller saves, in the same transaction as whatever made them).</summary>
    internal PlatformVersion AddVersion(Guid documentId, int number, Guid by, DateTimeOffset at, string note,
        IEnumerable<(Guid Key, string Title, IReadOnlyList<(Guid Key, string Title, string Body)> Planks)> sections)
    {
        var version = new PlatformVersion { DocumentId = documentId, Number = number, CreatedAt = at, CreatedById = by, Note = note };
        db.PlatformVersions.Add(version);
        int sectionPosition = 0, plankPosition = 0;
        foreach (var (key, title, planks) in sections)
        {
            db.PlatformSections.Add(new PlatformSection { VersionId = version.Id, Key = key, Position = sectionPosition++, Title = title });
            foreach (var (plankKey, plankTitle, body) in planks)
                db.PlatformPlanks.Add(new PlatformPlank { VersionId = version.Id, Key = plankKey, SectionKey = key, Position = plankPosition++, Title = plankTitle, Body = body });
        }
        return version;
    }

    public async Task<Page<DocumentSummary>> ListAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var visible = db.PlatformDocuments.AsNoTracking().Where(d => d.Moderation == Moderation.ContentModeration.Visible);
        var total = await visible.CountAsync(ct);
        var items = await visible.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip((p - 1) * size).Take(size)
            .Select(d => new DocumentSummary(d.Id, d.Slug, d.Title, d.Phase, d.CurrentVersion, d.CreatedAt,
                db.Amendments.Count(a => a.DocumentId == d.Id && (a.Status == AmendmentStatus.Open || a.Status == AmendmentStatus.OnBallot))))
            .ToListAsync(ct);
        return new Page<DocumentSummary>(items, p, size, total);
    }

    /// <summary>The document's id from its slug or id as typed in an address (<paramref name="hidden"/>: one a jury reviews or removed too, for a caller that shows the jury's notice).</summary>
    public async Task<PlatformDocument?> FindAsync(string idOrSlug, CancellationToken ct, bool hidden = false)
    {
        if (idOrSlug.Length > 140) return null;
        var query = db.PlatformDocuments.AsNoTracking().Where(d => hidden || d.Moderation == Moderation.ContentModeration.Visible);
        return Guid.TryParse(idOrSlug, out var id)
            ? await query.SingleOrDefaultAsync(d => d.Id == id, ct)
            : await query.SingleOrDefaultAsync(d => d.Slug == idOrSlug, ct);
    }

    /// <summary>A document at <paramref name="version"/> (the current one when null); null when either does not exist.</summary>
    public async Task<DocumentView?> ReadAsync(string idOrSlug, int? version, ClaimsPrincipal reader, CancellationToken ct, bool hidden = false)
    {
        if (await FindAsync(idOrSlug, ct, hidden) is not { } d) return null;
        var number = version ?? d.CurrentVersion;
        if (await db.PlatformVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DocumentId == d.Id && v.Number == number, ct) is not { } v) return null;
        var sections = await db.PlatformSections.AsNoTracking().Where(s => s.VersionId == v.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var planks = await db.PlatformPlanks.AsNoTracking().Where(p => p.VersionId == v.Id).OrderBy(p => p.Position).ToListAsync(ct);
        var open = await db.Amendments.AsNoTracking()
            .Where(a => a.DocumentId == d.Id && (a.Status == AmendmentStatus.Open || a.Status == AmendmentStatus.OnBallot) && a.Moderation == Moderation.ContentModeration.Visible)
            .GroupBy(a => a.PlankKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var facilitators = await FacilitatorsAsync(d.Id, ct);
        var me = reader.MemberId();
        var number1 = 0;
        var bySection = planks.ToLookup(p => p.SectionKey);
        var sectionViews = sections.Select(s => new SectionView(s.Key, s.Title, bySection[s.Key]
            .Select(p => new PlankView(p.Key, ++number1, p.Title, p.Body, rendered.Html(v.Id, p.Key, p.Body), open.GetValueOrDefault(p.Key))).ToList())).ToList();
        var threshold = PlatformRules.BallotThreshold(d.BallotPerMille, d.BallotMinimum, await movement.MembersAsync(ct));
        return new DocumentView(d.Id, d.Slug, d.Title, d.Summary, text.ToSafeHtml(d.Summary),
            new PhaseView(d.Phase, d.PhaseStartedAt, d.PhaseEndsAt, d.AmendmentsOpen, d.CosigningOpen, d.CommentsOpen),
            d.CurrentVersion, v.Number, v.CreatedAt, v.Note, sectionViews, facilitators, threshold, d.BallotPerMille, d.BallotMinimum,
            facilitators.Any(f => f.MemberId == me), facilitators.Any(f => f.MemberId == me && f.Role == DocumentRole.Creator), d.Moderation,
            me is { } m ? await db.FacilitatorInvitations.AsNoTracking().Where(f => f.DocumentId == d.Id && f.MemberId == m).Select(f => (DocumentRole?)f.Role).SingleOrDefaultAsync(ct) : null,
            v.RatifiedAt is { } at ? new Ratification(at, v.RatifiedTally ?? "", v.RatifiedAudit ?? "") : null);
    }

    public async Task<IReadOnlyList<FacilitatorView>> FacilitatorsAsync(Guid documentId, CancellationToken ct) =>
        (await db.DocumentFacilitators.AsNoTracking().Where(f => f.DocumentId == documentId).OrderByDescending(f => f.Role).ThenBy(f => f.NamedAt)
            .Join(db.Users, f => f.MemberId, u => u.Id, (f, u) => new { f.MemberId, f.Role, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .ToListAsync(ct))
        .Select(f => new FacilitatorView(f.MemberId, MemberNames.Public(f.DisplayName, f.ShowFullName, f.DeletedAt, f.Moderation), f.Role)).ToList();

    /// <summary>Members asked to facilitate who have not answered (shown to the document's facilitators only).</summary>
    public async Task<IReadOnlyList<FacilitatorView>> InvitedAsync(Guid documentId, CancellationToken ct) =>
        (await db.FacilitatorInvitations.AsNoTracking().Where(f => f.DocumentId == documentId).OrderBy(f => f.InvitedAt)
            .Join(db.Users, f => f.MemberId, u => u.Id, (f, u) => new { f.MemberId, f.Role, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .ToListAsync(ct))
        .Select(f => new FacilitatorView(f.MemberId, MemberNames.Public(f.DisplayName, f.ShowFullName, f.DeletedAt, f.Moderation), f.Role)).ToList();

    /// <summary>People who took part (proposed, co-signed, commented): whom creators may name facilitators, without typing ids.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ParticipantsAsync(Guid documentId, CancellationToken ct)
    {
        var amendments = db.Amendments.Where(a => a.DocumentId == documentId);
        var ids = amendments.Select(a => a.AuthorId)
            .Union(db.AmendmentCosigns.Where(c => amendments.Any(a => a.Id == c.AmendmentId)).Select(c => c.MemberId))
            .Union(db.AmendmentComments.Where(c => amendments.Any(a => a.Id == c.AmendmentId)).Select(c => c.AuthorId));
        var rows = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DeletedAt == null && !db.DocumentFacilitators.Any(f => f.DocumentId == documentId && f.MemberId == u.Id)
                && !db.FacilitatorInvitations.Any(f => f.DocumentId == documentId && f.MemberId == u.Id))
            .OrderBy(u => u.DisplayName).Take(200).Select(u => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct);
        return rows.Select(u => (u.Id, MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation))).ToList();
    }

    public async Task<Page<VersionSummary>> VersionsAsync(Guid documentId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var versions = db.PlatformVersions.AsNoTracking().Where(v => v.DocumentId == documentId);
        var total = await versions.CountAsync(ct);
        var rows = await versions.OrderByDescending(v => v.Number).Skip((p - 1) * size).Take(size)
            .Join(db.Users, v => v.CreatedById, u => u.Id, (v, u) => new { v.Id, v.Number, v.CreatedAt, v.Note, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .Select(v => new { v.Number, v.CreatedAt, v.Note, v.DisplayName, v.ShowFullName, v.DeletedAt, v.Moderation, Planks = db.PlatformPlanks.Count(k => k.VersionId == v.Id) })
            .ToListAsync(ct);
        return new Page<VersionSummary>(rows.Select(v => new VersionSummary(v.Number, v.CreatedAt, MemberNames.Public(v.DisplayName, v.ShowFullName, v.DeletedAt, v.Moderation), v.Note, v.Planks)).ToList(), p, size, total);
    }

    public async Task<Page<LogEntry>> LogAsync(Guid documentId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var log = db.FacilitatorLog.AsNoTracking().Where(a => a.DocumentId == documentId);
        var total = await log.CountAsync(ct);
        var rows = await log.OrderByDescending(a => a.Id).Skip((p - 1) * size).Take(size)
            .Join(db.Users, a => a.ActorId, u => u.Id, (a, u) => new { a.Id, a.At, a.Action, a.Detail, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .ToListAsync(ct);
        return new Page<LogEntry>(rows.Select(a => new LogEntry(a.Id, a.At, MemberNames.Public(a.DisplayName, a.ShowFullName, a.DeletedAt, a.Moderation), a.Action, a.Detail)).ToList(), p, size, total);
    }

    /// <summary>Two versions plank by plank (planks follow their key across versions); null when either version does not exist.</summary>
    public async Task<VersionComparison?> CompareAsync(Guid documentId, int from, int to, CancellationToken ct)
    {
        var versions = await db.PlatformVersions.AsNoTracking().Where(v => v.DocumentId == documentId && (v.Number == from || v.Number == to))
            .ToDictionaryAsync(v => v.Number, v => v.Id, ct);
        if (!versions.TryGetValue(from, out var a) || !versions.TryGetValue(to, out var b)) return null;
        var planks = await db.PlatformPlanks.AsNoTracking().Where(p => p.VersionId == a || p.VersionId == b).ToListAsync(ct);
        var sections = await db.PlatformSections.AsNoTracking().Where(s => s.VersionId == a || s.VersionId == b).ToListAsync(ct);
        var sectionTitle = sections.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => (g.FirstOrDefault(s => s.VersionId == b) ?? g.First()).Title);
        var before = planks.Where(p => p.VersionId == a).ToDictionary(p => p.Key);
        var after = planks.Where(p => p.VersionId == b).ToDictionary(p => p.Key);
        var changes = new List<PlankChange>();
        // In the newer order, with removed planks where they stood.
        foreach (var p in after.Values.OrderBy(p => p.Position))
        {
            var title = sectionTitle.GetValueOrDefault(p.SectionKey, "");
            if (!before.TryGetValue(p.Key, out var old)) { changes.Add(new PlankChange(p.Key, title, p.Title, PlankChangeKind.Added, [new DiffPiece(DiffKind.Inserted, p.Body)])); continue; }
            var same = old.Body == p.Body && old.Title == p.Title;
            changes.Add(new PlankChange(p.Key, title, p.Title, same ? PlankChangeKind.Same : PlankChangeKind.Changed,
                same ? [new DiffPiece(DiffKind.Same, p.Body)] : PlatformText.Diff(Heading(old) + old.Body, Heading(p) + p.Body)));
        }
        foreach (var old in before.Values.Where(o => !after.ContainsKey(o.Key)).OrderBy(o => o.Position))
        {
            var at = changes.FindIndex(c => before.TryGetValue(c.Key, out var x) && x.Position > old.Position);
            var removed = new PlankChange(old.Key, sectionTitle.GetValueOrDefault(old.SectionKey, ""), old.Title, PlankChangeKind.Removed, [new DiffPiece(DiffKind.Deleted, old.Body)]);
            if (at < 0) changes.Add(removed); else changes.Insert(at, removed);
        }
        return new VersionComparison(from, to, changes);
    }

    private static string Heading(PlatformPlank p) => p.Title.Length > 0 ? p.Title + "\n\n" : "";

    /// <summary>A version as Markdown, in the shape the importer reads back.</summary>
    public static string ToMarkdown(DocumentView d)
    {
        var md = new StringBuilder().Append("# ").Append(d.Title).Append("\n\n");
        if (d.Summary.Length > 0) md.Append(d.Summary).Append("\n\n");
        foreach (var s in d.Sections)
        {
            md.Append("## ").Append(s.Title.Length > 0 ? s.Title : "—").Append("\n\n");
            foreach (var p in s.Planks)
            {
                if (p.Title.Length > 0) md.Append("### ").Append(p.Title).Append("\n\n");
                md.Append(p.Body).Append("\n\n");
            }
        }
        return md.ToString().TrimEnd() + "\n";
    }

    /// <summary>A version as a standalone HTML page (sanitized: the planks are members' Markdown).</summary>
    public string ToHtml(DocumentView d)
    {
        static string e(string? s) => System.Net.WebUtility.HtmlEncode(s) ?? "";
        // The version line is in the reader's language; documents carry no language of their own, and are written in the reader's as a rule.
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").Append(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
            .Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(e(d.Title)).Append(" — v").Append(d.Version).Append("</title></head><body>\n<h1>").Append(e(d.Title)).Append("</h1>\n")
            .Append("<p>").Append(e(l["Version {0}, {1:yyyy-MM-dd}", d.Version, d.VersionAt])).Append("</p>\n").Append(d.SummaryHtml);
        foreach (var s in d.Sections)
        {
            html.Append("<section>\n<h2>").Append(e(s.Title)).Append("</h2>\n");
            foreach (var p in s.Planks)
            {
                html.Append("<article id=\"plank-").Append(p.Number).Append("\">");
                if (p.Title.Length > 0) html.Append("<h3>").Append(p.Number).Append(". ").Append(e(p.Title)).Append("</h3>");
                html.Append(p.BodyHtml).Append("</article>\n");
            }
            html.Append("</section>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }
}
