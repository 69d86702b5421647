namespace Grassroots.Features.Messages;

/// <summary>Limits on messages (Conversations section) and the relay that receives replies by mail (Email section).</summary>
public sealed class MessagesOptions
{
    public const string Section = "Messages";
    /// <summary>Messages one member may send (to groups and projects together) per hour.</summary>
    public int MessagesPerHour { get; set; } = 10;
    /// <summary>Replies one member may write per hour (on the site and by mail together).</summary>
    public int RepliesPerHour { get; set; } = 60;
}

public sealed class RelayOptions
{
    public const string Section = "Email";
    /// <summary>The domain of reply addresses (reply+token@domain); empty: mail carries no relay Reply-To.</summary>
    public string? RelayDomain { get; set; }
    /// <summary>The port the relay's SMTP listener takes mail on; unset: no listener.</summary>
    public int? RelayPort { get; set; }
    /// <summary>The address the listener binds to.</summary>
    public string RelayListenAddress { get; set; } = "0.0.0.0";
    /// <summary>The largest mail the relay takes, in bytes.</summary>
    public int RelayMaxMessageBytes { get; set; } = 256 * 1024;
}
