namespace Grassroots.Features.Members;

/// <summary>
/// What a feature does when a member proves their address (the confirmation or a reset link): e.g. Events
/// files the RSVPs they made as a guest with that address under their account. Runs before the confirmation
/// is saved; it must be idempotent (a second proof finds nothing left to do).
/// </summary>
public interface IEmailConfirmedStep
{
    Task EmailConfirmedAsync(Guid memberId, string normalizedEmail, CancellationToken ct);
}
