using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Touchpoint.Data.Access;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Demo;
using Touchpoint.Data.Import;
using Touchpoint.Data.Store;

namespace Touchpoint.Cli;

/// <summary>
/// The services a command uses, as the web host registers them, on the store chosen by --provider/--connection,
/// else Store__Provider and ConnectionStrings__Touchpoint (environment or ./appsettings.json), else SQLite in ./data.
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private CliHost(ServiceProvider root)
    {
        _root = root;
        _scope = root.CreateAsyncScope();
    }

    public IServiceProvider Services => _scope.ServiceProvider;
    public StoreOptions Store => Services.GetRequiredService<StoreOptions>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Builds the services; unless told otherwise, brings the store's schema up to date first so a fresh file works.</summary>
    public static async Task<CliHost> StartAsync(ParseResult parse, CancellationToken ct, bool migrate = true)
    {
        var host = new CliHost(Build(StoreFrom(parse), Config(), parse.GetValue(Cli.Mirror)));
        if (migrate) await host.Get<StoreMigrator>().MigrateAsync(ct);
        return host;
    }

    private static IConfiguration Config() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static StoreOptions StoreFrom(ParseResult parse)
    {
        var config = Config();
        var provider = parse.GetValue(Cli.Provider) ?? config["Store:Provider"];
        var connection = parse.GetValue(Cli.Connection) ?? config.GetConnectionString("Touchpoint");
        return StoreOptions.From(provider, connection);
    }

    private static ServiceProvider Build(StoreOptions store, IConfiguration config, string? mirror)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning)
            // The CLI reports store failures itself, in one line; EF's own error logs would repeat them with SQL.
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
        services.AddSingleton(TimeProvider.System);
        services.AddTouchpointStore(store);
        services.AddSingleton<DemoLoader>();
        // The web host's mirror lives in its data directory, beside the SQLite file by default; the CLI finds the same
        // file, so a rebuild here repairs the web's mirror. Its background service is registered but never runs.
        var analytics = AnalyticsRegistration.OptionsFrom(config, config["Touchpoint:DataDirectory"] is { Length: > 0 } d ? d : DataDirectory(store));
        if (mirror is { Length: > 0 }) analytics.MirrorPath = mirror;
        services.AddJourneyAnalytics(analytics);
        services.AddScoped<EventFileImport>();
        services.AddScoped<CustomerFileImport>();
        services.AddIdentityCore<AppUser>(IdentityRules.Configure).AddEntityFrameworkStores<TouchpointDb>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static string DataDirectory(StoreOptions store)
    {
        if (store.Provider != StoreProvider.Sqlite) return "data";
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
        return Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } dir ? dir : "data";
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
    }
}
