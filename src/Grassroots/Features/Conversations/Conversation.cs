using System.Text.Json.Serialization;
using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Conversations;

/// <summary>
/// A deliberation on one topic, Pol.is-style: participants write short statements and vote agree, disagree or
/// pass on others' one at a time; the opinion map (Grassroots.Opinion) groups people by how they vote and finds
/// what every group agrees on. Attached to a platform document (and maybe one plank) or standing alone.
/// Participants and statements are numbered per conversation, as Pol.is numbers them (imports keep the numbers).
/// </summary>
public sealed class Conversation
{
    public const int MaxTopicLength = 200;
    public const int MaxDescriptionLength = 5_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Topic { get; set; }
    public string Description { get; set; } = "";
    public Guid? DocumentId { get; set; }
    public Guid? PlankKey { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Takes statements and votes; closed, it is read only.</summary>
    public bool Open { get; set; } = true;
    /// <summary>New statements wait for a moderator before anyone votes on them (Pol.is' strict moderation).</summary>
    public bool StatementsNeedApproval { get; set; }
    /// <summary>Brought in from a Pol.is export: its participants are numbers, not members.</summary>
    public bool Imported { get; set; }
    /// <summary>
    /// An import still being written (in batches, outside one transaction): hidden from everyone, its importer too,
    /// and deleted by <see cref="ImportSweeper"/> if the import never finished (the process stopped mid-way).
    /// </summary>
    public bool Importing { get; set; }
    /// <summary>Where an imported conversation ran (summary.csv's url), shown as its source.</summary>
    public string? ImportedFrom { get; set; }
    /// <summary>The importer's Idempotency-Key: an upload sent again after a lost answer finds the first import.</summary>
    public string? IdempotencyKey { get; set; }
    public ContentModeration Moderation { get; set; }
    /// <summary>The counters that hand out the next participant and statement numbers (conditional updates).</summary>
    public int Participants { get; set; }
    public int Statements { get; set; }
    public long Votes { get; set; }
    /// <summary>Votes (and moderation changes) since the map was last computed: the background recompute's to-do.</summary>
    public long Pending { get; set; }
}

/// <summary>A member's number in a conversation (or an imported participant's, with no member).</summary>
public sealed class ConversationParticipant
{
    public Guid ConversationId { get; set; }
    public int Number { get; set; }
    public Guid? MemberId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    /// <summary>The opinion group Pol.is put an imported participant in (participants-votes.csv), to compare with ours.</summary>
    public int? PolisGroup { get; set; }
}

public static class ConversationParticipants
{
    /// <summary>The member's number in the conversation; null for a visitor or a member who has not taken part.</summary>
    public static async Task<int?> NumberOfAsync(this IQueryable<ConversationParticipant> participants, Guid conversationId, Guid? member, CancellationToken ct) =>
        member is { } m
            ? await participants.AsNoTracking().Where(p => p.ConversationId == conversationId && p.MemberId == m).Select(p => (int?)p.Number).SingleOrDefaultAsync(ct)
            : null;
}

[JsonConverter(typeof(JsonStringEnumConverter<StatementStatus>))]
public enum StatementStatus { Unmoderated = 0, Accepted = 1, Rejected = 2 }

[JsonConverter(typeof(JsonStringEnumConverter<RejectionReason>))]
public enum RejectionReason
{
    None = 0, Spam = 1, OffTopic = 2, Duplicate = 3, AgainstValues = 4,
    /// <summary>Moderated out in Pol.is, which records no reason (imports).</summary>
    Unstated = 5,
}

/// <summary>A short statement people vote on. Counters follow the votes (one row per participant and statement).</summary>
public sealed class Statement
{
    /// <summary>
    /// The statements everyone sees, votes on and finds on the map: accepted ones, and in a conversation that does not
    /// wait for moderators, those not read yet too. Rejected ones are moderators' to read.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Statement, bool>> Shown(bool needsApproval) =>
        needsApproval ? s => s.Status == StatementStatus.Accepted : s => s.Status != StatementStatus.Rejected;

    /// <summary>What a member may write: short, so one reads and votes in seconds (Pol.is' spirit).</summary>
    public const int MaxLength = 400;
    /// <summary>What an imported Pol.is statement may hold (older conversations allowed longer ones).</summary>
    public const int MaxImportedLength = 5_000;

