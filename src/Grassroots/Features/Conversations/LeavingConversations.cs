using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

/// <summary>
/// A member who deletes their account stays in each conversation as a number, as an imported Pol.is participant
/// is: their statements (others voted on them) and votes (the map counts them) stay, tied to no one.
/// </summary>
internal sealed class LeavingConversations(AppDbContext db) : IAccountDeletionStep
{
    public Task MemberLeavingAsync(Guid memberId, CancellationToken ct) =>
        db.ConversationParticipants.Where(p => p.MemberId == memberId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MemberId, (Guid?)null), ct);
}
