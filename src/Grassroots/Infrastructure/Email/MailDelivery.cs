using System.Diagnostics.CodeAnalysis;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Grassroots.Infrastructure.Email;

/// <summary>What became of one message handed to <see cref="MailDelivery"/>.</summary>
public enum DeliveryResult
{
    /// <summary>The server took it (or it was written to the pickup folder).</summary>
    Sent,
    /// <summary>It cannot be built (an address or header MimeKit refuses): trying again cannot help.</summary>
    Invalid,
    /// <summary>The server refused this message for good (5xx to its recipient or its content).</summary>
    Refused,
    /// <summary>It did not go out this time (a 4xx, a dropped connection): try it again later, on its own.</summary>
    Deferred,
}

/// <param name="Error">Why, in full, for the outbox row (a server's reply may quote the address).</param>
/// <param name="Cause">Why, briefly and naming no address, for logs.</param>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error = null, string? Cause = null)
{
    public static readonly DeliveryOutcome Sent = new(DeliveryResult.Sent);
}

/// <summary>
/// Hands messages to SMTP (MailKit), or writes them as .eml files when no SMTP host is configured. One
/// bad message fails alone: only failing to reach the server holds back the rest of a batch.
/// </summary>
public sealed class MailDelivery(IOptions<EmailOptions> options)
{
    private readonly EmailOptions _o = options.Value;

    /// <summary>
    /// Whether a message can be addressed to <paramref name="address"/>. System.Net.Mail, and so the
    /// sign-up's validation, accepts addresses MimeKit refuses (<c>x.@example.net</c>).
    /// </summary>
    public static bool IsUsableAddress(string address, [NotNullWhen(false)] out string? error)
    {
        try
        {
            // The form SMTP sends (the domain IDN-encoded) must be buildable too.
            MailboxAddress.Parse(address).GetAddress(idnEncode: true);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is ParseException or ArgumentException or FormatException)
        {
            error = ex.Message;
            return false;
        }
    }

    public MimeMessage Build(OutboxMessage m) => Build(m, MailboxAddress.Parse(_o.From));

