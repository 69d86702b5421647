using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Events;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention;

/// <summary>
/// Assemblies: start one (no approval: its creator names the chairs), register in person or remotely, the
/// agenda, the officers (asked, not named: a chair accepts first), the credentials committee's decisions and the
/// public log. Who is credentialed is one query (<see cref="Credentialed"/>) the roll, the pages and the vote all read.
/// </summary>
public sealed class Assemblies(AppDbContext db, Access access, Rsvping rsvping, AuditLog audit, TimeProvider clock,
    IValidator<AssemblyInput> rules, IValidator<CredentialInput> credentialRules, IValidator<AgendaItemInput> agendaRules, IStringLocalizer<SharedResource> l)
{
    public const int MaxAgendaItems = 100;
    public const int MaxChairs = 20;

    public Task<Assembly?> FindAsync(string idOrSlug, CancellationToken ct) =>
        Guid.TryParse(idOrSlug, out var id)
            ? db.Assemblies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct)
            : db.Assemblies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == idOrSlug, ct);

    /// <summary>The member's accepted role, or null: creators and chairs run the assembly and sit on its credentials committee.</summary>
    public Task<AssemblyRole?> RoleAsync(Guid assemblyId, Guid? memberId, CancellationToken ct) =>
        memberId is null ? Task.FromResult<AssemblyRole?>(null)
            : db.AssemblyOfficers.Where(o => o.AssemblyId == assemblyId && o.MemberId == memberId && o.AcceptedAt != null).Select(o => (AssemblyRole?)o.Role).FirstOrDefaultAsync(ct);

    /// <summary>A line of the assembly's public log (and the audit log), saved with the caller's other changes. Motions write here too.</summary>
    internal void Log(Guid assemblyId, Guid actor, string action, string detail)
    {
        db.AssemblyLog.Add(new AssemblyLogEntry { AssemblyId = assemblyId, ActorId = actor, At = clock.GetUtcNow(), Action = action, Detail = detail.Length > AssemblyLogEntry.MaxDetailLength ? detail[..AssemblyLogEntry.MaxDetailLength] : detail });
        audit.Record(actor, "assembly." + action, "assembly", assemblyId, detail.Length > 200 ? detail[..200] : detail);
    }

    public async Task<(Assembly? Assembly, Outcome Outcome)> CreateAsync(ClaimsPrincipal actor, AssemblyInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await rules.ValidateAsync(input, ct) is { IsValid: false } invalid) return (null, Outcome.Invalid(FieldErrors.From(invalid)));
        // The venue's door credentials in-person delegates, so its hosts must be the assembly's own people: the creator hosts it.
        if (input.EventId is { } venue && await access.CheckAsync(actor, new EventResource(venue), EventPolicies.Host) is { Kind: not OutcomeKind.Ok })
            return (null, Outcome.Invalid("eventId", l["Choose an event you host as the venue: its door check-in credentials the people who attend in person."]));
        var now = clock.GetUtcNow();
        var a = new Assembly
        {
            Name = ConventionText.Line(input.Name), Slug = "", Description = ConventionText.Clean(input.Description),
            StartsAt = input.StartsAt!.Value.ToUniversalTime(), EndsAt = input.EndsAt!.Value.ToUniversalTime(), TimeZone = input.TimeZone!.Trim(),
            EventId = input.EventId, StreamUrl = string.IsNullOrWhiteSpace(input.StreamUrl) ? null : input.StreamUrl.Trim(),
            CredentialRule = input.CredentialRule ?? CredentialRule.Registered, CreatedById = me, CreatedAt = now,
        };
        var wanted = Slugs.From(a.Name, "assembly");
        a.Slug = await db.Assemblies.AnyAsync(x => x.Slug == wanted, ct) ? Slugs.Retry(wanted, a.Id, 0) : wanted;
        db.Assemblies.Add(a);
        db.AssemblyOfficers.Add(new AssemblyOfficer { AssemblyId = a.Id, MemberId = me, Role = AssemblyRole.Creator, NamedById = me, NamedAt = now, AcceptedAt = now });
        Log(a.Id, me, "created", a.Name);
        await db.SaveChangesAsync(ct);
        return (a, Outcome.Ok);
    }

    public async Task<Page<AssemblySummary>> ListAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Assemblies.AsNoTracking();
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id).Skip((p - 1) * size).Take(size)
            .Select(a => new AssemblySummary(a.Id, a.Slug, a.Name, a.StartsAt, a.EndsAt, a.TimeZone, db.AssemblyRegistrations.Count(r => r.AssemblyId == a.Id)))
            .ToListAsync(ct);
        return new Page<AssemblySummary>(items, p, size, total);
    }

    /// <summary>
    /// Who is credentialed now, and how they attend. Everyone-registered: in person once checked in at the venue's
    /// door (with no venue, a confirmed account), remotely with a confirmed account. Delegates: those their group
    /// named who accepted, and whom the committee seated. Either way the committee's latest decision on a member
    /// overrides; deleted accounts are out.
    /// </summary>
    public IQueryable<RollEntry> Credentialed(Assembly a) =>
        from r in db.AssemblyRegistrations
        where r.AssemblyId == a.Id
        join u in db.Users on r.MemberId equals u.Id
        where u.DeletedAt == null
        let decision = db.CredentialDecisions.Where(d => d.AssemblyId == a.Id && d.MemberId == r.MemberId).OrderByDescending(d => d.Id).Select(d => (bool?)d.Seated).FirstOrDefault()
        where decision == true || (decision == null && u.EmailConfirmed && (a.CredentialRule == CredentialRule.Registered
            ? r.Attendance == Attendance.Remote || a.EventId == null
                || db.Rsvps.Any(x => x.EventId == a.EventId && x.MemberId == r.MemberId && x.Status == RsvpStatus.Confirmed && x.CheckedInAt != null)
            : db.DelegateNominations.Any(n => n.AssemblyId == a.Id && n.MemberId == r.MemberId && n.AcceptedAt != null
                // within the group's seats (whatever raced a new allocation), and still in the group that named them
                && db.DelegateAllocations.Any(x => x.AssemblyId == a.Id && x.GroupId == n.GroupId && x.Seats >= n.Slot)
                && db.Memberships.Any(g => g.GroupId == n.GroupId && g.MemberId == n.MemberId))))
        select new RollEntry { MemberId = r.MemberId, Attendance = r.Attendance };

    public async Task<AssemblyView?> ReadAsync(string idOrSlug, ClaimsPrincipal viewer, CancellationToken ct)
    {
        if (await FindAsync(idOrSlug, ct) is not { } a) return null;
        var me = viewer.MemberId();
        var officers = (await db.AssemblyOfficers.AsNoTracking().Where(o => o.AssemblyId == a.Id && (o.AcceptedAt != null || o.MemberId == me))
            .Join(db.Users, o => o.MemberId, u => u.Id, (o, u) => new { o.MemberId, o.Role, o.AcceptedAt, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .OrderByDescending(o => o.Role).ThenBy(o => o.DisplayName).ToListAsync(ct))
            .Select(o => new OfficerView(o.MemberId, MemberNames.Public(o.DisplayName, o.ShowFullName, o.DeletedAt, o.Moderation), o.Role, o.AcceptedAt is not null)).ToList();
        var motions = await db.Motions.AsNoTracking().Where(m => m.AssemblyId == a.Id).OrderBy(m => m.Number)
            .Select(m => new { m.AgendaItemId, Summary = new MotionSummary(m.Id, m.Number, m.Title, m.Kind, "", m.Status, m.Roll, m.Voted, m.Status == MotionStatus.Closed ? m.Passed : null), m.Method })
            .ToListAsync(ct);
        var summaries = motions.Select(m => (m.AgendaItemId, Summary: m.Summary with { Method = Grassroots.Ballots.Counting.MotionMethods.Code(m.Method) })).ToList();
        var agenda = (await db.AgendaItems.AsNoTracking().Where(i => i.AssemblyId == a.Id).OrderBy(i => i.Position).ToListAsync(ct))
            .Select(i => new AgendaItemView(i.Id, i.Position, i.Title, i.Description, summaries.Where(m => m.AgendaItemId == i.Id).Select(m => m.Summary).ToList())).ToList();
        var other = summaries.Where(m => m.AgendaItemId is null || agenda.All(i => i.Id != m.AgendaItemId)).Select(m => m.Summary).ToList();
        var venue = a.EventId is { } e ? await db.Events.AsNoTracking().Where(x => x.Id == e).Select(x => new VenueView(x.Id, x.Slug, x.Title)).SingleOrDefaultAsync(ct) : null;
        var registered = await db.AssemblyRegistrations.CountAsync(r => r.AssemblyId == a.Id, ct);
        var credentialed = await Credentialed(a).CountAsync(ct);
        return new AssemblyView(a.Id, a.Slug, a.Name, a.Description, a.StartsAt, a.EndsAt, a.TimeZone, venue, a.StreamUrl, StreamEmbed.PlayerFor(a.StreamUrl),
            a.CredentialRule, registered, credentialed, officers.Where(o => o.Accepted).ToList(), agenda, other, me is { } id ? await PlaceAsync(a, id, officers, ct) : null);
    }

    private async Task<MyPlace> PlaceAsync(Assembly a, Guid me, List<OfficerView> officers, CancellationToken ct)
    {
        var registration = await db.AssemblyRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.AssemblyId == a.Id && r.MemberId == me, ct);
        var officer = officers.FirstOrDefault(o => o.MemberId == me);
        var rsvp = a.EventId is { } e ? await db.Rsvps.AsNoTracking().Where(r => r.EventId == e && r.MemberId == me && r.Status != RsvpStatus.Cancelled).Select(r => new { r.Id, r.CheckedInAt }).FirstOrDefaultAsync(ct) : null;
        var credentialed = registration is not null && await Credentialed(a).AnyAsync(r => r.MemberId == me, ct);
        var decision = await db.CredentialDecisions.AsNoTracking().Where(d => d.AssemblyId == a.Id && d.MemberId == me).OrderByDescending(d => d.Id).Select(d => (bool?)d.Seated).FirstOrDefaultAsync(ct);
        var confirmed = await db.Users.AnyAsync(u => u.Id == me && u.EmailConfirmed, ct);
        var named = await db.DelegateNominations.AsNoTracking().Where(n => n.AssemblyId == a.Id && n.MemberId == me)
            .Join(db.Groups, n => n.GroupId, g => g.Id, (n, g) => new { g.Name, n.AcceptedAt }).SingleOrDefaultAsync(ct);
        LocalizedString? reason = registration is null ? null
            : credentialed ? (decision == true ? l["The credentials committee seated you."]
                : a.CredentialRule == CredentialRule.Delegates ? l["You are a delegate of {0}.", named?.Name ?? ""]
                : registration.Attendance == Attendance.Remote ? l["You vote remotely with your confirmed account."] : l["You were checked in at the door."])
            : decision == false ? l["The credentials committee unseated you; its reason is in the log."]
            : a.CredentialRule == CredentialRule.Electorate ? l["Each endorsement vote here has its own roll: the members who vote in the candidate's district."]
            : a.CredentialRule == CredentialRule.Delegates ? l["Only delegates vote here: named by their groups from the published allocation, or seated by the credentials committee."]
            : !confirmed ? l["Confirm your email address to be credentialed."]
            : l["Check in at the venue's door to be credentialed."];
        return new MyPlace(registration?.Attendance, credentialed, reason?.Value, officer is { Accepted: true } ? officer.Role : null, officer is { Accepted: false }, rsvp?.Id,
            named?.Name, named?.AcceptedAt is not null);
    }

    /// <summary>Registers (or changes how) the member attends. In person also RSVPs them to the venue, whose door check-in credentials them.</summary>
    public async Task<Outcome> RegisterAsync(ClaimsPrincipal actor, Guid assemblyId, RegistrationInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (input.Attendance is not { } attendance || !Enum.IsDefined(attendance))
            return Outcome.Invalid("attendance", l["Choose how you attend: in person or remotely."]);
        if (await db.Assemblies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assemblyId, ct) is not { } a) return Outcome.NotFound;
        if (clock.GetUtcNow() > a.EndsAt) return Outcome.Invalid("attendance", l["This assembly is over."]);
        // In person means on the venue's list, whose door credentials: that comes first, and a refusal (full, started)
        // is the member's to see. No client key: a key anyone could predict could be planted by someone else.
        if (attendance == Attendance.InPerson && a.EventId is { } venue
            && !await db.Rsvps.AnyAsync(r => r.EventId == venue && r.MemberId == me && r.Status != RsvpStatus.Cancelled, ct)
            && await rsvping.RsvpAsync(actor, venue, new RsvpInput(), null, ct) is { Outcome.Kind: not OutcomeKind.Ok } refused)
        {
            var why = refused.Outcome.Errors?.ToDictionary().Values.SelectMany(v => v).FirstOrDefault() ?? refused.Outcome.Detail ?? l["You can't do that."];
            return Outcome.Invalid("attendance", l["We could not put you on the venue's list: {0} You can register remotely.", why]);
        }
        var existing = await db.AssemblyRegistrations.SingleOrDefaultAsync(r => r.AssemblyId == assemblyId && r.MemberId == me, ct);
        if (existing is null) db.AssemblyRegistrations.Add(new AssemblyRegistration { AssemblyId = assemblyId, MemberId = me, Attendance = attendance, RegisteredAt = clock.GetUtcNow() });
        else existing.Attendance = attendance;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); }   // a parallel registration won: it is the same registration
        return Outcome.Ok;
    }

    public async Task<Outcome> UnregisterAsync(ClaimsPrincipal actor, Guid assemblyId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var removed = await db.AssemblyRegistrations.Where(r => r.AssemblyId == assemblyId && r.MemberId == me).ExecuteDeleteAsync(ct);
        return removed == 0 ? Outcome.NotFound : Outcome.Ok;
    }

    /// <summary>A creator asks a member to chair. Nothing of the role is theirs until they accept; the log says both.</summary>
    public async Task<Outcome> AskChairAsync(ClaimsPrincipal actor, Guid assemblyId, OfficerInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (!await db.Assemblies.AnyAsync(a => a.Id == assemblyId, ct)) return Outcome.NotFound;
        if (await RoleAsync(assemblyId, me, ct) != AssemblyRole.Creator) return Outcome.Refused(l["Only the assembly's creators may name chairs."]);
        // Only someone registered can be asked: no inviting strangers by id.
        if (input.MemberId is not { } who || !await db.AssemblyRegistrations.AnyAsync(r => r.AssemblyId == assemblyId && r.MemberId == who
                && db.Users.Any(u => u.Id == who && u.DeletedAt == null && u.EmailConfirmed), ct))
            return Outcome.Invalid("memberId", l["Only someone registered for the assembly (with a confirmed account) can be asked to chair."]);
        if (await db.AssemblyOfficers.AnyAsync(o => o.AssemblyId == assemblyId && o.MemberId == who, ct))
            return Outcome.Invalid("memberId", l["They are already an officer of this assembly, or were already asked."]);
        if (await db.AssemblyOfficers.CountAsync(o => o.AssemblyId == assemblyId && o.Role == AssemblyRole.Chair, ct) >= MaxChairs)
            return Outcome.Invalid("memberId", l["An assembly has at most {0} chairs.", MaxChairs]);
        var now = clock.GetUtcNow();
        db.AssemblyOfficers.Add(new AssemblyOfficer { AssemblyId = assemblyId, MemberId = who, Role = AssemblyRole.Chair, NamedById = me, NamedAt = now });
        Log(assemblyId, me, "chair.asked", await db.Users.PublicNameAsync(who, ct));
        // Told once, with the question: the notice commits with it.
        var a = await db.Assemblies.AsNoTracking().Where(x => x.Id == assemblyId).Select(x => new { x.Slug, x.Name }).SingleAsync(ct);
        await AssemblyInvitations.TellAsync(db, who, a.Slug, now, new Dictionary<string, string> { ["role"] = "chair", ["assembly"] = a.Name }, me, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); return Outcome.Invalid("memberId", l["They are already an officer of this assembly, or were already asked."]); }
        return Outcome.Ok;
    }

    public async Task<Outcome> AnswerChairAsync(ClaimsPrincipal member, Guid assemblyId, bool accept, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        var asked = await db.AssemblyOfficers.SingleOrDefaultAsync(o => o.AssemblyId == assemblyId && o.MemberId == me && o.AcceptedAt == null, ct);
        if (asked is null) return Outcome.NotFound;
        if (accept) asked.AcceptedAt = clock.GetUtcNow();
        else db.AssemblyOfficers.Remove(asked);
        Log(assemblyId, me, accept ? "chair.accepted" : "chair.declined", await db.Users.PublicNameAsync(me, ct));
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A creator removes a chair (or withdraws the question); a chair may step down. Creators stay.</summary>
    public async Task<Outcome> RemoveChairAsync(ClaimsPrincipal actor, Guid assemblyId, Guid memberId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (me != memberId && await RoleAsync(assemblyId, me, ct) != AssemblyRole.Creator) return Outcome.Refused(l["Only the assembly's creators may remove chairs."]);
        var chair = await db.AssemblyOfficers.SingleOrDefaultAsync(o => o.AssemblyId == assemblyId && o.MemberId == memberId && o.Role == AssemblyRole.Chair, ct);
        if (chair is null) return Outcome.NotFound;
        db.AssemblyOfficers.Remove(chair);
        Log(assemblyId, me, "chair.removed", await db.Users.PublicNameAsync(memberId, ct));
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>The credentials committee (creators and chairs) seats or unseats a registered member, with a reason in the public log.</summary>
    public async Task<Outcome> DecideCredentialAsync(ClaimsPrincipal actor, Guid assemblyId, CredentialInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (!await db.Assemblies.AnyAsync(a => a.Id == assemblyId, ct)) return Outcome.NotFound;
        if (await RoleAsync(assemblyId, me, ct) is null) return Outcome.Refused(l["Only the credentials committee (the assembly's creators and chairs) may seat or unseat members."]);
        if (await credentialRules.ValidateAsync(input, ct) is { IsValid: false } invalid) return Outcome.Invalid(FieldErrors.From(invalid));
        var who = input.MemberId!.Value;
        if (!await db.AssemblyRegistrations.AnyAsync(r => r.AssemblyId == assemblyId && r.MemberId == who, ct))
            return Outcome.Invalid("memberId", l["Only a registered member can be seated: ask them to register first."]);
        var reason = ConventionText.Line(input.Reason);
        db.CredentialDecisions.Add(new CredentialDecision { AssemblyId = assemblyId, MemberId = who, Seated = input.Seated!.Value, Reason = reason, DecidedById = me, At = clock.GetUtcNow() });
        Log(assemblyId, me, input.Seated!.Value ? "credential.seated" : "credential.unseated", $"{await db.Users.PublicNameAsync(who, ct)}: {reason}");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<(AgendaItem? Item, Outcome Outcome)> AddAgendaItemAsync(ClaimsPrincipal actor, Guid assemblyId, AgendaItemInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (!await db.Assemblies.AnyAsync(a => a.Id == assemblyId, ct)) return (null, Outcome.NotFound);
        if (await RoleAsync(assemblyId, me, ct) is null) return (null, Outcome.Refused(l["Only the assembly's creators and chairs may change the agenda."]));
        if (await agendaRules.ValidateAsync(input, ct) is { IsValid: false } invalid) return (null, Outcome.Invalid(FieldErrors.From(invalid)));
        var count = await db.AgendaItems.CountAsync(i => i.AssemblyId == assemblyId, ct);
        if (count >= MaxAgendaItems) return (null, Outcome.Invalid("title", l["An agenda holds at most {0} items.", MaxAgendaItems]));
        var item = new AgendaItem { AssemblyId = assemblyId, Position = count + 1, Title = ConventionText.Line(input.Title), Description = ConventionText.Clean(input.Description) };
        db.AgendaItems.Add(item);
        Log(assemblyId, me, "agenda.added", $"{item.Position}. {item.Title}");
        await db.SaveChangesAsync(ct);
        return (item, Outcome.Ok);
    }

    /// <summary>Everyone registered, alphabetically, each with whether they are credentialed now: the public roll.</summary>
    public async Task<Roll?> RollAsync(string idOrSlug, int? page, int? pageSize, CancellationToken ct)
    {
        if (await FindAsync(idOrSlug, ct) is not { } a) return null;
        var (p, size) = Paging.Clamp(page, pageSize);
        var credentialed = Credentialed(a).Select(r => r.MemberId);
        var query = from r in db.AssemblyRegistrations.AsNoTracking()
                    where r.AssemblyId == a.Id
                    join u in db.Users on r.MemberId equals u.Id
                    where u.DeletedAt == null
                    select new { r.MemberId, r.Attendance, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation, Credentialed = credentialed.Contains(r.MemberId) };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(x => x.DisplayName).ThenBy(x => x.MemberId).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(x => new RollMember(x.MemberId, MemberNames.Public(x.DisplayName, x.ShowFullName, x.DeletedAt, x.Moderation), x.Attendance, x.Credentialed)).ToList();
        return new Roll(new Page<RollMember>(items, p, size, total), await credentialed.CountAsync(ct), total);
    }

    public async Task<Page<AssemblyLogView>> LogAsync(Guid assemblyId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.AssemblyLog.AsNoTracking().Where(e => e.AssemblyId == assemblyId);
        var total = await query.CountAsync(ct);
        var rows = await query.Join(db.Users, e => e.ActorId, u => u.Id, (e, u) => new { e.Id, e.At, e.Action, e.Detail, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Page<AssemblyLogView>(rows.Select(e => new AssemblyLogView(e.At, MemberNames.Public(e.DisplayName, e.ShowFullName, e.DeletedAt, e.Moderation), e.Action, e.Detail)).ToList(), p, size, total);
    }
}
