namespace Touchpoint.Data.Store;

/// <summary>The two stores Touchpoint runs on: SQLite embedded (default) and PostgreSQL (production).</summary>
public enum StoreProvider { Sqlite, Postgres }

/// <summary>Store settings, bound from configuration section "Store" and "ConnectionStrings:Touchpoint".</summary>
public sealed class StoreOptions
{
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Connection string; for SQLite the default is a file under ./data/.</summary>
    public string ConnectionString { get; set; } = "";

    public const string DefaultSqlite = "Data Source=data/touchpoint.db";

    public static StoreOptions From(string? provider, string? connectionString)
    {
        var p = string.IsNullOrWhiteSpace(provider) ? StoreProvider.Sqlite
            : provider.Trim().ToLowerInvariant() switch
            {
                "sqlite" => StoreProvider.Sqlite,
                "postgres" or "postgresql" or "npgsql" => StoreProvider.Postgres,
                _ => throw new InvalidOperationException($"Unknown store provider '{provider}': use 'sqlite' or 'postgres'."),
            };
        var cs = string.IsNullOrWhiteSpace(connectionString)
            ? p == StoreProvider.Sqlite ? DefaultSqlite : throw new InvalidOperationException("ConnectionStrings:Touchpoint is required for PostgreSQL.")
            : connectionString;
        return new StoreOptions { Provider = p, ConnectionString = cs };
    }
}