    private static MimeMessage Build(OutboxMessage m, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(m.To));
        message.Subject = m.Subject;
        message.MessageId = $"{m.Id:N}@grassroots";
        if (m.ReplyTo is not null)
            message.ReplyTo.Add(MailboxAddress.Parse(m.ReplyTo));
        if (m.UnsubscribeUrl is not null)
        {
            // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the link, no sign-in, no page.
            message.Headers.Add("List-Unsubscribe", $"<{m.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        if (m.Calendar is not null)
        {
            // An attachment every calendar opens (a METHOD:REQUEST inline part would make clients send RSVPs back).
            var ics = body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(m.Calendar), new ContentType("text", "calendar"));
            ics.ContentType.Parameters.Add("charset", "utf-8");
            ics.ContentType.Parameters.Add("method", "PUBLISH");
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Builds one message; anything MimeKit refuses in it is that message's fault alone, for good.</summary>
    private static bool TryBuild(OutboxMessage m, MailboxAddress from, [NotNullWhen(true)] out MimeMessage? message, [NotNullWhen(false)] out DeliveryOutcome? invalid)
    {
        (message, invalid) = (null, null);
        if (!IsUsableAddress(m.To, out var error))
        {
            invalid = new DeliveryOutcome(DeliveryResult.Invalid, $"The address cannot be used: {error}", "its address cannot be parsed");
            return false;
        }
        try
        {
            message = Build(m, from);
            return true;
        }
        catch (Exception ex) // building is in memory only: whatever fails here fails the same way every time
        {
            invalid = new DeliveryOutcome(DeliveryResult.Invalid, $"The message cannot be built: {ex.Message}", $"it cannot be built ({ex.GetType().Name})");
            return false;
        }
    }

    /// <summary>
    /// Hands the messages over one by one and reports each one's outcome to <paramref name="record"/> before
    /// the next is handed over: what the server took is recorded at once, so it is never sent again when a
    /// later message fails or the process dies in the middle of the batch. A message that cannot be built,
    /// or that the server refuses or defers, is reported alone and the batch goes on. Only failing to reach
    /// the server (down, refusing our credentials, a bad Email:From) throws; the messages not yet reported
    /// are then the caller's to retry.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<OutboxMessage> batch, Func<OutboxMessage, DeliveryOutcome, Task> record, CancellationToken ct)
    {
        var from = MailboxAddress.Parse(_o.From); // the operator's setting, not one message's fault: throws for the batch

        if (string.IsNullOrWhiteSpace(_o.SmtpHost))
        {
            var dir = _o.PickupDirectory; // made absolute in the data folder when the options are read
            Directory.CreateDirectory(dir);
            foreach (var m in batch)
            {
                if (!TryBuild(m, from, out var message, out var invalid)) { await record(m, invalid); continue; }
                await message.WriteToAsync(Path.Combine(dir, $"{m.CreatedAt:yyyyMMddHHmmss}-{m.Id:N}.eml"), ct);
                await record(m, DeliveryOutcome.Sent);
            }
            return;
        }

        var host = _o.SmtpHost;
        SmtpClient? client = null;
        try
        {
            foreach (var m in batch)
            {
                if (!TryBuild(m, from, out var message, out var invalid)) { await record(m, invalid); continue; }
                // A connection the server closed (a 421, a message it choked on) is opened again for the next
                // message; if that fails, the server is out of reach for all of them (thrown to the caller).
                if (client is not { IsConnected: true })
                {
                    client?.Dispose();
                    client = await ConnectAsync(host, ct);
                }
                await record(m, await HandOverAsync(client, message, ct));
            }
            if (client is { IsConnected: true })
                await client.DisconnectAsync(true, ct);
        }
        finally
        {
            client?.Dispose();
        }
    }

    private async Task<SmtpClient> ConnectAsync(string host, CancellationToken ct)
    {
        var client = new SmtpClient();
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(_o.SmtpSecurity, true, out var s) ? s : SecureSocketOptions.Auto;
            await client.ConnectAsync(host, _o.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(_o.SmtpUser))
                await client.AuthenticateAsync(_o.SmtpUser, _o.SmtpPassword ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one message on a working connection and says what became of it.</summary>
    private static async Task<DeliveryOutcome> HandOverAsync(SmtpClient client, MimeMessage message, CancellationToken ct)
    {
        try
        {
            await client.SendAsync(message, ct);
            return DeliveryOutcome.Sent;
        }
        // The server's answer about this message's recipient or content. 5xx refuses it for good, except 552,
        // which RFC 5321 (4.5.3.1.10) says to treat as temporary; 4xx asks to try again later.
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            var code = (int)ex.StatusCode;
            var what = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? "the recipient" : "the message";
            if (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                await client.DisconnectAsync(false, CancellationToken.None); // 421: the server is closing this connection
            var permanent = code is >= 500 and < 600 && ex.StatusCode != SmtpStatusCode.ExceededStorageAllocation;
            return new DeliveryOutcome(permanent ? DeliveryResult.Refused : DeliveryResult.Deferred,
                $"The server answered {code}: {ex.Message}", $"the server answered {code} to {what}");
        }
        // Refused credentials (530 to MAIL FROM or RCPT TO) concern every message: the batch waits.
        catch (ServiceNotAuthenticatedException)
        {
            throw;
        }
        // Anything else while this one message was handed over (MAIL FROM refused, a reply MailKit did not
        // expect, the connection dropped) is retried later for this message alone: if it was the server's
        // fault, reconnecting for the next message fails and the rest of the batch waits too.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var code = ex is SmtpCommandException command ? $" {(int)command.StatusCode}" : "";
            return new DeliveryOutcome(DeliveryResult.Deferred, ex.Message, $"{ex.GetType().Name}{code}");
        }
    }
}
