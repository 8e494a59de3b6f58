using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Voice;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The mirror's answers table, which friction measures its NPS and CSAT outcomes on: an answer is mirrored once it
/// is complete, with its final score, even when the watermark passed it while it was still being answered; and a
/// mirror file of an older schema (no answers, no values) is rebuilt rather than read.
/// </summary>
public abstract class MirrorAnswersTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private (AnalyticsMirror Mirror, AnalyticsOptions Options) NewMirror(string path)
    {
        var options = new AnalyticsOptions { MirrorPath = path, BatchSize = 500 };
        return (new AnalyticsMirror(new AnalyticsDatabase(options), options, app.Services.GetRequiredService<StoreOptions>(),
            app.Services.GetRequiredService<TouchpointDbFactory>(), TimeProvider.System, NullLogger<AnalyticsMirror>.Instance), options);
    }

    private static string TempMirror() => TestTemp.File("analytics.duckdb");

    [Fact]
    public async Task A_partial_answer_is_mirrored_with_its_final_score_once_complete()
    {
        var path = TempMirror();
        var (mirror, options) = NewMirror(path);
        long responseId, later;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var now = DateTime.UtcNow;
            var customer = new Customer { Name = "Partial Answerer", CreatedAtUtc = now };
            var survey = new Survey { Name = "Mirror NPS " + Guid.NewGuid().ToString("N")[..6], Kind = SurveyKind.Nps, Status = SurveyStatus.Live, CreatedAtUtc = now };
            db.AddRange(customer, survey);
            await db.SaveChangesAsync(Ct);
            var partial = new SurveyResponse { SurveyId = survey.Id, CustomerId = customer.Id, Score = 3, Channel = "web", AnsweredAtUtc = now };
            db.SurveyResponses.Add(partial);
            await db.SaveChangesAsync(Ct);
            // A later, complete answer moves the watermark past the partial one.
            var done = new SurveyResponse { SurveyId = survey.Id, CustomerId = customer.Id, Score = 9, Channel = "web", AnsweredAtUtc = now, CompletedAtUtc = now };
            db.SurveyResponses.Add(done);
            await db.SaveChangesAsync(Ct);
            (responseId, later) = (partial.Id, done.Id);
        }
        await mirror.CatchUpAsync(Ct);
        Assert.Null(await ScoreAsync(options, responseId));
        Assert.Equal(9, await ScoreAsync(options, later));

        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
            await db.SurveyResponses.Where(r => r.Id == responseId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Score, 10).SetProperty(r => r.CompletedAtUtc, DateTime.UtcNow), Ct);
        await NewMirror(path).Mirror.CatchUpAsync(Ct); // a restarted mirror still knows what it is waiting for
        Assert.Equal(10, await ScoreAsync(options, responseId));
        await NewMirror(path).Mirror.CatchUpAsync(Ct);
        Assert.Equal(1, await CountAsync(options, $"SELECT count(*) FROM answers WHERE id = {responseId}"));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task A_mirror_file_of_an_older_schema_is_rebuilt_with_values()
    {
        var path = TempMirror();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var old = new DuckDBConnection($"Data Source={path}"))
        {
            await old.OpenAsync(Ct);
            await using var cmd = old.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE events (id BIGINT, customer_id BIGINT, type VARCHAR, channel VARCHAR, ts TIMESTAMP, properties VARCHAR);
                CREATE TABLE mirror_state (name VARCHAR PRIMARY KEY, value BIGINT);
                INSERT INTO mirror_state VALUES ('schema_version', 2), ('events', 0), ('customers', 0);
                INSERT INTO events VALUES (1, 1, 'stale.event', 'web', TIMESTAMP '2020-01-01', NULL);
                """;
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        long stored, valued;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var customer = new Customer { Name = "Valued Shopper", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync(Ct);
            db.Events.Add(new TouchpointEvent
            {
                ClientEventId = "mirror-value-" + Guid.NewGuid().ToString("N"), CustomerId = customer.Id, Type = "order.placed", Channel = "web",
                OccurredAtUtc = DateTime.UtcNow, ReceivedAtUtc = DateTime.UtcNow, Source = "test", Value = 12.5m,
            });
            await db.SaveChangesAsync(Ct);
            stored = await db.Events.LongCountAsync(Ct);
            valued = await db.Events.LongCountAsync(e => e.Value != null, Ct);
        }
        var (mirror, options) = NewMirror(path);
        await mirror.CatchUpAsync(Ct);
        Assert.Equal(stored, await CountAsync(options, "SELECT count(*) FROM events"));
        Assert.Equal(0, await CountAsync(options, "SELECT count(*) FROM events WHERE type = 'stale.event'"));
        Assert.Equal(valued, await CountAsync(options, "SELECT count(*) FROM events WHERE value IS NOT NULL"));
        Assert.Equal(1, await CountAsync(options, "SELECT count(*) FROM events WHERE value = 12.5"));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private async Task<int?> ScoreAsync(AnalyticsOptions options, long id)
    {
        await using var conn = await new AnalyticsDatabase(options).OpenAsync(Ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT score FROM answers WHERE id = {id}";
        var v = await cmd.ExecuteScalarAsync(Ct);
        return v is null or DBNull ? null : Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> CountAsync(AnalyticsOptions options, string sql)
    {
        await using var conn = await new AnalyticsDatabase(options).OpenAsync(Ct);
        return await AnalyticsDatabase.ScalarAsync(conn, sql, Ct);
    }
}

public sealed class MirrorAnswersOnSqlite(SqliteApp app) : MirrorAnswersTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class MirrorAnswersOnPostgres(PostgresApp app) : MirrorAnswersTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>The background mirror stands aside while batches keep arriving, but never for longer than a minute.</summary>
public sealed class MirrorPacingTests
{
    [Theory]
    [InlineData(10_000, 1_000, true)]    // intake quiet for 10 s: catch up
    [InlineData(500, 5_000, false)]      // a batch half a second ago: give way
    [InlineData(500, 60_000, true)]      // but not for more than a minute
    [InlineData(1_999, 59_999, false)]
    [InlineData(2_000, 0, true)]
    public void The_background_catch_up_gives_way_to_busy_intake_for_at_most_a_minute(long sinceBatch, long sinceCatchUp, bool expected) =>
        Assert.Equal(expected, MirrorPacing.ShouldCatchUp(sinceBatch, sinceCatchUp));
}
