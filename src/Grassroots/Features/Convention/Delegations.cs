using System.Security.Claims;
using FluentValidation;
using Grassroots.Ballots.Apportionment;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention;

/// <summary>
/// Delegates by a published rule: an assembly's creators publish how many seats there are and how many confirmed
/// members a group needs; the seats are shared among the groups that have them in proportion to their confirmed
/// members (<see cref="LargestRemainder"/>), counted at that moment and published as a table. Each group's
/// organizers name its delegates from its members, and a named member is a delegate only once they accept.
/// The credentials committee still has the last word on anyone (its latest decision overrides).
/// </summary>
public sealed class Delegations(AppDbContext db, Assemblies assemblies, Access access, TimeProvider clock, IValidator<AllocationInput> rules, IStringLocalizer<SharedResource> l)
{
    public const int MaxNominees = 500;

    /// <summary>Confirmed members (email confirmed, account not deleted) of each group in the directory (not hidden by a jury).</summary>
    private IQueryable<GroupCount> Counts() =>
        from m in db.Memberships
        join u in db.Users on m.MemberId equals u.Id
        where u.EmailConfirmed && u.DeletedAt == null
        join g in db.Groups on m.GroupId equals g.Id
        where g.HiddenAt == null
        group m by m.GroupId into byGroup
        select new GroupCount { GroupId = byGroup.Key, Members = byGroup.Count() };

    // An initializer, not a constructor: the query filters and sorts on its members.
    private sealed class GroupCount { public Guid GroupId { get; init; } public int Members { get; init; } }

    /// <summary>
    /// Publishes (or, before the assembly starts, publishes again) the allocation. Delegates named to seats a group
    /// no longer has are withdrawn, latest named first, each in the log.
    /// </summary>
    public async Task<Outcome> PublishAsync(ClaimsPrincipal actor, Guid assemblyId, AllocationInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Assemblies.SingleOrDefaultAsync(a => a.Id == assemblyId, ct) is not { } a) return Outcome.NotFound;
        if (await assemblies.RoleAsync(assemblyId, me, ct) != AssemblyRole.Creator) return Outcome.Refused(l["Only the assembly's creators may publish the allocation of delegates."]);
        if (a.CredentialRule != CredentialRule.Delegates) return Outcome.Invalid("seats", l["Everyone registered votes in this assembly: there are no delegate seats to share."]);
        if (clock.GetUtcNow() >= a.StartsAt) return Outcome.Invalid("seats", l["The allocation is fixed once the assembly starts."]);
        if (await rules.ValidateAsync(input, ct) is { IsValid: false } invalid) return Outcome.Invalid(FieldErrors.From(invalid));
        var (seats, minimum) = (input.Seats!.Value, input.MinimumMembers!.Value);

        var counts = await Counts().Where(c => c.Members >= minimum).OrderBy(c => c.GroupId).ToListAsync(ct);
        var shares = LargestRemainder.Allocate(seats, counts.Select(c => (long)c.Members).ToList(), a.Id.ToByteArray(bigEndian: true));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.DelegateAllocations.Where(x => x.AssemblyId == assemblyId).ExecuteDeleteAsync(ct);
        db.DelegateAllocations.AddRange(counts.Select((c, i) => new DelegateAllocation { AssemblyId = assemblyId, GroupId = c.GroupId, Members = c.Members, Seats = shares[i] }));
        (a.DelegateSeats, a.MinimumMembers, a.AllocatedAt) = (seats, minimum, clock.GetUtcNow());
        assemblies.Log(assemblyId, me, "allocation.published", $"{seats} / {shares.Count(s => s > 0)} / {minimum}");

