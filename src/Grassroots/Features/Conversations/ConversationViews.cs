namespace Grassroots.Features.Conversations;

public sealed record ConversationInput(string? Topic, string? Description, Guid? DocumentId, Guid? PlankKey, bool StatementsNeedApproval = false, IReadOnlyList<string>? Seeds = null);
public sealed record StatementInput(string? Text);
public sealed record VoteInput(int? Statement, int? Vote);
public sealed record ModerationInput(bool Accept, RejectionReason? Reason);

public sealed record ConversationSummary(Guid Id, string Slug, string Topic, int Participants, int Statements, long Votes, DateTimeOffset CreatedAt);
public sealed record StatementView(int Number, string Text, StatementStatus Status, RejectionReason Rejection, bool Seed, int Agrees, int Disagrees, int Passes, sbyte? MyVote);

public sealed record ConversationView(
    Guid Id, string Slug, string Topic, string Description, string DescriptionHtml, Guid? DocumentId, string? DocumentSlug, string? DocumentTitle, Guid? PlankKey,
    bool Open, bool StatementsNeedApproval, bool Imported, string? ImportedFrom, bool IImported, int Participants, int Statements, long Votes, int? MyNumber, int MyVotes, bool IModerate,
    DateTimeOffset? MapComputedAt, Moderation.ContentModeration Moderation = Moderation.ContentModeration.Visible);

/// <summary>A group of the opinion map as shown: its size and the statements that set it apart, with their text.</summary>
public sealed record GroupView(int Id, string Label, int Size, IReadOnlyList<GroupStatementView> Statements);
/// <summary>A statement that sets a group apart: <paramref name="Votes"/> of the <paramref name="Seen"/> in the group who voted on it took <paramref name="Stance"/>
/// (<paramref name="Percent"/>, exact); <paramref name="OthersPercent"/> is the model's estimate for everyone else (leaning to 50% while few voted).</summary>
public sealed record GroupStatementView(int Statement, string Text, Grassroots.Opinion.Stance Stance, int Percent, int OthersPercent, int Votes, int Seen);
public sealed record ConsensusView(int Statement, string Text, bool Agree, IReadOnlyList<int> GroupPercents);
public sealed record OpinionMapView(DateTimeOffset ComputedAt, long VotesSeen, int InMap, IReadOnlyList<GroupView> Groups, IReadOnlyList<ConsensusView> Consensus, IReadOnlyList<ConsensusView> ConsensusDisagree, int? MyGroup);
/// <summary>A participant of the map: their number (an imported participant's Pol.is id), our group, and the group Pol.is gave them (imports with participants-votes.csv).</summary>
public sealed record ParticipantView(int Number, int? Group, int? PolisGroup = null);
/// <summary>What an import answers: the new conversation and what the export held.</summary>
public sealed record PolisImported(ConversationView Conversation, PolisImportSummary Summary);
