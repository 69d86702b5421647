using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

public sealed record ExportedParticipation(Guid ConversationId, string Conversation, int Participant, DateTimeOffset JoinedAt);
public sealed record ExportedStatement(Guid ConversationId, string Conversation, int Statement, string Text, string Status, DateTimeOffset WrittenAt);
public sealed record ExportedStatementVote(Guid ConversationId, string Conversation, int Statement, string Text, string Vote, DateTimeOffset VotedAt);

/// <summary>
/// Conversations' part of a member's data export: the conversations they started, their number in each one they
/// took part in, their statements, and each of their votes with the statement's text (a vote alone says nothing).
/// </summary>
internal sealed class ConversationsPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var started = await db.Conversations.AsNoTracking().Where(c => c.CreatedById == memberId).OrderBy(c => c.CreatedAt)
            .Select(c => new { ConversationId = c.Id, Conversation = c.Topic, c.CreatedAt }).ToListAsync(ct);
        var mine = db.ConversationParticipants.AsNoTracking().Where(p => p.MemberId == memberId);
        var participation = await (from p in mine
                                   join c in db.Conversations on p.ConversationId equals c.Id
                                   orderby p.JoinedAt
                                   select new ExportedParticipation(c.Id, c.Topic, p.Number, p.JoinedAt)).ToListAsync(ct);
        var statements = await (from p in mine
                                join s in db.Statements on new { p.ConversationId, Number = p.Number } equals new { s.ConversationId, Number = s.AuthorNumber }
                                join c in db.Conversations on s.ConversationId equals c.Id
                                orderby s.CreatedAt
                                select new { c.Id, c.Topic, s.Number, s.Text, s.Status, s.CreatedAt }).ToListAsync(ct);
        var votes = await (from p in mine
                           join v in db.StatementVotes on new { p.ConversationId, Number = p.Number } equals new { v.ConversationId, Number = v.ParticipantNumber }
                           join s in db.Statements on new { v.ConversationId, Number = v.StatementNumber } equals new { s.ConversationId, s.Number }
                           join c in db.Conversations on v.ConversationId equals c.Id
                           orderby v.At
                           select new { c.Id, c.Topic, s.Number, s.Text, v.Value, v.At }).ToListAsync(ct);
        return
        [
            ("conversationsStarted", started),
            ("conversations", participation),
            ("statements", statements.Select(s => new ExportedStatement(s.Id, s.Topic, s.Number, s.Text, s.Status.ToString(), s.CreatedAt)).ToList()),
            ("statementVotes", votes.Select(v => new ExportedStatementVote(v.Id, v.Topic, v.Number, v.Text, v.Value switch { 1 => "Agree", -1 => "Disagree", _ => "Pass" }, v.At)).ToList()),
        ];
    }
}
