using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>Paths that end at a chosen touchpoint: only customers who reach it, each path cut at its first occurrence.</summary>
public abstract class PathsEndTypeTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task Paths_to_an_end_type_keep_only_customers_who_reach_it_and_show_no_drop_off()
    {
        var p = "pe" + Guid.NewGuid().ToString("N")[..8];
        string T(string s) => $"{p}.{s}";
        // c1: a b c d (cut after c); c2: a c; c3: a b b d (never reaches c); c4: a b b b c (c is 4 steps on, beyond depth 3).
        var journeys = new Dictionary<string, string[]> { ["c1"] = ["a", "b", "c", "d"], ["c2"] = ["a", "c"], ["c3"] = ["a", "b", "b", "d"], ["c4"] = ["a", "b", "b", "b", "c"] };
        var events = journeys.SelectMany(j => j.Value.Select((type, i) => new
        {
            id = $"{p}-{j.Key}-{i}", customerId = $"{p}-{j.Key}", type = T(type), occurredAt = new DateTimeOffset(2026, 3, 1, 10, i, 0, TimeSpan.Zero).ToString("O"),
        })).ToArray();
        var writer = await app.ClientWithRoleAsync(Roles.Analyst);
        Assert.Equal(events.Length, (await (await writer.PostAsync("/api/v1/events/batch", Json(new { events }), Ct)).ReadJsonAsync()).GetProperty("accepted").GetInt32());

        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        var toC = await (await viewer.GetAsync($"/api/v1/journeys/paths?startType={T("a")}&endType={T("c")}&depth=3&top=100", Ct)).ReadJsonAsync();
        var edges = toC.EnumerateArray().Select(t => (t.GetProperty("level").GetInt32(), t.GetProperty("from").GetString(), t.GetProperty("to").GetString(), t.GetProperty("customers").GetInt64()))
            .OrderBy(e => e.Item1).ThenBy(e => e.Item3, StringComparer.Ordinal).ToList();
        Assert.Equal([(1, T("a"), T("b"), 1L), (1, T("a"), T("c"), 1L), (2, T("b"), T("c"), 1L)], edges);

        // Without an end type every customer is there, and those whose events stop flow into (end).
        var all = await (await viewer.GetAsync($"/api/v1/journeys/paths?startType={T("a")}&depth=3&top=100", Ct)).ReadJsonAsync();
        Assert.Equal(4, all.EnumerateArray().Where(t => t.GetProperty("level").GetInt32() == 1).Sum(t => t.GetProperty("customers").GetInt64()));
        Assert.Contains(all.EnumerateArray(), t => t.GetProperty("to").GetString() == "(end)");

        var none = await (await viewer.GetAsync($"/api/v1/journeys/paths?startType={T("a")}&endType={T("zzz")}", Ct)).ReadJsonAsync();
        Assert.Empty(none.EnumerateArray());
    }
}

public sealed class PathsEndTypeOnSqlite(SqliteApp app) : PathsEndTypeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PathsEndTypeOnPostgres(PostgresApp app) : PathsEndTypeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
