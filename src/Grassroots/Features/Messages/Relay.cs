using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Grassroots.Features.Messages;

/// <summary>What the relay answered a mail: taken, or refused with a reason (the SMTP reply code and text).</summary>
public sealed record RelayAnswer(bool Taken, int Code, string Why)
{
    public static readonly RelayAnswer Ok = new(true, 250, "Ok");
    public static RelayAnswer Refused(string why, int code = 550) => new(false, code, why);
}

/// <summary>
/// Mail that came back to a relay address: the token says which thread and which side; the envelope sender and
/// the From header must both be that person's own address (anyone can type a From, but the token went only to
/// them: together they keep a leaked address from being used by others); quoted history is cut off; the rest is
/// stored as a reply and sent on by <see cref="Replying"/>.
/// </summary>
public sealed partial class RelayInbox(AppDbContext db, RelayAddresses relay, Replying replying)
{
    public async Task<RelayAnswer> ReceiveAsync(string envelopeFrom, string recipient, MimeMessage mail, CancellationToken ct)
    {
        if (relay.Read(recipient) is not { } key) return RelayAnswer.Refused("No such mailbox.");
        var participant = await (from t in db.MessageThreads.AsNoTracking()
                                 where t.Id == key.ThreadId && t.MessageId == key.MessageId
                                 join m in db.Messages on t.MessageId equals m.Id
                                 select key.FromSender ? m.SenderId : t.MemberId).SingleOrDefaultAsync(ct);
        if (participant == Guid.Empty) return RelayAnswer.Refused("No such mailbox.");
        var address = await db.Users.AsNoTracking().Where(u => u.Id == participant && u.DeletedAt == null).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (address is null) return RelayAnswer.Refused("This conversation is closed.");
        var from = mail.From.Mailboxes.ToList();
        if (!Same(envelopeFrom, address) || from.Count != 1 || !Same(from[0].Address, address))
            return RelayAnswer.Refused("This address takes replies only from the person it was sent to.");

        var text = Strip(PlainText(mail));
        var outcome = await replying.ReplyAsync(key.MessageId, key.ThreadId, participant, text, Clip(mail.MessageId), ct);
        return outcome switch
        {
            { Outcome.Kind: OutcomeKind.Ok } => RelayAnswer.Ok,
            { Paced: true } => RelayAnswer.Refused("Too many replies this hour; try again later.", 450),
            { Outcome.Kind: OutcomeKind.Invalid } => RelayAnswer.Refused("The reply is empty once quoted text is removed, or too long."),
            { Outcome.Detail: { } why } => RelayAnswer.Refused(why),
            _ => RelayAnswer.Refused("This conversation does not take replies."),
        };
    }

    private static bool Same(string? a, string b) => a is not null && a.Trim().Equals(b, StringComparison.OrdinalIgnoreCase);

    private static string? Clip(string? messageId) => messageId is null ? null : messageId.Length > 998 ? messageId[..998] : messageId;

    private static string PlainText(MimeMessage mail)
    {
        if (mail.TextBody is { } plain) return plain;
        if (mail.HtmlBody is not { } html) return "";
        // A mail client that sent only HTML: drop its quoted block, then the tags.
        html = Regex.Replace(html, "<blockquote.*?</blockquote>", "", RegexOptions.Singleline | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        html = Regex.Replace(html, @"<br\s*/?>|</p>|</div>", "\n", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", "", RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    /// <summary>
    /// The new words of a reply: everything from the mail client's "On … wrote:" (or the Spanish "El … escribió:",
    /// or an "Original Message" rule) on is the quoted history, as are lines starting with "&gt;".
    /// </summary>
    public static string Strip(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (Attribution().IsMatch(line)) break;
            // Clients wrap a long attribution: "On Tue, …, Ana <…>" then "wrote:".
            if (i + 1 < lines.Length && AttributionStart().IsMatch(line) && lines[i + 1].TrimEnd().EndsWith("wrote:", StringComparison.OrdinalIgnoreCase)) break;
            if (line.TrimStart().StartsWith('>')) continue;
            kept.Add(line);
        }
        return string.Join('\n', kept).Trim();
    }

    [GeneratedRegex(@"^\s*((On|El)\s.*(wrote|escribió):|-{2,}\s*(Original Message|Mensaje original)\s*-{2,}|From:\s.*<[^>]*@[^>]*>)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\s*(On|El)\s", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();
}

/// <summary>
/// The relay's SMTP listener (the SmtpServer package): on only when Email:RelayPort is set. Recipients that are
/// not a relay address with a token that opens are refused at RCPT; each mail is handed to <see cref="RelayInbox"/>.
/// </summary>
public sealed class RelayListener(IServiceScopeFactory scopes, IOptions<RelayOptions> options, ILogger<RelayListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.RelayPort is not { } port) return;
        var smtpOptions = new SmtpServerOptionsBuilder().ServerName(string.IsNullOrWhiteSpace(o.RelayDomain) ? "localhost" : o.RelayDomain!)
            .MaxMessageSize(o.RelayMaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Parse(o.RelayListenAddress), port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(scopes, log));
        services.Add(new Recipients(scopes));
        var server = new SmtpServer.SmtpServer(smtpOptions, services);
        log.LogInformation("Relay listening for replies on {Address}:{Port}", o.RelayListenAddress, port);
        await server.StartAsync(stoppingToken);
    }

    private sealed class Recipients(IServiceScopeFactory scopes) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            return Task.FromResult(scope.ServiceProvider.GetRequiredService<RelayAddresses>().Read(to.AsAddress()) is not null);
        }
    }

    private sealed class Store(IServiceScopeFactory scopes, ILogger log) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                using var stream = new MemoryStream(buffer.ToArray());
                var mail = await MimeMessage.LoadAsync(stream, cancellationToken);
                RelayAnswer? answer = null;
                foreach (var to in transaction.To)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var inbox = scope.ServiceProvider.GetRequiredService<RelayInbox>();
                    var one = await inbox.ReceiveAsync(transaction.From?.AsAddress() ?? "", to.AsAddress(), mail, cancellationToken);
                    if (answer is null || !one.Taken) answer = one;
                }
                answer ??= RelayAnswer.Refused("No recipient.");
                return answer.Taken ? SmtpResponse.Ok : new SmtpResponse((SmtpReplyCode)answer.Code, answer.Why);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The relay could not take a mail");
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Try again later.");
            }
        }
    }
}
