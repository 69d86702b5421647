using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Convention;

public sealed record AssemblySummary(Guid Id, string Slug, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, int Registered);

public sealed record OfficerView(Guid MemberId, string Name, AssemblyRole Role, bool Accepted);

public sealed record AgendaItemView(Guid Id, int Position, string Title, string Description, IReadOnlyList<MotionSummary> Motions);

public sealed record MotionSummary(Guid Id, int Number, string Title, MotionKind Kind, string Method, MotionStatus Status, int Roll, int Voted, bool? Passed);

/// <summary>What the viewer is to the assembly: registered how, credentialed or not and why, officer or not.</summary>
public sealed record MyPlace(Attendance? Attendance, bool Credentialed, string? Why, AssemblyRole? Role, bool Invited, Guid? VenueRsvpId);

public sealed record VenueView(Guid Id, string Slug, string Title);

public sealed record AssemblyView(
    Guid Id, string Slug, string Name, string Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    VenueView? Venue, string? StreamUrl, string? StreamPlayer, CredentialRule CredentialRule, int Registered, int Credentialed,
    IReadOnlyList<OfficerView> Officers, IReadOnlyList<AgendaItemView> Agenda, IReadOnlyList<MotionSummary> OtherMotions, MyPlace? Me);

public sealed record RollMember(Guid MemberId, string Name, Attendance Attendance, bool Credentialed);

public sealed record AssemblyLogView(DateTimeOffset At, string Actor, string Action, string Detail);

public sealed record Roll(Page<RollMember> Members, int Credentialed, int Registered);
