using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Convention;

public sealed record AssemblySummary(Guid Id, string Slug, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, int Registered);

public sealed record OfficerView(Guid MemberId, string Name, AssemblyRole Role, bool Accepted);

public sealed record AgendaItemView(Guid Id, int Position, string Title, string Description, IReadOnlyList<MotionSummary> Motions);

public sealed record MotionSummary(Guid Id, int Number, string Title, MotionKind Kind, string Method, MotionStatus Status, int Roll, int Voted, bool? Passed);

/// <summary>
/// What the viewer is to the assembly: registered how, credentialed or not and why, officer or not, asked to chair
/// (<see cref="Invited"/>), named a delegate by a group (<see cref="DelegateOf"/>, accepted or still to answer).
/// </summary>
public sealed record MyPlace(Attendance? Attendance, bool Credentialed, string? Why, AssemblyRole? Role, bool Invited, Guid? VenueRsvpId,
    string? DelegateOf = null, bool DelegateAccepted = false);

public sealed record VenueView(Guid Id, string Slug, string Title);

public sealed record AssemblyView(
    Guid Id, string Slug, string Name, string Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    VenueView? Venue, string? StreamUrl, string? StreamPlayer, CredentialRule CredentialRule, int Registered, int Credentialed,
    IReadOnlyList<OfficerView> Officers, IReadOnlyList<AgendaItemView> Agenda, IReadOnlyList<MotionSummary> OtherMotions, MyPlace? Me);

public sealed record RollMember(Guid MemberId, string Name, Attendance Attendance, bool Credentialed);

public sealed record AssemblyLogView(DateTimeOffset At, string Actor, string Action, string Detail);

public sealed record Roll(Page<RollMember> Members, int Credentialed, int Registered);

/// <summary>
/// A group's line of the published allocation: its exact share (<see cref="Quota"/>, seats × members ÷ all members,
/// rounded to three decimals; the seats are decided on integers) and the seats it got; how many delegates accepted
/// (who was named and has not answered is the group's business).
/// </summary>
public sealed record AllocationRow(Guid GroupId, string GroupSlug, string GroupName, int Members, decimal Quota, int Seats, int Accepted);

/// <summary>The published rule and its table. Null <see cref="Seats"/>: nothing published yet.</summary>
public sealed record AllocationView(int? Seats, int MinimumMembers, DateTimeOffset? PublishedAt, int Groups, long Members, Page<AllocationRow> Table);

public sealed record DelegateView(Guid MemberId, string Name, bool Accepted);

/// <summary>One group's delegation: its seats and whom it named. Pending namings are shown to the group's organizers and the person named only.</summary>
public sealed record DelegationView(Guid GroupId, string GroupSlug, string GroupName, int Seats, IReadOnlyList<DelegateView> Delegates, bool Organizer);

/// <summary>A member the organizers may name: confirmed, in the group, not named by any group yet; the place and join date tell two Anas apart (as on the group's members page).</summary>
public sealed record NomineeView(Guid MemberId, string Name, string? Place, DateTimeOffset JoinedAt);
