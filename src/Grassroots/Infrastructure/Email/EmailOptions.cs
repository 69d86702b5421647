namespace Grassroots.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Grassroots <no-reply@grassroots.local>";

    /// <summary>When empty, mail is written as .eml files to <see cref="PickupDirectory"/> instead of sent.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>"None", "StartTls", "SslOnConnect" or "Auto".</summary>
    public string SmtpSecurity { get; set; } = "Auto";

    /// <summary>A relative folder is taken inside the data folder (DataPath).</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int MaxAttempts { get; set; } = 12;
    public int BatchSize { get; set; } = 50;

    /// <summary>The public address of the site, used in links in emails (e.g. https://grassroots.example.org).</summary>
    public string? PublicBaseUrl { get; set; }
}
