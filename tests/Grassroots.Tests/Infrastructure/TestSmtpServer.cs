using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Grassroots.Tests.Infrastructure;

/// <summary>A real SMTP server (the SmtpServer package) on a loopback port; the app's MailKit client talks to it.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly Store _store = new();
    private readonly Recipients _recipients = new();

    public int Port { get; }
    public IReadOnlyCollection<MimeMessage> Received => _store.Messages;

    /// <summary>Messages this answers with 550 (mailbox unavailable) instead of taking them.</summary>
    public Func<MimeMessage, bool>? Refuse { get => _store.Refuse; set => _store.Refuse = value; }

    /// <summary>
    /// Recipients (RCPT TO) this answers with the reply code returned instead of taking them: 550 refuses the
    /// mailbox for good, 450 asks to try again later, 421 also closes the connection. Null takes the recipient.
    /// </summary>
    public Func<string, int?>? RefuseRecipient { get => _recipients.Refuse; set => _recipients.Refuse = value; }

    /// <summary>Every RCPT TO address the server was asked for, taken or not, in order.</summary>
    public IReadOnlyCollection<string> RecipientsAsked => _recipients.Asked;

    /// <param name="password">When set, the server requires AUTH (on the plain connection) and takes only this password.</param>
    public TestSmtpServer(int? port = null, string? password = null)
    {
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)
                .AuthenticationRequired(password is not null).AllowUnsecureAuthentication(password is not null)).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        services.Add(_recipients);
        if (password is not null) services.Add(new Password(password));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    /// <summary>Waits until a message to <paramref name="to"/> matching the predicate has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var found = _store.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (match?.Invoke(m) ?? true));
            if (found is not null) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email to {to} arrived at the SMTP server within the timeout. Received: {_store.Messages.Count}.");
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(5)); } catch { /* shutting down */ }
    }

    private sealed class Recipients : IMailboxFilter
    {
        public Func<string, int?>? Refuse { get; set; }
        public ConcurrentQueue<string> Asked { get; } = new();

        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            Asked.Enqueue(address);
            if (Refuse?.Invoke(address) is not { } code) return Task.FromResult(true);
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)code, "refused by the test"), quit: code == 421);
        }
    }

    private sealed class Password(string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string given, CancellationToken cancellationToken) => Task.FromResult(given == password);
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();
        public Func<MimeMessage, bool>? Refuse { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (Refuse?.Invoke(message) == true) return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
            Messages.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
