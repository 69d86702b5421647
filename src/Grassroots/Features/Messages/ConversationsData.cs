using Grassroots.Features.Messages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of conversations, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageThread> MessageThreads => Set<MessageThread>();
    public DbSet<Reply> Replies => Set<Reply>();
}
