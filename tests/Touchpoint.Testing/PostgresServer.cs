using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Touchpoint.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server for the test run: initdb and pg_ctl from the system's binaries in a temp
/// folder, on a free loopback port, stopped when the process exits. Set TOUCHPOINT_TEST_POSTGRES to a connection
/// string to use an existing server instead. It never skips: if no server can be had, tests fail loudly.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnection;
    private static string? _dataDir;
    private static string? _root;

    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _adminConnection ??= Environment.GetEnvironmentVariable("TOUCHPOINT_TEST_POSTGRES") is { Length: > 0 } given ? given : await StartAsync();
            return _adminConnection;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database for one test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL binaries (initdb, pg_ctl) were not found in /usr/local/bin, /usr/lib/postgresql/*/bin or PATH. " +
            "Install PostgreSQL or set TOUCHPOINT_TEST_POSTGRES to a connection string.");
        var root = Path.Combine(Path.GetTempPath(), "tp-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        _root = root;
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", $"postgres:postgres {root}", asPostgres: false);
        _dataDir = Path.Combine(root, "data");
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {_dataDir} -U postgres -A trust -E UTF8 --no-locale", asRoot);
        // fsync off and a small shared buffer: a test server needs speed, not durability.
        var opts = $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {_dataDir} -l {root}/server.log -o \"{opts}\" -w start", asRoot);
        var pgCtl = Path.Combine(bin, "pg_ctl");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(pgCtl, asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private static void Stop(string pgCtl, bool asRoot)
    {
        if (_dataDir is null) return;
        try
        {
            RunAsync(pgCtl, $"-D {_dataDir} -m immediate -w stop", asRoot).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // The process is exiting; a server left behind is reaped with the temp folder.
        }
        // Each run's cluster holds up to a few GB of test databases: left behind, hundreds of runs filled the disk.
        try { if (_root is not null) Directory.Delete(_root, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a busy file; the temp folder reaps it */ }
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string> { "/usr/local/bin", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin" };
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task RunAsync(string file, string args, bool asPostgres)
    {
        var psi = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {args}")
            : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/tmp";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {args} failed with {p.ExitCode}: {await stderr} {await stdout}");
    }
}
