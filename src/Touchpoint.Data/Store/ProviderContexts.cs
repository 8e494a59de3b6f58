using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Touchpoint.Data.Store;

/// <summary>The SQLite flavour of the model (its migrations live in Migrations/Sqlite).</summary>
public sealed class SqliteTouchpointDb(DbContextOptions<SqliteTouchpointDb> options) : TouchpointDb(options)
{
    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        base.ConfigureConventions(c);
        // SQLite has no decimal type; EF cannot sort or sum decimals stored as text, so money is a REAL there.
        c.Properties<decimal>().HaveConversion<double>();
        c.Properties<decimal?>().HaveConversion<double?>();
    }
}

/// <summary>The PostgreSQL flavour of the model (its migrations live in Migrations/Postgres).</summary>
public sealed class PostgresTouchpointDb(DbContextOptions<PostgresTouchpointDb> options) : TouchpointDb(options)
{
    public override StoreProvider Provider => StoreProvider.Postgres;
}

/// <summary>Used by `dotnet ef` only.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteTouchpointDb>
{
    public SqliteTouchpointDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTouchpointDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by `dotnet ef` only.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresTouchpointDb>
{
    public PostgresTouchpointDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTouchpointDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
