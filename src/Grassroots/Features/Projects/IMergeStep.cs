namespace Grassroots.Features.Projects;

/// <summary>
/// What another feature holds of a project that moves when it is merged into another (Messages: the
/// messages to its volunteers), inside the merge's transaction. Features register one each, as they register
/// account deletion steps; the merge confirmation counts what they will move.
/// </summary>
public interface IMergeStep
{
    /// <summary>How many of this feature's items the merge would move (shown on the confirmation).</summary>
    Task<int> MovingAsync(Guid fromId, CancellationToken ct);

    Task MoveAsync(Guid fromId, Guid intoId, CancellationToken ct);
}
