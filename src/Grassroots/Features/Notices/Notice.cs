using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Notices;

/// <summary>
/// Something that happened to a member. Its words are not stored: the kind and its arguments are, and
/// they are written in the reader's language when shown or mailed.
/// </summary>
public sealed class Notice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>The member who acted (a pledger, an owner), named when shown: a name changed or erased since shows as it is now.</summary>
    public Guid? ActorId { get; set; }
    /// <summary>The kind's arguments (a project's title, a need's title) as a JSON object of strings.</summary>
    public required string Args { get; set; }
    /// <summary>Where to act: a path on the site ("/projects/tool-library").</summary>
    public required string Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>Where its email stands: decided by the mailer from the member's choice for the kind, after the notice is committed.</summary>
    public NoticeMailState Mail { get; set; }
}

/// <summary>Kinds are stored as numbers: never renumber one.</summary>
public enum NoticeKind
{
    /// <summary>To every owner: someone pledged to a need of the project.</summary>
    PledgeReceived = 1,
    /// <summary>To the pledger: an owner accepted the pledge.</summary>
    PledgeAccepted = 2,
    /// <summary>To the pledger: an owner declined the pledge.</summary>
    PledgeDeclined = 3,
    /// <summary>To every owner: a member who deleted their account had accepted pledges, now withdrawn; these needs reopened.</summary>
    PledgesWithdrawn = 4,
    /// <summary>To a follower: an owner invites them to co-own the project.</summary>
    CoOwnerInvitation = 5,
    /// <summary>To every owner of the asked project: another project's owner proposes merging the two.</summary>
    MergeProposed = 6,
    /// <summary>To the member who proposed a merge: the other side accepted (the projects are one now) or declined.</summary>
    MergeAnswered = 7,
    /// <summary>To each recipient: an organizer or owner wrote to them (the mail is the message itself, sent by Conversations).</summary>
    MessageReceived = 8,
    /// <summary>To the other side of a conversation: a reply (the mail is the reply itself, with the relay's Reply-To).</summary>
    ReplyReceived = 9,
    /// <summary>To a member asked to co-host an event: they accept or decline on their events page.</summary>
    CohostInvitation = 10,
    /// <summary>To each co-signer: the author revised the amendment they signed; they may withdraw their signature.</summary>
    AmendmentRevised = 11,
    /// <summary>To an amendment's author: facilitators accepted, merged or rejected it, or it reached the ballot.</summary>
    AmendmentDecided = 12,
    /// <summary>To an amendment's author: someone else commented on it.</summary>
    AmendmentCommented = 13,
    /// <summary>To a comment's author: someone else answered it.</summary>
    CommentAnswered = 14,
    /// <summary>To a member a document's creator asked to facilitate (or co-create) it: they accept or decline on its page.</summary>
    FacilitatorInvitation = 15,
    /// <summary>To an amendment's author: someone co-signed it.</summary>
    AmendmentCosigned = 16,
    /// <summary>To the creator who asked a member to facilitate a document: the member accepted or declined.</summary>
    FacilitatorAnswered = 17,
    /// <summary>To a member asked to chair an assembly, or named a delegate by their group: they accept or decline on the assembly's page.</summary>
    AssemblyInvitation = 18,
    /// <summary>To a candidate: their endorsement vote closed (endorsed or not), or their office's filing window is near, open or closing.</summary>
    CandidacyNews = 19,
}

/// <summary>How a member hears of a kind of notice.</summary>
public enum NoticeDelivery
{
    /// <summary>An email as it happens, and the notice on the site.</summary>
    AtOnce = 0,
    /// <summary>One email a day listing them, and the notices on the site.</summary>
    Digest = 1,
    /// <summary>The notice on the site only.</summary>
    Never = 2,
}

public enum NoticeMailState
{
    /// <summary>Not looked at yet by the mailer.</summary>
    Pending = 0,
    /// <summary>Waits for the member's daily digest.</summary>
    Digest = 1,
    /// <summary>Mailed, or nothing to mail (the member chose "never", or left).</summary>
    Done = 2,
}

/// <summary>A member's choice for one kind; no row means the kind's default.</summary>
public sealed class NoticeSetting
{
    public Guid MemberId { get; set; }
    public NoticeKind Kind { get; set; }
    public NoticeDelivery Delivery { get; set; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices");
        b.Property(n => n.Args).HasMaxLength(4000);
        b.Property(n => n.Link).HasMaxLength(500);
        // The bell's unread count and the notices page (unread first, newest first) read this index alone.
        b.HasIndex(n => new { n.MemberId, n.ReadAt, n.CreatedAt });
        // The mailer's query: what it has not decided yet, and what waits for the digest.
        b.HasIndex(n => new { n.Mail, n.CreatedAt });
        // "Was this member told of this already?" (invitations, co-signatures: once a day, once a week) reads a kind's
        // recent notices, not every notice the member ever had.
        b.HasIndex(n => new { n.MemberId, n.Kind, n.CreatedAt });
        b.HasOne<Members.Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeSettingConfiguration : IEntityTypeConfiguration<NoticeSetting>
{
    public void Configure(EntityTypeBuilder<NoticeSetting> b)
    {
        b.ToTable("notice_settings");
        b.HasKey(s => new { s.MemberId, s.Kind });
        b.HasOne<Members.Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