        var seatsOf = counts.Select((c, i) => (c.GroupId, Seats: shares[i])).ToDictionary(x => x.GroupId, x => x.Seats);
        // Each organizer of a group with seats hears of it: naming the delegates is theirs to do, on the delegates page.
        var withSeats = seatsOf.Where(x => x.Value > 0).Select(x => x.Key).ToList();
        var organizers = await db.Memberships.AsNoTracking().Where(m => m.Role == GroupRole.Organizer && withSeats.Contains(m.GroupId))
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.MemberId, m.GroupId, g.Name }).ToListAsync(ct);
        foreach (var o in organizers)
            await AssemblyInvitations.TellAsync(db, o.MemberId, a.Slug, clock.GetUtcNow(), new Dictionary<string, string>
            {
                ["role"] = "seats", ["assembly"] = a.Name, ["group"] = o.Name, ["seats"] = seatsOf[o.GroupId].ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, me, ct, "/delegates");
        var named = await db.DelegateNominations.Where(n => n.AssemblyId == assemblyId).ToListAsync(ct);
        foreach (var n in named.Where(n => n.Slot > seatsOf.GetValueOrDefault(n.GroupId)))
        {
            db.DelegateNominations.Remove(n);
            await LogWithdrawnAsync(assemblyId, me, n, await GroupNameAsync(n.GroupId, ct), ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    public async Task<AllocationView?> AllocationAsync(Guid assemblyId, int? page, int? pageSize, CancellationToken ct)
    {
        if (await db.Assemblies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assemblyId, ct) is not { } a) return null;
        var (p, size) = Paging.Clamp(page, pageSize);
        var rows = db.DelegateAllocations.AsNoTracking().Where(x => x.AssemblyId == assemblyId);
        var groups = await rows.CountAsync(ct);
        long members = groups == 0 ? 0 : await rows.SumAsync(x => (long)x.Members, ct);
        var items = await rows.Join(db.Groups, x => x.GroupId, g => g.Id, (x, g) => new { x.GroupId, g.Slug, g.Name, x.Members, x.Seats })
            .OrderByDescending(x => x.Seats).ThenByDescending(x => x.Members).ThenBy(x => x.Name).ThenBy(x => x.GroupId)
            .Skip((p - 1) * size).Take(size)
            .Select(x => new
            {
                x.GroupId, x.Slug, x.Name, x.Members, x.Seats,
                Accepted = db.DelegateNominations.Count(n => n.AssemblyId == assemblyId && n.GroupId == x.GroupId && n.AcceptedAt != null && n.Slot <= x.Seats),
            }).ToListAsync(ct);
        var table = items.Select(x => new AllocationRow(x.GroupId, x.Slug, x.Name, x.Members,
            members == 0 ? 0 : Math.Round((decimal)(a.DelegateSeats ?? 0) * x.Members / members, 3), x.Seats, x.Accepted)).ToList();
        return new AllocationView(a.DelegateSeats, a.MinimumMembers, a.AllocatedAt, groups, members, new Page<AllocationRow>(table, p, size, groups));
    }

    public async Task<DelegationView?> DelegationAsync(Guid assemblyId, Guid groupId, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var row = await db.DelegateAllocations.AsNoTracking().Where(x => x.AssemblyId == assemblyId && x.GroupId == groupId)
            .Join(db.Groups, x => x.GroupId, g => g.Id, (x, g) => new { g.Slug, g.Name, x.Seats }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var me = viewer.MemberId();
        // Shows the naming tools: the same rule the writes ask (organizers, not of a group a jury froze).
        var organizer = me is { } m && await db.Groups.Where(g => g.Id == groupId).Where(GroupPolicies.OrganizedBy(db.Memberships, m)).AnyAsync(ct);
        var delegates = (await db.DelegateNominations.AsNoTracking()
            .Where(n => n.AssemblyId == assemblyId && n.GroupId == groupId && (n.AcceptedAt != null || organizer || n.MemberId == me))
            .Join(db.Users, n => n.MemberId, u => u.Id, (n, u) => new { n.MemberId, n.Slot, n.AcceptedAt, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation })
            .OrderBy(n => n.Slot).ToListAsync(ct))
            .Select(n => new DelegateView(n.MemberId, MemberNames.Public(n.DisplayName, n.ShowFullName, n.DeletedAt, n.Moderation), n.AcceptedAt is not null)).ToList();
        return new DelegationView(groupId, row.Slug, row.Name, row.Seats, delegates, organizer);
    }

    /// <summary>The groups with seats the member organizes (where they may name delegates).</summary>
    public async Task<List<Guid>> OrganizedAsync(Guid assemblyId, Guid? me, CancellationToken ct) => me is not { } m ? [] :
        await db.DelegateAllocations.AsNoTracking().Where(x => x.AssemblyId == assemblyId && x.Seats > 0)
            .Join(db.Groups.Where(GroupPolicies.OrganizedBy(db.Memberships, m)), x => x.GroupId, g => g.Id, (x, g) => x.GroupId)
            .ToListAsync(ct);

    /// <summary>Whom the organizers may name: the group's confirmed members not named by any group for this assembly, by name.</summary>
    public async Task<List<NomineeView>> NomineesAsync(Guid assemblyId, Guid groupId, CancellationToken ct) =>
        (await db.Memberships.AsNoTracking().Where(m => m.GroupId == groupId
                && !db.DelegateNominations.Any(n => n.AssemblyId == assemblyId && n.MemberId == m.MemberId))
            .Join(db.Users.Where(u => u.EmailConfirmed && u.DeletedAt == null), m => m.MemberId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation, u.City, u.State, m.JoinedAt })
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(MaxNominees).ToListAsync(ct))
            .Select(u => new NomineeView(u.Id, MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation), u.City is null ? null : $"{u.City}, {u.State}", u.JoinedAt)).ToList();

    /// <summary>
    /// An organizer names a member of their group to one of its seats. The seat is the lowest free slot, and the
    /// (assembly, group, slot) key is unique: two organizers naming at once can't seat more than the group has.
    /// </summary>
    public async Task<Outcome> NameAsync(ClaimsPrincipal actor, Guid assemblyId, Guid groupId, NominationInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Assemblies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assemblyId, ct) is not { } a) return Outcome.NotFound;
        var seats = await db.DelegateAllocations.Where(x => x.AssemblyId == assemblyId && x.GroupId == groupId).Select(x => (int?)x.Seats).SingleOrDefaultAsync(ct);
        if (seats is null) return Outcome.NotFound;
        if (await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused) return refused;
        if (seats == 0) return Outcome.Invalid("memberId", l["This group has no delegate seats in the published allocation."]);
        if (clock.GetUtcNow() > a.EndsAt) return Outcome.Invalid("memberId", l["This assembly is over."]);
        if (input.MemberId is not { } who || !await db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == who
                && db.Users.Any(u => u.Id == who && u.EmailConfirmed && u.DeletedAt == null), ct))
            return Outcome.Invalid("memberId", l["Name a member of the group with a confirmed account."]);
        var groupName = await GroupNameAsync(groupId, ct);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await db.DelegateNominations.AsNoTracking().Where(n => n.AssemblyId == assemblyId && n.MemberId == who).Select(n => (Guid?)n.GroupId).SingleOrDefaultAsync(ct) is { } already)
                return Outcome.Invalid("memberId", already == groupId ? l["They are already named to one of the group's seats."] : l["Another group named them already: one person, one seat."]);
            var taken = await db.DelegateNominations.Where(n => n.AssemblyId == assemblyId && n.GroupId == groupId).Select(n => n.Slot).ToListAsync(ct);
            var slot = Enumerable.Range(1, seats.Value).FirstOrDefault(s => !taken.Contains(s));
            if (slot == 0) return Outcome.Invalid("memberId", l["Every seat of the group is named: withdraw someone first."]);
            var now = clock.GetUtcNow();
            db.DelegateNominations.Add(new DelegateNomination { AssemblyId = assemblyId, GroupId = groupId, MemberId = who, Slot = slot, NamedById = me, NamedAt = now });
            // The log names the group, not the person: who was named is public only once they accept.
            assemblies.Log(assemblyId, me, "delegate.named", groupName);
            await AssemblyInvitations.TellAsync(db, who, a.Slug, now, new Dictionary<string, string> { ["role"] = "delegate", ["assembly"] = a.Name, ["group"] = groupName }, me, ct);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); continue; } // another naming took the slot (or the person) first: look again
            // The allocation published again meanwhile, with fewer seats: the naming takes a seat the group no longer
            // has. Taken back (the credential query also counts only slots within the seats, whatever happens here).
            if (await db.DelegateAllocations.AnyAsync(x => x.AssemblyId == assemblyId && x.GroupId == groupId && x.Seats >= slot, ct)) return Outcome.Ok;
            await db.DelegateNominations.Where(n => n.AssemblyId == assemblyId && n.MemberId == who && n.Slot == slot).ExecuteDeleteAsync(ct);
            return Outcome.Invalid("memberId", l["Every seat of the group is named: withdraw someone first."]);
        }
        return Outcome.Invalid("memberId", l["Others are naming delegates of this group right now: try again."]);
    }

    /// <summary>The named member accepts (registering how they attend) or declines. Accepted, they are a delegate: credentialed.</summary>
    public async Task<Outcome> AnswerAsync(ClaimsPrincipal member, Guid assemblyId, DelegateAnswer input, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        var named = await db.DelegateNominations.SingleOrDefaultAsync(n => n.AssemblyId == assemblyId && n.MemberId == me, ct);
        if (named is null) return Outcome.NotFound;
        if (input.Accept is not { } accept) return Outcome.Invalid("accept", l["Say whether you accept."]);
        if (await db.Assemblies.AnyAsync(a => a.Id == assemblyId && a.EndsAt < clock.GetUtcNow(), ct)) return Outcome.Invalid("accept", l["This assembly is over."]);
        var groupName = await GroupNameAsync(named.GroupId, ct);
        if (!accept)
        {
            db.DelegateNominations.Remove(named);
            assemblies.Log(assemblyId, me, "delegate.declined", named.AcceptedAt is null ? groupName : $"{await db.Users.PublicNameAsync(me, ct)} ({groupName})");
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }
        if (named.AcceptedAt is not null) return Outcome.Ok;
        if (!await db.AssemblyRegistrations.AnyAsync(r => r.AssemblyId == assemblyId && r.MemberId == me, ct))
        {
            if (input.Attendance is null) return Outcome.Invalid("attendance", l["Choose how you attend: in person or remotely."]);
            if (await assemblies.RegisterAsync(member, assemblyId, new RegistrationInput(input.Attendance), ct) is { Kind: not OutcomeKind.Ok } refused) return refused;
        }
        named.AcceptedAt = clock.GetUtcNow();
        assemblies.Log(assemblyId, me, "delegate.accepted", $"{await db.Users.PublicNameAsync(me, ct)} ({groupName})");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>An organizer withdraws a delegate of their group, or the delegate steps down.</summary>
    public async Task<Outcome> WithdrawAsync(ClaimsPrincipal actor, Guid assemblyId, Guid groupId, Guid memberId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        // Who may ask comes first: a stranger learns nothing of whom a group named from a 403 against a 404.
        // Organizers of a frozen group may still withdraw (as they may detach a project): taking a seat back harms no one.
        if (me != memberId && await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organizer) is { Kind: not OutcomeKind.Ok })
            return Outcome.Refused(l["Only the group's organizers, or the delegate, may withdraw a delegate."]);
        var named = await db.DelegateNominations.SingleOrDefaultAsync(n => n.AssemblyId == assemblyId && n.GroupId == groupId && n.MemberId == memberId, ct);
        if (named is null) return Outcome.NotFound;
        db.DelegateNominations.Remove(named);
        await LogWithdrawnAsync(assemblyId, me, named, await GroupNameAsync(groupId, ct), ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A withdrawal in the log: with the delegate's name once they had accepted (it was public), the group's alone before.</summary>
    private async Task LogWithdrawnAsync(Guid assemblyId, Guid actor, DelegateNomination n, string groupName, CancellationToken ct) =>
        assemblies.Log(assemblyId, actor, "delegate.withdrawn", n.AcceptedAt is null ? groupName : $"{await db.Users.PublicNameAsync(n.MemberId, ct)} ({groupName})");

    private Task<string> GroupNameAsync(Guid groupId, CancellationToken ct) =>
        db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync(ct);
}
