using System.Net.Mail;
using System.Security.Claims;
using Grassroots.Features.Convention;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Candidates;

/// <summary>Nominate yourself (<see cref="Self"/>) or someone else by name and email for an office.</summary>
public sealed record NominationInput(Guid? OfficeId, bool? Self, string? Name, string? Email);

public sealed record ProfileInput(string? Name, string? Statement);

/// <summary>
/// Nominations and their answers. Anyone confirmed may nominate; nobody becomes a candidate without consenting: a
/// self-nomination is its own consent, anyone else answers by the emailed link (accept signed in, or decline
/// without an account). A member runs once per office at a time.
/// </summary>
public sealed class Nominating(AppDbContext db, Outbox outbox, SiteLinks links, AuditLog audit, TimeProvider clock, IOptions<CandidatesOptions> options,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>Nomination emails one address receives in a day, whoever sends them.</summary>
    public const int MaxMailsPerAddressPerDay = 3;

    public async Task<(Candidacy? Candidacy, Outcome Outcome)> NominateAsync(ClaimsPrincipal actor, NominationInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var member = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.DisplayName, u.ShowFullName, u.EmailConfirmed, u.DeletedAt, u.Moderation }).SingleAsync(ct);
        if (!member.EmailConfirmed) return (null, Outcome.Refused(l["Confirm your email address first: a nomination is a public act."]));
        if (input.OfficeId is not { } officeId || await db.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == officeId, ct) is not { } office)
            return (null, Outcome.Invalid("officeId", l["Choose an office from the list."]));
        var now = clock.GetUtcNow();
        var name = ConventionText.Line(input.Name);
        if (name.Length > Candidacy.MaxNameLength) return (null, Outcome.Invalid("name", l["At most {0} characters.", Candidacy.MaxNameLength]));
        if (input.Self == true)
        {
            if (await RunningAsync(me, officeId, ct)) return (null, Outcome.Invalid("officeId", l["You are running for this office already."]));
            var mine = new Candidacy
            {
                OfficeId = officeId, MemberId = me, Name = name.Length > 0 ? name : member.DisplayName, NominatedById = me, NominatedAt = now, AcceptedAt = now,
                Stage = Stage.Questionnaire, StageAt = now,
            };
            db.Candidacies.Add(mine);
            audit.Record(me, "candidacy.nominated", "candidacy", mine.Id, "self");
            await db.SaveChangesAsync(ct);
            return (mine, Outcome.Ok);
        }

        var errors = new FieldErrors();
        if (name.Length == 0) errors.Add("name", l["Give the name of the person you nominate."]);
        var email = input.Email?.Trim() ?? "";
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Contains('\n'))
            errors.Add("email", l["Give their email address: the link to accept goes there."]);
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        var hash = Codes.EmailHash(email);
        // One answer per address and office: a running nomination, or a "no", which stays a no (nobody re-asks until they give in).
        if (await db.Candidacies.AnyAsync(c => c.OfficeId == officeId && c.EmailHash == hash && (c.Stage == Stage.Declined || (c.Stage != Stage.Withdrawn && c.Stage != Stage.NotEndorsed
                && c.Stage != Stage.Won && c.Stage != Stage.Lost)), ct))
            return (null, Outcome.Invalid("email", l["This person can't be nominated for this office again: they were asked already."]));
        if (await db.Candidacies.CountAsync(c => c.EmailHash == hash && c.NominatedAt > now.AddDays(-1), ct) >= MaxMailsPerAddressPerDay)
            return (null, Outcome.Invalid("email", l["This address was sent enough nominations today. Try again tomorrow."]));
        if (await db.Candidacies.CountAsync(c => c.NominatedById == me && c.Stage == Stage.Nominated, ct) >= options.Value.MaxWaitingNominations)
            return (null, Outcome.Invalid("email", l["You have {0} nominations waiting for an answer. Wait for some answers before you nominate more people.", options.Value.MaxWaitingNominations]));
        var token = Codes.NewToken();
        var candidacy = new Candidacy
        {
            OfficeId = officeId, Name = name, EmailHash = hash, TokenHash = Codes.TokenHash(token), NominatedById = me, NominatedAt = now, Stage = Stage.Nominated, StageAt = now,
        };
        db.Candidacies.Add(candidacy);
        var nominator = MemberNames.Public(member.DisplayName, member.ShowFullName, member.DeletedAt, member.Moderation);
        var link = links.To($"/candidates/answer/{token}");
        outbox.Enqueue(email, l["{0} nominated you to run for {1}", nominator, office.Name],
            l["{0} nominated you, {1}, to run for {2} with the movement's backing.", nominator, name, office.Name] + "\n\n"
            + l["If you would like to run, accept here (you will sign in or create an account with this address): {0}", link] + "\n\n"
            + l["If not, decline at the same link, or ignore this email. Nobody sees your name unless you accept."]);
        audit.Record(me, "candidacy.nominated", "candidacy", candidacy.Id);
        await db.SaveChangesAsync(ct);
        return (candidacy, Outcome.Ok);
    }

    private Task<bool> RunningAsync(Guid member, Guid officeId, CancellationToken ct) =>
        db.Candidacies.Where(Stages.RunningRow).AnyAsync(c => c.MemberId == member && c.OfficeId == officeId, ct);

    /// <summary>The nomination a link's token opens, while it waits for an answer.</summary>
    public async Task<(Candidacy Candidacy, Office Office, string Nominator)?> WaitingAsync(string? token, CancellationToken ct)
    {
        if (token is not { Length: > 20 and < 100 }) return null;
        var hash = Codes.TokenHash(token);
        var row = await db.Candidacies.AsNoTracking().Include(c => c.Office).Where(c => c.TokenHash == hash && c.Stage == Stage.Nominated)
            .Join(db.Users, c => c.NominatedById, u => u.Id, (c, u) => new { c, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.c, row.c.Office!, MemberNames.Public(row.DisplayName, row.ShowFullName, row.DeletedAt, row.Moderation));
    }

    public async Task<(Candidacy? Candidacy, Outcome Outcome)> AcceptAsync(ClaimsPrincipal actor, string? token, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await WaitingAsync(token, ct) is not { } waiting) return (null, Outcome.Invalid("token", l["This link was answered already, or it is not a nomination's link."]));
        if (!await db.Users.AnyAsync(u => u.Id == me && u.EmailConfirmed, ct)) return (null, Outcome.Refused(l["Confirm your email address first: a candidacy is a public act."]));
        if (await RunningAsync(me, waiting.Candidacy.OfficeId, ct)) return (null, Outcome.Invalid("token", l["You are running for this office already."]));
        var now = clock.GetUtcNow();
        // One statement: a link answers once, whoever clicks it twice at once.
        if (await db.Candidacies.Where(c => c.Id == waiting.Candidacy.Id && c.Stage == Stage.Nominated && c.TokenHash != null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberId, me).SetProperty(c => c.AcceptedAt, now).SetProperty(c => c.Stage, Stage.Questionnaire)
                    .SetProperty(c => c.StageAt, now).SetProperty(c => c.TokenHash, (string?)null), ct) == 0)
            return (null, Outcome.Invalid("token", l["This link was answered already, or it is not a nomination's link."]));
        audit.Record(me, "candidacy.accepted", "candidacy", waiting.Candidacy.Id);
        await db.SaveChangesAsync(ct);
        return (await db.Candidacies.AsNoTracking().SingleAsync(c => c.Id == waiting.Candidacy.Id, ct), Outcome.Ok);
    }

    /// <summary>Declining needs no account: the link is proof enough, and a "no" should cost nothing.</summary>
    public async Task<Outcome> DeclineAsync(string? token, CancellationToken ct)
    {
        if (await WaitingAsync(token, ct) is not { } waiting) return Outcome.Invalid("token", l["This link was answered already, or it is not a nomination's link."]);
        var now = clock.GetUtcNow();
        await db.Candidacies.Where(c => c.Id == waiting.Candidacy.Id && c.Stage == Stage.Nominated)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Stage, Stage.Declined).SetProperty(c => c.StageAt, now).SetProperty(c => c.TokenHash, (string?)null), ct);
        return Outcome.Ok;
    }

    /// <summary>The candidate's own name and statement on their profile.</summary>
    public async Task<Outcome> EditAsync(ClaimsPrincipal actor, Guid id, ProfileInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Candidacies.SingleOrDefaultAsync(c => c.Id == id && c.MemberId == me, ct) is not { } c) return Outcome.NotFound;
        var errors = new FieldErrors();
        var name = ConventionText.Line(input.Name);
        if (name.Length is 0 or > Candidacy.MaxNameLength) errors.Add("name", l["Give the name you run under, in at most {0} characters.", Candidacy.MaxNameLength]);
        var statement = ConventionText.Clean(input.Statement);
        if (statement.Length > Candidacy.MaxStatementLength) errors.Add("statement", l["At most {0} characters.", Candidacy.MaxStatementLength]);
        if (!errors.IsEmpty) return Outcome.Invalid(errors);
        if (name != c.Name && c.Stage is not (Stage.Nominated or Stage.Questionnaire))
            return Outcome.Invalid("name", l["The name is fixed once the endorsement vote has opened: the members voted on it."]);
        (c.Name, c.Statement) = (name, statement);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
