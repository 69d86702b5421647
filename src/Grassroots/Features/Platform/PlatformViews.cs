namespace Grassroots.Features.Platform;

public sealed record DocumentSummary(Guid Id, string Slug, string Title, PlatformPhase Phase, int CurrentVersion, DateTimeOffset CreatedAt, int OpenAmendments);
public sealed record PlankView(Guid Key, int Number, string Title, string Body, string BodyHtml, int OpenAmendments);
public sealed record SectionView(Guid Key, string Title, IReadOnlyList<PlankView> Planks);
public sealed record PhaseView(PlatformPhase Phase, DateTimeOffset StartedAt, DateTimeOffset? EndsAt, bool AmendmentsOpen, bool CosigningOpen, bool CommentsOpen);
public sealed record FacilitatorView(Guid MemberId, string Name, DocumentRole Role);

/// <summary>A document at one version (the current one unless asked), with what the reader may do.</summary>
/// <summary>That an assembly ratified this version: when, the tally, and the vote's page (its board and audit).</summary>
public sealed record Ratification(DateTimeOffset At, string Tally, string Audit);

public sealed record DocumentView(
    Guid Id, string Slug, string Title, string Summary, string SummaryHtml, PhaseView Phase, int CurrentVersion,
    int Version, DateTimeOffset VersionAt, string VersionNote, IReadOnlyList<SectionView> Sections,
    IReadOnlyList<FacilitatorView> Facilitators, int BallotThreshold, int BallotPerMille, int BallotMinimum, bool IFacilitate, bool ICreated,
    Moderation.ContentModeration Moderation = Moderation.ContentModeration.Visible, DocumentRole? InvitedAs = null, Ratification? Ratified = null)
{
    public IEnumerable<PlankView> Planks => Sections.SelectMany(s => s.Planks);
}

public sealed record VersionSummary(int Number, DateTimeOffset CreatedAt, string By, string Note, int Planks);
public sealed record LogEntry(long Id, DateTimeOffset At, string By, string Action, string Detail);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PlankChangeKind>))]
public enum PlankChangeKind { Same = 0, Changed = 1, Added = 2, Removed = 3 }

/// <summary>One plank between two versions: its word diff (the whole text as one piece when added or removed).</summary>
public sealed record PlankChange(Guid Key, string Section, string Title, PlankChangeKind Kind, IReadOnlyList<DiffPiece> Diff);
public sealed record VersionComparison(int From, int To, IReadOnlyList<PlankChange> Planks)
{
    public int Changed => Planks.Count(p => p.Kind != PlankChangeKind.Same);
}

/// <summary>The input of a new document: a title and its text in Markdown ("## Section", "### Plank").</summary>
public sealed record DocumentInput(string? Title, string? Summary, string? Text);
