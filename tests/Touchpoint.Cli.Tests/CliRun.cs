using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Testing;

namespace Touchpoint.Cli.Tests;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement;
}

/// <summary>A fresh, empty store for one test, and a way to run the CLI against it and look inside.</summary>
public abstract class CliStore
{
    public abstract StoreOptions Options { get; }

    public string[] StoreArgs => ["--provider", Options.Provider == StoreProvider.Sqlite ? "sqlite" : "postgres", "--connection", Options.ConnectionString];

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Cli.RunAsync([.. args, .. StoreArgs], stdout, stderr, TestContext.Current.CancellationToken);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a query against the store, outside the CLI, to check what it wrote.</summary>
    public async Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> query)
    {
        await using var sp = new ServiceCollection().AddTouchpointStore(Options).BuildServiceProvider();
        await using var db = sp.GetRequiredService<TouchpointDbFactory>().Create();
        return await query(db);
    }
}

public sealed class SqliteStore : CliStore
{
    public override StoreOptions Options { get; } = StoreOptions.From("sqlite",
        $"Data Source={TestTemp.File("cli.db")}");

    public static Task<CliStore> CreateAsync() => Task.FromResult<CliStore>(new SqliteStore());
}

public sealed class PostgresStore(string connection) : CliStore
{
    public override StoreOptions Options { get; } = StoreOptions.From("postgres", connection);

    public static async Task<CliStore> CreateAsync() => new PostgresStore(await PostgresServer.CreateDatabaseAsync("cli"));
}

/// <summary>Writes test input files into a temp folder.</summary>
public static class TestFiles
{
    public static string Write(string name, string content)
    {
        var dir = TestTemp.Folder("cli-files");
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }
}
