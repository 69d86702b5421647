using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

/// <summary>
/// A member who deletes their account stays in each conversation as a number, as an imported Pol.is participant
/// is: their statements (others voted on them) and votes (the map counts them) stay, tied to no one. A conversation
/// they started on no document had them as its only moderator: it closes (its statements, votes and map stay), since
/// nobody would read new statements or moderate them out. One on a document keeps the document's facilitators.
/// </summary>
internal sealed class LeavingConversations(AppDbContext db) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        await db.ConversationParticipants.Where(p => p.MemberId == memberId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MemberId, (Guid?)null), ct);
        await db.Conversations.Where(c => c.CreatedById == memberId && c.DocumentId == null && c.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Open, false), ct);
    }
}
