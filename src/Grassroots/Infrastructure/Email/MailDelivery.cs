using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Grassroots.Infrastructure.Email;

/// <summary>Hands one message to SMTP (MailKit), or writes it as an .eml file when no SMTP host is configured.</summary>
public sealed class MailDelivery(IOptions<EmailOptions> options)
{
    private readonly EmailOptions _o = options.Value;

    public MimeMessage Build(OutboxMessage m)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_o.From));
        message.To.Add(MailboxAddress.Parse(m.To));
        message.Subject = m.Subject;
        message.MessageId = $"{m.Id:N}@grassroots";
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>
    /// Hands the messages over one by one and calls <paramref name="accepted"/> after each is taken, so
    /// the caller records it before the next: what the server already took is never sent again when a
    /// later message fails or the process dies in the middle of the batch.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<OutboxMessage> batch, Func<OutboxMessage, Task> accepted, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_o.SmtpHost))
        {
            var dir = _o.PickupDirectory; // made absolute in the data folder when the options are read
            Directory.CreateDirectory(dir);
            foreach (var m in batch)
            {
                await Build(m).WriteToAsync(Path.Combine(dir, $"{m.CreatedAt:yyyyMMddHHmmss}-{m.Id:N}.eml"), ct);
                await accepted(m);
            }
            return;
        }

        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(_o.SmtpSecurity, true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(_o.SmtpHost, _o.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(_o.SmtpUser))
            await client.AuthenticateAsync(_o.SmtpUser, _o.SmtpPassword ?? "", ct);
        foreach (var m in batch)
        {
            await client.SendAsync(Build(m), ct);
            await accepted(m);
        }
        await client.DisconnectAsync(true, ct);
    }
}
