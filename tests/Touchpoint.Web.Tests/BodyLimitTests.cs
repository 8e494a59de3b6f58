using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The 10 MB body limit is Kestrel's, so it is proved on a real loopback server: the in-memory test server has no
/// body size limit and would let this test pass for the wrong reason.
/// </summary>
public abstract class BodyLimitTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task A_body_over_10_MB_is_a_413_problem_and_stores_nothing()
    {
        // HttpClient sends the body anyway when no interim answer comes within Expect100ContinueTimeout (1 s by
        // default); on a busy machine the 413 can take longer, and the upload then dies on a closed connection.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = app.BaseAddress };
        client.WithKey(await app.CreateApiKeyAsync(Roles.Admin));
        var before = await app.CountsAsync();
        var oneEvent = """{"id":"%ID%","customerId":"big","type":"page_view","occurredAt":"2026-03-01T10:00:00Z","properties":{"pad":"PAD"}}""";
        var pad = new string('x', 12 * 1024);
        var rows = Enumerable.Range(0, 900).Select(i => oneEvent.Replace("%ID%", "big-" + i, StringComparison.Ordinal).Replace("PAD", pad, StringComparison.Ordinal));
        var body = "{\"events\":[" + string.Join(",", rows) + "]}";
        Assert.True(body.Length > Extensions.MaxRequestBody);

        foreach (var path in new[] { "/api/v1/events/batch", "/api/v1/customers" })
        {
            // Expect: 100-continue, as careful clients send big bodies: the server refuses before the body is sent,
            // so the client reads the answer instead of failing on a connection closed mid-upload.
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
            request.Headers.ExpectContinue = true;
            var problem = await (await client.SendAsync(request, Ct)).ProblemAsync(413);
            Assert.Contains("10 MB", problem.Detail());
        }
        Assert.Equal(before, await app.CountsAsync());
    }
}

/// <summary>The app on SQLite, served by Kestrel on a loopback port.</summary>
public sealed class SqliteServerApp : SqliteApp
{
    protected override bool UseRealServer => true;
}

/// <summary>The app on PostgreSQL, served by Kestrel on a loopback port.</summary>
public sealed class PostgresServerApp : PostgresApp
{
    protected override bool UseRealServer => true;
}

public sealed class BodyLimitOnSqlite(SqliteServerApp app) : BodyLimitTests<SqliteServerApp>(app), IClassFixture<SqliteServerApp>;

public sealed class BodyLimitOnPostgres(PostgresServerApp app) : BodyLimitTests<PostgresServerApp>(app), IClassFixture<PostgresServerApp>;
