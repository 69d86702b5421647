using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Candidates;

/// <summary>
/// Where a candidacy is, in the order it moves: nominated (waiting for the nominee), accepted (answering the
/// questionnaire), in the endorsement vote, endorsed or not, filed with the state, on the ballot, won or lost.
/// Declined and withdrawn end it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Stage>))]
public enum Stage
{
    Nominated = 0, Questionnaire = 1, EndorsementVote = 2, Endorsed = 3, NotEndorsed = 4, Filed = 5, OnBallot = 6, Won = 7, Lost = 8,
    Declined = 9, Withdrawn = 10,
}

public static class Stages
{
    /// <summary>Stages in which the movement backs the candidate: gifts may be split to them and the fund's runs share to them.</summary>
    public static readonly Stage[] Backed = [Stage.Endorsed, Stage.Filed, Stage.OnBallot];

    /// <summary>Stages a public page shows: the nominee said yes (nobody is shown as a candidate without consenting).</summary>
    public static bool Public(Stage s) => s is not (Stage.Nominated or Stage.Declined);

    /// <summary>A stage that still occupies the office for this person (one running candidacy per member and office).</summary>
    public static bool Running(Stage s) => s is not (Stage.Declined or Stage.Withdrawn or Stage.NotEndorsed or Stage.Won or Stage.Lost);

    /// <summary><see cref="Running"/>, as a query's filter.</summary>
    public static readonly Expression<Func<Candidacy, bool>> RunningRow = c =>
        c.Stage != Stage.Declined && c.Stage != Stage.Withdrawn && c.Stage != Stage.NotEndorsed && c.Stage != Stage.Won && c.Stage != Stage.Lost;
}

/// <summary>
/// Someone nominated for an office. Nobody is a candidate without saying so: a member nominating themself accepts
/// at once; anyone else gets an email with a link whose token only the nominee's mailbox holds (stored hashed),
/// and until they accept with it the candidacy has no name anyone else can see.
/// </summary>
public sealed class Candidacy
{
    public const int MaxNameLength = 120;
    public const int MaxStatementLength = 4_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OfficeId { get; set; }
    public Office? Office { get; set; }
    /// <summary>The nominee's account, once they accepted (or at once when they nominated themself).</summary>
    public Guid? MemberId { get; set; }
    /// <summary>The name the candidate runs under (the nominator's spelling until the nominee writes their own).</summary>
    public required string Name { get; set; }
    /// <summary>SHA-256 of the nominee's normalized email, so one address gets one nomination per office; the address itself is not kept.</summary>
    public string? EmailHash { get; set; }
    /// <summary>SHA-256 of the acceptance link's token; cleared once used.</summary>
    public string? TokenHash { get; set; }
    public Guid NominatedById { get; set; }
    public DateTimeOffset NominatedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Stage Stage { get; set; }
    public DateTimeOffset StageAt { get; set; }
    /// <summary>The candidate's own words on their public profile (Markdown).</summary>
    public string Statement { get; set; } = "";
    /// <summary>The endorsement vote: a motion of the standing endorsements assembly.</summary>
    public Guid? MotionId { get; set; }
    /// <summary>The platform version the questionnaire asked about (the latest ratified when the candidate answered).</summary>
    public Guid? PlatformVersionId { get; set; }
}

/// <summary>A candidate's answer on one plank: they pledge to uphold it, or they disagree and say why.</summary>
public sealed class PlankAnswer
{
    public const int MaxWhyLength = 2_000;

    public Guid CandidacyId { get; set; }
    public Guid PlankKey { get; set; }
    public bool Pledge { get; set; }
    public string Why { get; set; } = "";
}

/// <summary>
/// Where a member votes, as they say it: it decides which endorsement votes they are on the roll for (a state's
/// offices, their legislative district, their county, their precinct). Self-declared, like a voter's registration
/// form; nothing checks it against a voter file yet.
/// </summary>
public sealed class Residence
{
    public Guid MemberId { get; set; }
    public required string State { get; set; }
    public string? County { get; set; }
    public string? District { get; set; }
    public string? Precinct { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A filing reminder already sent, so each goes once.</summary>
public sealed class FilingReminder
{
    public Guid CandidacyId { get; set; }
    public Guid WindowId { get; set; }
    /// <summary>"week" (opens in 7 days), "open" (opened), "closing" (closes within a day).</summary>
    public required string Kind { get; set; }
}

internal sealed class CandidacyConfiguration : IEntityTypeConfiguration<Candidacy>, IEntityTypeConfiguration<PlankAnswer>, IEntityTypeConfiguration<Residence>,
    IEntityTypeConfiguration<FilingReminder>
{
    public void Configure(EntityTypeBuilder<Candidacy> b)
    {
        b.ToTable("candidacies");
        b.Property(c => c.Name).HasMaxLength(Candidacy.MaxNameLength);
        b.Property(c => c.EmailHash).HasMaxLength(64);
        b.Property(c => c.TokenHash).HasMaxLength(64);
        b.Property(c => c.Statement).HasMaxLength(Candidacy.MaxStatementLength);
        b.HasOne(c => c.Office).WithMany().HasForeignKey(c => c.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.OfficeId, c.Stage });
        b.HasIndex(c => new { c.Stage, c.StageAt });
        b.HasIndex(c => c.MemberId);
        b.HasIndex(c => c.NominatedById);
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasIndex(c => c.MotionId).IsUnique();
        b.HasIndex(c => new { c.OfficeId, c.EmailHash });
    }

    public void Configure(EntityTypeBuilder<PlankAnswer> b)
    {
        b.ToTable("plank_answers");
        b.HasKey(a => new { a.CandidacyId, a.PlankKey });
        b.Property(a => a.Why).HasMaxLength(PlankAnswer.MaxWhyLength);
        b.HasOne<Candidacy>().WithMany().HasForeignKey(a => a.CandidacyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Residence> b)
    {
        b.ToTable("residences");
        b.HasKey(r => r.MemberId);
        b.Property(r => r.State).HasMaxLength(2);
        b.Property(r => r.County).HasMaxLength(Office.MaxCodeLength);
        b.Property(r => r.District).HasMaxLength(Office.MaxCodeLength);
        b.Property(r => r.Precinct).HasMaxLength(Office.MaxCodeLength);
        b.HasIndex(r => new { r.State, r.County, r.Precinct });
        b.HasIndex(r => new { r.State, r.District });
    }

    public void Configure(EntityTypeBuilder<FilingReminder> b)
    {
        b.ToTable("filing_reminders");
        b.HasKey(r => new { r.CandidacyId, r.WindowId, r.Kind });
        b.Property(r => r.Kind).HasMaxLength(10);
    }
}
