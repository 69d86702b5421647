using System.Diagnostics.Metrics;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// The movement's own counters, next to ASP.NET Core's request metrics (exported at /metrics and,
/// when configured, over OTLP): what operators watch to see it working.
/// </summary>
public sealed class GrassrootsMetrics
{
    public const string MeterName = "Grassroots";

    public GrassrootsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        EmailsSent = meter.CreateCounter<long>("grassroots.email.sent", description: "Emails handed to the mail server or pickup folder");
        EmailsFailed = meter.CreateCounter<long>("grassroots.email.failed", description: "Email send attempts that failed and will be retried");
        EmailsUndeliverable = meter.CreateCounter<long>("grassroots.email.undeliverable",
            description: "Emails given up on, by reason (invalid: cannot be built; refused: the server said no for good; attempts: out of retries); the outbox keeps each with its error");
        GroupsFounded = meter.CreateCounter<long>("grassroots.groups.founded", description: "Groups founded");
        MembershipsJoined = meter.CreateCounter<long>("grassroots.groups.joined", description: "Members who joined a group");
    }

    public Counter<long> EmailsSent { get; }
    public Counter<long> EmailsFailed { get; }
    public Counter<long> EmailsUndeliverable { get; }
    public Counter<long> GroupsFounded { get; }
    public Counter<long> MembershipsJoined { get; }
}
