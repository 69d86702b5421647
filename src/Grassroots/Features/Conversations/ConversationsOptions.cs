namespace Grassroots.Features.Conversations;

/// <summary>Conversations' settings (section "Conversations").</summary>
public sealed class ConversationsOptions
{
    public const string Section = "Conversations";

    /// <summary>Statements one participant may write per hour in one conversation.</summary>
    public int StatementsPerHour { get; set; } = 10;
    /// <summary>The opinion map of a conversation is computed at most this often, however fast votes come.</summary>
    public TimeSpan RecomputeEvery { get; set; } = TimeSpan.FromSeconds(10);
}
