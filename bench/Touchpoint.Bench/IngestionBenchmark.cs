using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Bench;

public sealed record IngestionResult(string Store, string Path, int Events, double Seconds, int Stored)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>
/// Bulk event ingestion through the API batch endpoint and through the CLI, against the same store's raw bulk
/// insert of the same rows, all measured in one run on fresh stores.
/// </summary>
public static class IngestionBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task<List<IngestionResult>> RunAsync(StoreProvider store, int events, int concurrency)
    {
        var results = new List<IngestionResult>();
        var name = store == StoreProvider.Sqlite ? "SQLite" : "PostgreSQL";

        // Raw ceiling.
        await using (var app = new BenchApp(store))
        {
            await app.InitializeAsync();
            var rows = RawBaseline.Rows(SyntheticEvents.Generate(events, "raw"), DateTimeOffset.UtcNow);
            var sw = Stopwatch.StartNew();
            if (store == StoreProvider.Sqlite) RawBaseline.Sqlite(app.ConnectionString, rows);
            else await RawBaseline.PostgresAsync(app.ConnectionString, rows);
            results.Add(new IngestionResult(name, store == StoreProvider.Sqlite ? "raw prepared INSERT, one transaction" : "raw binary COPY", events, sw.Elapsed.TotalSeconds, await CountAsync(app)));
        }

        // API: 10,000 events per request, bodies serialised before the clock starts.
        await using (var app = new BenchApp(store))
        {
            await app.InitializeAsync();
            var bodies = SyntheticEvents.Generate(events, "api").Chunk(10_000)
                .Select(c => JsonSerializer.SerializeToUtf8Bytes(new { events = c }, Json)).ToList();
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateApiKeyAsync(Roles.Agent, "bench"));
            var sw = Stopwatch.StartNew();
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, ct) =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("/api/v1/events/batch", content, ct);
                response.EnsureSuccessStatusCode();
            });
            results.Add(new IngestionResult(name, $"API POST /api/v1/events/batch (10k per request, {concurrency} in flight)", events, sw.Elapsed.TotalSeconds, await CountAsync(app)));
        }

        // CLI: the real `touchpoint import events` process on a JSON-lines file.
        await using (var app = new BenchApp(store))
        {
            await app.InitializeAsync();
            var file = Path.Combine(Path.GetTempPath(), $"tp-bench-{Guid.NewGuid():N}.jsonl");
            await using (var w = new StreamWriter(file))
                foreach (var e in SyntheticEvents.Generate(events, "cli")) await w.WriteLineAsync(JsonSerializer.Serialize(e, Json));
            var cli = Path.Combine(AppContext.BaseDirectory, "touchpoint.dll");
            var sw = Stopwatch.StartNew();
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "import", "events", file, "--provider", store == StoreProvider.Sqlite ? "sqlite" : "postgres", "--connection", app.ConnectionString })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            var elapsed = sw.Elapsed.TotalSeconds;
            File.Delete(file);
            if (p.ExitCode != 0) throw new InvalidOperationException($"CLI import failed ({p.ExitCode}): {await stderr} {await stdout}");
            results.Add(new IngestionResult(name, "CLI `touchpoint import events` (JSON lines, process start included)", events, elapsed, await CountAsync(app)));
        }
        return results;
    }

    private static async Task<int> CountAsync(BenchApp app)
    {
        await using var db = ((IServiceProvider)app.Services).GetService(typeof(TouchpointDbFactory)) is TouchpointDbFactory f ? f.Create() : throw new InvalidOperationException();
        return db.Events.Count();
    }
}
