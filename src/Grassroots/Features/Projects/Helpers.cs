using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>
/// A member who could help, as an owner sees them: their public name and city, the needed skills
/// they show publicly, and how far they are as a band ("within 5 miles"): an exact distance would
/// pinpoint their ZIP for anyone who moves a project around.
/// </summary>
public sealed record HelperMatch(Guid MemberId, string Name, string? City, string? State, IReadOnlyList<string> MatchingSkills, int? WithinMiles, string Reason);

public sealed record InviteInput(Guid MemberId, string? Message);

/// <summary>
/// "People who could help": for an owner, members who agreed to be asked, ranked by the skills the
/// project's open needs ask for and by distance. The owner invites them through the platform; no
/// address is ever shown.
/// </summary>
public sealed class Helpers(AppDbContext db, ZipCodes zips, Access access, Outbox outbox, SiteLinks links, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    private const int Candidates = 200;
    public const int MaxInviteLength = 2000;
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromDays(30);

    /// <summary>The bands a distance is shown in, in miles.</summary>
    private static readonly int[] Bands = [5, 10, 25, Matching.NearMiles];

    public static int? Band(double? miles) => miles is { } m ? Bands.FirstOrDefault(b => m <= b, Bands[^1]) : null;

    public async Task<(IReadOnlyList<HelperMatch>? Helpers, Outcome Outcome)> ForProjectAsync(ClaimsPrincipal owner, Guid projectId, int take, CancellationToken ct)
    {
        if (await access.CheckAsync(owner, new ProjectResource(projectId), ProjectPolicies.Own) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Online, p.Latitude, p.Longitude, p.Zip, p.City, p.State }).SingleAsync(ct);
        var wanted = await db.Needs.AsNoTracking().Where(n => n.ProjectId == projectId && !n.Closed && n.Skill != null).Select(n => n.Skill!).Distinct().ToListAsync(ct);

        var people = db.Users.AsNoTracking().Where(m => m.OpenToAsks && m.DeletedAt == null && m.HiddenAt == null && m.EmailConfirmed
            && !db.ProjectOwners.Any(o => o.ProjectId == projectId && o.MemberId == m.Id)
            && !db.Pledges.Where(Pledge.IsActive).Any(p => p.ProjectId == projectId && p.MemberId == m.Id));
        ZipPlace? origin = null;
        List<Member> rows;
        if (!project.Online && project.Latitude is { } lat && project.Longitude is { } lng)
        {
            origin = new ZipPlace(project.Zip ?? "", lat, lng, project.City ?? "", project.State ?? "");
            rows = await people.Within(origin, Matching.NearMiles).OrderBy(x => x.D2).Select(x => x.Item).Take(Candidates).ToListAsync(ct);
        }
        else
            rows = await people.Where(m => m.ShowSkills && m.Skills.Any(s => wanted.Contains(s))).Take(Candidates).ToListAsync(ct);

        var ranked = rows.Select(m =>
            {
                // Only what the member shows everyone counts and is shown: skills they keep private stay out of
                // the ranking too (an order reveals what a label hides). Distance is ranked by band, not by mile.
                var skills = m.ShowSkills ? m.Skills.Where(wanted.Contains).ToList() : [];
                // From the middle of the member's city, which is public, not from their ZIP: an owner who
                // moves the project around and reads the bands would otherwise find the ZIP.
                var centre = zips.CityCentre(m.City, m.State);
                var band = origin is null || centre is null ? null : Band(origin.MilesFrom(centre.Value.Latitude, centre.Value.Longitude));
                var score = skills.Count * 3 + (band is { } b ? (1 - (double)b / Matching.NearMiles) * 2 : 0);
                var reason = string.Join(", ", new[]
                {
                    skills.Count > 0 ? l["can do {0}", string.Join(", ", skills.Select(s => l[Catalog.Skills[s]].Value))].Value : "",
                    band is { } w ? l["within {0} miles", w].Value : "",
                }.Where(s => s.Length > 0));
                return (score, new HelperMatch(m.Id, m.PublicName, m.City, m.State, skills, band, reason));
            })
            .Where(x => x.score > 0).OrderByDescending(x => x.score).ThenBy(x => x.Item2.Name).Take(take).Select(x => x.Item2).ToList();
        return (ranked, Outcome.Ok);
    }

    /// <summary>An owner asks a member for help; the message goes through the outbox, the address stays private.</summary>
    public async Task<Outcome> InviteAsync(ClaimsPrincipal owner, Guid projectId, Guid memberId, string? message, CancellationToken ct)
    {
        if (await access.CheckAsync(owner, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var ownerId = owner.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(ownerId, ct)) return Standing.Frozen(l);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Title, p.Slug }).SingleAsync(ct);
        message = message?.Trim() ?? "";
        if (message.Length > MaxInviteLength) return Outcome.Invalid("message", l["The message can be at most {0} characters.", MaxInviteLength]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the member's row first: asks sent at once are serialized, so the check below sees the one before.
        await db.Users.Where(m => m.Id == memberId).LockAsync(m => m.OpenToAsks, ct);
        var member = await db.Users.AsNoTracking().Where(m => m.Id == memberId && m.DeletedAt == null && m.HiddenAt == null)
            .Select(m => new { m.Email, m.OpenToAsks, m.Culture }).SingleOrDefaultAsync(ct);
        if (member is null || !member.OpenToAsks || member.Email is null)
            return Outcome.Invalid("memberId", l["This member has not agreed to be asked for help."]);
        // One ask a month per member from each project and from each person (however many projects they
        // launch): being open to asks is not being open to a campaign.
        var (subject, detail, since) = (memberId.ToString(), $"project {projectId}", clock.GetUtcNow() - AskAgainAfter);
        if (await db.AuditLog.AnyAsync(a => a.Action == "project.invite" && a.SubjectType == "member" && a.SubjectId == subject
                && (a.Detail == detail || a.ActorId == ownerId) && a.At > since, ct))
            return Outcome.Invalid("memberId", l["This member was asked for help by you or for this project less than a month ago."]);
        var sender = await db.Users.PublicNameAsync(ownerId, ct);
        using (RecipientCulture.Use(member.Culture))
            outbox.Enqueue(member.Email, l["{0} asks for your help with \"{1}\"", sender, project.Title],
                (message.Length > 0 ? message + "\n\n" : "") + l["See what the project needs and pledge if you can: {0}", links.To($"/projects/{project.Slug}")] + "\n\n"
                + l["You get this because your profile says project owners may ask you for help. Turn it off on your profile."]);
        audit.Record(ownerId, "project.invite", "member", memberId, $"project {projectId}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }
}
