using System.Security.Claims;
using Grassroots.Ballots.Counting;
using Grassroots.Features.Convention;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Candidates;

/// <summary>
/// The endorsement vote, on the convention's ballot engine: a yes/no motion of the standing endorsements assembly
/// whose roll is the office's electorate (<see cref="Electorate"/>), called when the candidate asks; it closes by
/// itself after <see cref="CandidatesOptions.VoteLength"/>, a majority with the quorum endorses. Ballots, receipts,
/// the board and its audit are the convention's, unchanged.
/// </summary>
public sealed class Endorsing(AppDbContext db, Motions motions, Questionnaires questionnaires, AuditLog audit, TimeProvider clock, IOptions<CandidatesOptions> options,
    IStringLocalizer<SharedResource> l)
{
    public const string AssemblySlug = "endorsements";

    public async Task<(EndorsementVoteView? Vote, Outcome Outcome)> AskAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Candidacies.AsNoTracking().Include(c => c.Office).SingleOrDefaultAsync(c => c.Id == id && c.MemberId == me, ct) is not { } c) return (null, Outcome.NotFound);
        if (c.Stage != Stage.Questionnaire)
            return (null, Outcome.Invalid("stage", c.Stage == Stage.EndorsementVote ? l["The endorsement vote is open already."] : l["Only a candidacy answering its questionnaire can ask for the endorsement vote."]));
        var questionnaire = await questionnaires.ReadAsync(c, ct);
        if (!questionnaire.Complete) return (null, Outcome.Invalid("answers", l["Answer every plank of the questionnaire first: the members read your answers before they vote."]));
        // The candidate does not vote on their own endorsement; and a handful of accounts is not a district.
        var roll = await Electorate.Of(db, c.Office!).Where(id => id != me).Distinct().ToListAsync(ct);
        var minimum = options.Value.MinimumBallots;
        if (roll.Count < minimum)
            return (null, Outcome.Invalid("stage", l["Fewer than {0} other members have said they vote in this district, so there is no electorate to vote yet. Ask your neighbors to join and fill in where they vote.", minimum]));
        var assemblyId = await AssemblyAsync(me, ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One statement moves it: a double click opens one vote.
        if (await db.Candidacies.Where(x => x.Id == id && x.Stage == Stage.Questionnaire)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stage, Stage.EndorsementVote).SetProperty(x => x.StageAt, now).SetProperty(x => x.PlatformVersionId, questionnaire.VersionId), ct) == 0)
            return (null, Outcome.Invalid("stage", l["The endorsement vote is open already."]));
        var motion = await motions.OpenWithRollAsync(assemblyId, new Motion
        {
            // Names only, in no language: the page says "Endorse a candidate" in the reader's, and links the profile.
            Title = $"{c.Name} — {c.Office!.Name}", Text = $"/candidates/{c.Id}", Kind = MotionKind.Endorse, Threshold = Threshold.Majority,
            QuorumPercent = options.Value.QuorumPercent, QuorumBallots = minimum, AllowRevote = true,
        }, roll, now + options.Value.VoteLength, me, ct);
        await db.Candidacies.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MotionId, motion.Id), ct);
        audit.Record(me, "candidacy.vote.opened", "candidacy", id, $"roll {roll.Count}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var slug = await db.Assemblies.Where(a => a.Id == assemblyId).Select(a => a.Slug).SingleAsync(ct);
        return (new EndorsementVoteView(motion.Id, slug, motion.Number, motion.ClosesAt, motion.Roll), Outcome.Ok);
    }

    /// <summary>The standing assembly endorsement votes belong to, made the first time one is asked for.</summary>
    private async Task<Guid> AssemblyAsync(Guid actor, CancellationToken ct)
    {
        // Found by its rule, not its address: a member may have named an assembly of their own "Endorsements" first.
        IQueryable<Assembly> Standing() => db.Assemblies.Where(a => a.CredentialRule == CredentialRule.Electorate).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id);
        if (await Standing().Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) is { } id) return id;
        var now = clock.GetUtcNow();
        var slug = await db.Assemblies.AnyAsync(a => a.Slug == AssemblySlug, ct) ? $"{AssemblySlug}-{Guid.NewGuid():N}"[..(AssemblySlug.Length + 9)] : AssemblySlug;
        db.Assemblies.Add(new Assembly
        {
            Slug = slug, Name = "Endorsements · Respaldos", TimeZone = "America/New_York", StartsAt = now, EndsAt = now.AddYears(100), CreatedById = actor, CreatedAt = now,
            CredentialRule = CredentialRule.Electorate,
            Description = "The movement's endorsement votes: each candidate's is open to the members who vote in their district (the whole movement for federal office).",
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // made at the same moment by another request
        return await Standing().Select(a => a.Id).FirstAsync(ct);
    }
}

/// <summary>An endorsement vote closed: the candidacy is endorsed or not in the same transaction, and the candidate told.</summary>
internal sealed class EndorsementResults(AppDbContext db) : IMotionDecided
{
    public async Task DecidedAsync(Motion motion, bool passed, string tally, DateTimeOffset at, CancellationToken ct)
    {
        if (motion.Kind != MotionKind.Endorse) return;
        var c = await db.Candidacies.AsNoTracking().Include(x => x.Office).SingleOrDefaultAsync(x => x.MotionId == motion.Id && x.Stage == Stage.EndorsementVote, ct);
        if (c is null) return; // withdrawn while the vote ran
        var stage = passed ? Stage.Endorsed : Stage.NotEndorsed;
        await db.Candidacies.Where(x => x.Id == c.Id && x.Stage == Stage.EndorsementVote).ExecuteUpdateAsync(s => s.SetProperty(x => x.Stage, stage).SetProperty(x => x.StageAt, at), ct);
        if (c.MemberId is { } member)
            Notices.Notices.Tell(db, member, NoticeKind.CandidacyNews, $"/candidates/{c.Id}", at,
                new Dictionary<string, string> { ["event"] = passed ? "endorsed" : "not-endorsed", ["office"] = c.Office!.Name, ["tally"] = tally });
    }
}
