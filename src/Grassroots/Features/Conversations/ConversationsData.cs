using Grassroots.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of deliberations, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationParticipant> ConversationParticipants => Set<ConversationParticipant>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<StatementVote> StatementVotes => Set<StatementVote>();
    public DbSet<OpinionMapRow> OpinionMaps => Set<OpinionMapRow>();
}
