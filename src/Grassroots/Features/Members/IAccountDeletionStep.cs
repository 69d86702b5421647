namespace Grassroots.Features.Members;

/// <summary>
/// What a feature does when one of its members deletes their account, inside the deletion's
/// transaction (hand over what they ran, release what they held). Features register one each,
/// as they register flaggable content for moderation.
/// </summary>
public interface IAccountDeletionStep
{
    Task MemberLeavingAsync(Guid memberId, CancellationToken ct);
}
