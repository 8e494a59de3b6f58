using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;

namespace Touchpoint.Bench.Service;

public sealed record LoadResult(string Store, string Target, int Clients, long Requests, long Failures, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// The real server on loopback with one extra route for the benchmark: <c>GET /bench/bare</c>, answered by the first
/// middleware of the pipeline (no routing, authentication or store), the floor any request on this server pays.
/// </summary>
public sealed class LoadBenchApp(StoreProvider provider) : BenchApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, BareEndpoint>());
    }

    private sealed class BareEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (ctx, rest) =>
            {
                if (ctx.Request.Path == "/bench/bare")
                {
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync("{\"ok\":true}");
                    return;
                }
                await rest(ctx);
            });
            next(app);
        };
    }
}

/// <summary>
/// Ticket creation through the API under concurrent load: N clients on 127.0.0.1, each sending its next request as
/// soon as the last one is answered, for a fixed time after a warm-up; compared in the same run with the bare
/// endpoint and the liveness check of the same server. Client, server and (PostgreSQL) database share the machine.
/// </summary>
public static class TicketLoadBenchmark
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(StoreProvider store, int clients, double seconds)
    {
        await using var app = new LoadBenchApp(store);
        await app.InitializeAsync();
        var key = await app.CreateApiKeyAsync(Roles.Agent, "bench");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = app.BaseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var customers = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var r = await http.PostAsJsonAsync("/api/v1/customers", new { name = $"Load customer {i}", email = $"load{i}@bench.test" });
            r.EnsureSuccessStatusCode();
            customers.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        var name = store == StoreProvider.Sqlite ? "sqlite" : "postgres";
        var results = new List<LoadResult>();
        foreach (var (target, send) in new (string, Func<int, Task<HttpResponseMessage>>)[]
        {
            ("GET /bench/bare (first middleware: no auth, no store)", _ => http.GetAsync("/bench/bare")),
            ("GET /health/live (whole pipeline, no store)", _ => http.GetAsync("/health/live")),
            ("GET /api/v1/customers/{id} (API key, one store read)", n => http.GetAsync($"/api/v1/customers/{customers[n % customers.Count]}")),
            ("POST /api/v1/tickets (API key, validation, ticket + message + touchpoint)", n => http.PostAsJsonAsync("/api/v1/tickets", new
            {
                customerId = customers[n % customers.Count], subject = $"Order {n} has not arrived", channel = "email",
                message = "Hello, my parcel was due yesterday and the tracking page has not changed for three days. Can you check?",
            })),
        })
        {
            await DriveAsync(clients, TimeSpan.FromSeconds(2), send);   // warm-up: JIT, connection pool, store caches
            var (count, failures, elapsed, latencies) = await DriveAsync(clients, TimeSpan.FromSeconds(seconds), send);
            latencies.Sort();
            results.Add(new LoadResult(name, target, clients, count, failures, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99)));
        }
        return results;
    }

    private static async Task<(long Count, long Failures, double Seconds, List<double> LatenciesMs)> DriveAsync(int clients, TimeSpan duration,
        Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new List<double>[clients];
        long failures = 0, sequence = 0;
        var clock = Stopwatch.StartNew();
        var until = duration.TotalSeconds;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            while (clock.Elapsed.TotalSeconds < until)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                using var response = await send((int)Interlocked.Increment(ref sequence));
                await response.Content.LoadIntoBufferAsync();
                mine.Add(clock.Elapsed.TotalMilliseconds - started);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count, failures, elapsed, all);
    }

    /// <summary>Linear interpolation between closest ranks (as the service metrics do).</summary>
    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
