using Microsoft.AspNetCore.Hosting;
using Touchpoint.Data.Store;
using Touchpoint.Testing;

namespace Touchpoint.Bench;

/// <summary>The real server on a loopback port (or in process) over a fresh store, quiet logs, no demo data.</summary>
public class BenchApp(StoreProvider provider, bool realServer = true) : TouchpointApp(provider)
{
    protected override bool UseRealServer => realServer;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
    }
}