    public Guid ConversationId { get; set; }
    public int Number { get; set; }
    public int AuthorNumber { get; set; }
    public required string Text { get; set; }
    public StatementStatus Status { get; set; }
    public RejectionReason Rejection { get; set; }
    /// <summary>Written by the conversation's moderators to start it (Pol.is' seed comments).</summary>
    public bool Seed { get; set; }
    /// <summary>About the conversation itself (Pol.is' is-meta): shown, but left out of the map as Pol.is leaves it out.</summary>
    public bool Meta { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Agrees { get; set; }
    public int Disagrees { get; set; }
    public int Passes { get; set; }
    /// <summary>Agrees + disagrees + passes, kept as a column so "fewest votes first" reads an index.</summary>
    public int Seen { get; set; }
}

/// <summary>+1 agree, -1 disagree, 0 pass. A participant's later vote on a statement replaces the earlier (the key).</summary>
public sealed class StatementVote
{
    public Guid ConversationId { get; set; }
    public int ParticipantNumber { get; set; }
    public int StatementNumber { get; set; }
    public sbyte Value { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The last computed opinion map of a conversation: the library's state and result, stored between recomputes.</summary>
public sealed class OpinionMapRow
{
    public Guid ConversationId { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public long VotesSeen { get; set; }
    /// <summary>OpinionMapState as JSON: what the next recompute warm-starts from.</summary>
    public required string State { get; set; }
    /// <summary>Groups, representative statements, consensus and k as JSON (small).</summary>
    public required string Summary { get; set; }
    /// <summary>Every participant's point and group, 13 bytes each (number, x, y as floats, group): a million fit in 13 MB.</summary>
    public required byte[] Points { get; set; }
}

internal sealed class ConversationConfiguration :
    IEntityTypeConfiguration<Conversation>, IEntityTypeConfiguration<ConversationParticipant>, IEntityTypeConfiguration<Statement>,
    IEntityTypeConfiguration<StatementVote>, IEntityTypeConfiguration<OpinionMapRow>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("conversations", t => t.HasCheckConstraint("CK_conversations_counts", "\"Participants\" >= 0 AND \"Statements\" >= 0 AND \"Votes\" >= 0 AND \"Pending\" >= 0"));
        b.Property(c => c.Slug).HasMaxLength(140);
        b.Property(c => c.Topic).HasMaxLength(Conversation.MaxTopicLength);
        b.Property(c => c.Description).HasMaxLength(Conversation.MaxDescriptionLength);
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => new { c.DocumentId, c.CreatedAt });
        b.HasIndex(c => c.Pending).HasFilter("\"Pending\" > 0");
        b.Property(c => c.ImportedFrom).HasMaxLength(500);
        b.Property(c => c.IdempotencyKey).HasMaxLength(100);
        b.HasIndex(c => new { c.CreatedById, c.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        b.HasOne<Platform.PlatformDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<ConversationParticipant> b)
    {
        b.ToTable("conversation_participants");
        b.HasKey(p => new { p.ConversationId, p.Number });
        // One number per member per conversation: joining twice at once gives one.
        b.HasIndex(p => new { p.ConversationId, p.MemberId }).IsUnique().HasFilter("\"MemberId\" IS NOT NULL");
        b.HasIndex(p => p.MemberId);
        b.HasOne<Conversation>().WithMany().HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.ToTable("statements", t => t.HasCheckConstraint("CK_statements_counts", "\"Agrees\" >= 0 AND \"Disagrees\" >= 0 AND \"Passes\" >= 0 AND \"Seen\" = \"Agrees\" + \"Disagrees\" + \"Passes\""));
        b.HasKey(s => new { s.ConversationId, s.Number });
        b.Property(s => s.Text).HasMaxLength(Statement.MaxImportedLength);
        // The next statement to show: the votable ones with the fewest votes first.
        b.HasIndex(s => new { s.ConversationId, s.Status, s.Seen, s.Number });
        b.HasOne<Conversation>().WithMany().HasForeignKey(s => s.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StatementVote> b)
    {
        b.ToTable("statement_votes");
        b.HasKey(v => new { v.ConversationId, v.ParticipantNumber, v.StatementNumber });
        b.HasOne<Conversation>().WithMany().HasForeignKey(v => v.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OpinionMapRow> b)
    {
        b.ToTable("opinion_maps");
        b.HasKey(m => m.ConversationId);
        b.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
