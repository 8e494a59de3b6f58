using System.CommandLine;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Cli.Commands;
using Touchpoint.Data.Import;

namespace Touchpoint.Cli;

/// <summary>
/// The `touchpoint` command line: builds the command tree and runs it with the given output writers, so tests run
/// it in-process. Exit codes: 0 success, 1 error (bad usage, missing file, store failure), 2 some rows rejected.
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int RowsRejected = 2;

    public static readonly Option<string?> Provider = new("--provider")
    {
        Description = "Store: sqlite or postgres (default: Store__Provider, else sqlite)",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "Connection string (default: ConnectionStrings__Touchpoint, else Data Source=data/touchpoint.db)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print results as JSON",
        Recursive = true,
    };

    public static readonly Option<string?> Mirror = new("--mirror")
    {
        Description = "DuckDB analytics mirror file (default: Analytics__MirrorPath, else analytics.duckdb beside the SQLite file, else data/analytics.duckdb)",
        Recursive = true,
    };

    static Cli() => Provider.AcceptOnlyFromAmong("sqlite", "postgres", "postgresql");

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var root = new RootCommand("Touchpoint: customer service and customer experience on one timeline.");
        root.Options.Add(Provider);
        root.Options.Add(Connection);
        root.Options.Add(Json);
        root.Options.Add(Mirror);
        var io = new CliIo(stdout, stderr);
        root.Subcommands.Add(ImportCommand.Create(io));
        root.Subcommands.Add(ExportCommand.Create(io));
        root.Subcommands.Add(DemoCommand.Create(io));
        root.Subcommands.Add(MigrateCommand.Create(io));
        root.Subcommands.Add(UsersCommand.Create(io));
        root.Subcommands.Add(ApiKeysCommand.Create(io));
        root.Subcommands.Add(VoiceCommand.Create(io));
        root.Subcommands.Add(ServiceCommand.Create(io));
        root.Subcommands.Add(SlaCommand.Create(io));
        root.Subcommands.Add(RoutingCommand.Create(io));
        root.Subcommands.Add(JourneysCommand.Create(io));
        root.Subcommands.Add(AnalyticsCommand.Create(io));
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, ct);
    }

    /// <summary>
    /// Runs a command body and turns the errors a user can cause or fix into one line on stderr and exit code 1.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Guarded(CliIo io, Func<ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, ct) =>
        {
            try
            {
                return await body(parse, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await io.Err.WriteLineAsync("Cancelled.");
                return Failed;
            }
            catch (Exception ex) when (Explain(ex) is { } message)
            {
                io.EndProgress();
                await io.Err.WriteLineAsync("error: " + message);
                return Failed;
            }
        };

    private static string? Explain(Exception ex) => ex switch
    {
        CliException or ImportFileException => ex.Message,
        FileNotFoundException f => $"file not found: {f.FileName ?? ex.Message}",
        DirectoryNotFoundException or UnauthorizedAccessException or IOException => ex.Message,
        DbUpdateException { InnerException: { } inner } => "the store refused the change: " + inner.Message,
        DuckDB.NET.Data.DuckDBException when ex.Message.Contains("Could not set lock", StringComparison.Ordinal) => MirrorInUse(ex.Message),
        DbException => "the store failed: " + ex.Message,
        InvalidOperationException { InnerException: DbException inner } => "the store failed: " + inner.Message,
        InvalidOperationException when ex.Message.Contains("store provider", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("ConnectionStrings", StringComparison.Ordinal) => ex.Message,
        ArgumentException when ex.Message.Contains("connection string", StringComparison.OrdinalIgnoreCase)
            || ex.StackTrace?.Contains("ConnectionString", StringComparison.Ordinal) == true => "bad connection string: " + ex.Message,
        _ => null,
    };

    /// <summary>DuckDB lets one process open a file; the web host keeps its mirror open for a minute after a question.</summary>
    private static string MirrorInUse(string message)
    {
        var held = System.Text.RegularExpressions.Regex.Match(message, @"Could not set lock on file ""([^""]+)"".*?\(PID (\d+)\)");
        var where = held.Success ? $"{held.Groups[1].Value} is open in another process (PID {held.Groups[2].Value})" : "is open in another process";
        return $"the analytics mirror {where}. The web host keeps its mirror open for a minute after each question: "
            + "ask again when it is idle, or give this command a mirror of its own with --mirror <file>.";
    }
}

/// <summary>A mistake the user can fix (bad option combination, unknown id); printed without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
