namespace Grassroots.Features.Platform;

/// <summary>A new amendment: against <see cref="Version"/> (the current one), to the plank <see cref="PlankKey"/>.</summary>
public sealed record AmendmentInput(int? Version, Guid? PlankKey, AmendmentKind? Kind, string? Title, string? Text, string? Reason);
/// <summary>A new wording (onto the document's current version).</summary>
public sealed record RevisionInput(string? Title, string? Text, string? Reason);
public sealed record CommentInput(string? Body, Guid? ParentId);
public sealed record DecisionInput(bool Accept, string? Note);

public sealed record AmendmentSummary(Guid Id, int Number, string Title, AmendmentKind Kind, AmendmentStatus Status, Guid PlankKey,
    int VersionNumber, string Author, int Cosigners, DateTimeOffset CreatedAt, IReadOnlyList<int> ConflictsWith);

public sealed record RevisionSummary(int Number, string Title, DateTimeOffset CreatedAt);

/// <summary>One amendment as its page shows it: the diff of the wording asked for, against the plank in its version.</summary>
/// <param name="SinceISigned">For a reader whose signature is on an older revision: what changed from that revision to the latest (title and text).</param>
public sealed record AmendmentView(
    Guid Id, int Number, Guid DocumentId, string DocumentSlug, string DocumentTitle, int VersionNumber, int CurrentVersion,
    Guid PlankKey, string PlankTitle, string PlankBody, AmendmentKind Kind, AmendmentStatus Status, string Title, Guid AuthorId, string Author,
    int Revision, int ShownRevision, string Text, string ReasonHtml, IReadOnlyList<DiffPiece> Diff, int Cosigners, int BallotThreshold,
    int? MyCosignedRevision, bool IAmAuthor, bool IFacilitate, bool CosigningOpen, bool CommentsOpen, bool AmendmentsOpen,
    IReadOnlyList<RevisionSummary> Revisions, IReadOnlyList<ConflictView> Conflicts, string? DecisionNote, int? MergedInto, DateTimeOffset CreatedAt,
    Moderation.ContentModeration Moderation = Moderation.ContentModeration.Visible, IReadOnlyList<DiffPiece>? SinceISigned = null)
{
    public bool Live => Status is AmendmentStatus.Open or AmendmentStatus.OnBallot;
    public bool Outdated => Live && VersionNumber != CurrentVersion;
}

/// <summary>An amendment touching the same passage, with its own diff, to read side by side.</summary>
public sealed record ConflictView(Guid Id, int Number, string Title, string Author, AmendmentStatus Status, IReadOnlyList<DiffPiece> Diff);

/// <param name="Withheld">A community jury reviews or removed it and the reader is neither its author nor (while under review) a juror: no words, a notice.</param>
/// <param name="CaseUrl">The jury's case, when it is not <see cref="Moderation.ContentModeration.Visible"/>.</param>
public sealed record CommentView(Guid Id, Guid? ParentId, Guid AuthorId, string Author, string BodyHtml, DateTimeOffset At, bool Deleted, IReadOnlyList<CommentView> Replies,
    Moderation.ContentModeration Moderation = Moderation.ContentModeration.Visible, bool Withheld = false, string? CaseUrl = null);
