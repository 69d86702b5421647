namespace Grassroots.Features.Conversations;

public sealed record ConversationInput(string? Topic, string? Description, Guid? DocumentId, Guid? PlankKey, bool StatementsNeedApproval = false, IReadOnlyList<string>? Seeds = null);
public sealed record StatementInput(string? Text);
public sealed record VoteInput(int? Statement, int? Vote);
public sealed record ModerationInput(bool Accept, RejectionReason? Reason);

public sealed record ConversationSummary(Guid Id, string Slug, string Topic, int Participants, int Statements, long Votes, DateTimeOffset CreatedAt);
public sealed record StatementView(int Number, string Text, StatementStatus Status, RejectionReason Rejection, bool Seed, int Agrees, int Disagrees, int Passes, sbyte? MyVote);

public sealed record ConversationView(
    Guid Id, string Slug, string Topic, string Description, string DescriptionHtml, Guid? DocumentId, string? DocumentSlug, string? DocumentTitle, Guid? PlankKey,
    bool Open, bool StatementsNeedApproval, bool Imported, int Participants, int Statements, long Votes, int? MyNumber, int MyVotes, bool IModerate, DateTimeOffset? MapComputedAt,
    Moderation.ContentModeration Moderation = Moderation.ContentModeration.Visible);

/// <summary>A group of the opinion map as shown: its size and the statements that set it apart, with their text.</summary>
public sealed record GroupView(int Id, string Label, int Size, IReadOnlyList<GroupStatementView> Statements);
public sealed record GroupStatementView(int Statement, string Text, Grassroots.Opinion.Stance Stance, int Percent, int OthersPercent);
public sealed record ConsensusView(int Statement, string Text, bool Agree, IReadOnlyList<int> GroupPercents);
public sealed record OpinionMapView(DateTimeOffset ComputedAt, long VotesSeen, int InMap, IReadOnlyList<GroupView> Groups, IReadOnlyList<ConsensusView> Consensus, IReadOnlyList<ConsensusView> ConsensusDisagree, int? MyGroup);
public sealed record ParticipantView(int Number, int? Group);
