using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Voice.Public;

namespace Touchpoint.Bench;

/// <summary>
/// The real server on loopback with the answer rate limit raised out of the way (every request comes from 127.0.0.1)
/// and one extra, bare endpoint at the very start of the pipeline: POST /bench/bare reads and parses the same JSON
/// body as an answer and returns 200 without touching the store — the ceiling of this server's HTTP stack.
/// </summary>
public sealed class AnswerBenchApp(StoreProvider provider) : TouchpointApp(provider)
{
    protected override bool UseRealServer => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
        builder.UseSetting("Voice:AnswersPerMinute", "100000000");
        builder.UseSetting("Voice:RunTriggers", "false");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, BareEndpoint>());
    }

    private sealed class BareEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (ctx, go) =>
            {
                if (ctx.Request.Path == "/bench/bare" && HttpMethods.IsPost(ctx.Request.Method))
                {
                    var input = await JsonSerializer.DeserializeAsync<PublicAnswerInput>(ctx.Request.Body, JsonSerializerOptions.Web, ctx.RequestAborted);
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync(input?.Answers?.Count > 0 ? """{"ok":true}""" : """{"ok":false}""", ctx.RequestAborted);
                    return;
                }
                await go();
            });
            next(app);
        };
    }
}

public sealed record IntakeResult(string Store, string Path, int Requests, double Seconds, int Failed)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Answer intake through the public answer endpoint (POST /api/v1/public/surveys/{id}/responses: validate, create the
/// anonymous invitation and the complete answer, evaluate the closed loop) by N concurrent clients on 127.0.0.1,
/// against the bare endpoint of the same server in the same run.
/// </summary>
public static class AnswerIntakeBenchmark
{
    public static async Task<IReadOnlyList<IntakeResult>> RunAsync(StoreProvider provider, int requests, int concurrency)
    {
        await using var app = new AnswerBenchApp(provider);
        await app.InitializeAsync();
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/surveys", new
        {
            name = "Bench NPS", allowAnonymous = true,
            definition = new { languages = new[] { "en" }, questions = new object[] { new { id = "nps", type = "nps", required = true, text = new { en = "Recommend us?" } } } },
        });
        var survey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await admin.PostAsync($"/api/v1/surveys/{survey}/publish", null)).EnsureSuccessStatusCode();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = app.BaseAddress };
        var name = provider == StoreProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var bare = await LoadAsync(http, "/bench/bare", requests, concurrency);
        var answers = await LoadAsync(http, $"/api/v1/public/surveys/{survey}/responses", requests, concurrency);
        return [new(name, "bare endpoint (parse the body, no store)", requests, bare.Seconds, bare.Failed),
                new(name, "public answer endpoint (anonymous, complete answer)", requests, answers.Seconds, answers.Failed)];
    }

    private static async Task<(double Seconds, int Failed)> LoadAsync(HttpClient http, string path, int requests, int concurrency)
    {
        async Task<int> OneAsync(int i)
        {
            var body = "{\"answers\":{\"nps\":{\"number\":" + (i % 11).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}},\"language\":\"en\"}";
            using var r = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            return r.IsSuccessStatusCode ? 0 : 1;
        }
        for (var i = 0; i < 200; i++) await OneAsync(i); // warm-up: JIT, connection pools, first queries
        var next = -1;
        var failed = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests) Interlocked.Add(ref failed, await OneAsync(i));
        }));
        return (sw.Elapsed.TotalSeconds, failed);
    }
}
