using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Grassroots.CrashTest;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package) that records every Message-ID it
/// accepts and when. It answers each message after <c>delay</c>, like a slow relay, so that the app
/// is usually in the middle of a batch when it is killed.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public int Port { get; }
    /// <summary>Every accepted message, in order: its Message-ID and when it was accepted.</summary>
    public ConcurrentQueue<(string MessageId, DateTimeOffset At)> Accepted { get; } = new();

    public MailSink(TimeSpan delay)
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        Port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this, delay));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(5)); } catch { /* shutting down */ }
    }

    private sealed class Store(MailSink sink, TimeSpan delay) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            // Recorded before the answer: once the client hears 250 the message counts as delivered.
            sink.Accepted.Enqueue((message.MessageId ?? "", DateTimeOffset.UtcNow));
            return SmtpResponse.Ok;
        }
    }
}
