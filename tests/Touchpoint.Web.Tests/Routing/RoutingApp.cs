using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Service.Channels.Email;
using Touchpoint.Web.Tests.Channels.Support;

namespace Touchpoint.Web.Tests.Routing;

/// <summary>
/// The app with every channel's door open (SMTP receiver on a free loopback port, a social webhook secret) and the
/// routing timer off, so tests drive the scheduler's passes themselves with a clock they control.
/// </summary>
public class RoutingApp(StoreProvider provider) : TouchpointApp(provider)
{
    public const string WebhookSecret = "routing-webhook-secret-0123456789";
    public int SmtpPort { get; } = LoopbackPort.Free();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.GetRequiredService<SmtpReceiverService>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Touchpoint:Email:Receiver:Enabled", "true");
        builder.UseSetting("Touchpoint:Email:Receiver:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:Social:WebhookSecret", WebhookSecret);
        builder.UseSetting("Touchpoint:Routing:ScanSeconds", "0");
    }
}

public sealed class SqliteRoutingApp() : RoutingApp(StoreProvider.Sqlite);

public sealed class PostgresRoutingApp() : RoutingApp(StoreProvider.Postgres);

/// <summary>
/// A second process on the first one's store (a restart, or a second server behind a load balancer): shares nothing
/// with the first but the database.
/// </summary>
public sealed class SecondProcess(TouchpointApp first) : TouchpointApp(first.Provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Touchpoint", first.ConnectionString);
        builder.UseSetting("Touchpoint:Routing:ScanSeconds", "0");
    }
}

/// <summary>A clock the test sets: the scheduler's "now".</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
