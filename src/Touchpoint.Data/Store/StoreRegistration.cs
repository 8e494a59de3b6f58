using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Search;

namespace Touchpoint.Data.Store;

/// <summary>Registers the store for the chosen provider; the web host and the CLI share this.</summary>
public static class StoreRegistration
{
    public static IServiceCollection AddTouchpointStore(this IServiceCollection services, StoreOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == StoreProvider.Sqlite)
        {
            EnsureSqliteFolder(options.ConnectionString);
            services.AddDbContextFactory<SqliteTouchpointDb>(o => o.UseSqlite(options.ConnectionString).AddInterceptors(new SqliteBusyTimeout()));
            services.AddSingleton<TouchpointDbFactory>(sp => new TouchpointDbFactory(() => sp.GetRequiredService<IDbContextFactory<SqliteTouchpointDb>>().CreateDbContext()));
            services.AddSingleton<IEventWriter, SqliteEventWriter>();
            services.AddSingleton<IBulkCustomerResolver, SqliteBulkCustomerResolver>();
            services.AddSingleton(new IntakeWriteGate(singleWriter: true));
            services.AddSingleton<ICustomerSearch, SqliteCustomerSearch>();
            services.AddSingleton<ITicketSearch, SqliteTicketSearch>();
        }
        else
        {
            services.AddDbContextFactory<PostgresTouchpointDb>(o => o.UseNpgsql(options.ConnectionString));
            services.AddSingleton<TouchpointDbFactory>(sp => new TouchpointDbFactory(() => sp.GetRequiredService<IDbContextFactory<PostgresTouchpointDb>>().CreateDbContext()));
            services.AddSingleton<IEventWriter, PostgresEventWriter>();
            services.AddSingleton<IBulkCustomerResolver, PostgresBulkCustomerResolver>();
            services.AddSingleton(new IntakeWriteGate(singleWriter: false));
            services.AddSingleton<ICustomerSearch, PostgresCustomerSearch>();
            services.AddSingleton<ITicketSearch, PostgresTicketSearch>();
        }
        services.AddScoped<TouchpointDb>(sp => sp.GetRequiredService<TouchpointDbFactory>().Create());
        services.AddScoped<EventIngestion>();
        services.AddSingleton<StoreMigrator>();
        return services;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}

/// <summary>Makes a context for the configured provider; Blazor components and background work use it.</summary>
public sealed class TouchpointDbFactory(Func<TouchpointDb> create)
{
    public TouchpointDb Create() => create();
}
