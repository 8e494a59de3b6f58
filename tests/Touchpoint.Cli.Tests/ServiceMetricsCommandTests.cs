using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Cli.Tests;

public abstract class ServiceMetricsCommandTests(Func<Task<CliStore>> newStore)
{
    [Fact]
    public async Task Service_metrics_prints_the_same_figures_as_json_csv_and_table_and_refuses_a_bad_date()
    {
        var store = await newStore();
        Assert.Equal(0, (await store.RunAsync("demo", "--customers", "40", "--seed", "5")).Exit);
        // The 60 local days up to the last demo ticket; the command reads days at Lisbon midnight (the default zone).
        var last = await store.QueryAsync(db => db.Tickets.MaxAsync(t => t.CreatedAtUtc));
        var lisbon = TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon");
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(last, lisbon));
        var (fromDay, toDay) = (lastDay.AddDays(-59), lastDay.AddDays(1));
        DateTime Utc(DateOnly d) => TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), lisbon);
        var (start, end) = (Utc(fromDay), Utc(toDay));
        var tickets = await store.QueryAsync(db => db.Tickets.CountAsync(t => t.MergedIntoId == null && t.CreatedAtUtc >= start && t.CreatedAtUtc < end));
        Assert.True(tickets > 0);
        var from = fromDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = toDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var json = await store.RunAsync("service", "metrics", "--from", from, "--to", to, "--group-by", "channel", "--json");
        Assert.True(json.Exit == 0, json.Err);
        var current = json.Json().GetProperty("current");
        Assert.Equal(tickets, current.GetProperty("total").GetProperty("ticketsCreated").GetInt32());
        Assert.Equal(tickets, current.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("metrics").GetProperty("ticketsCreated").GetInt32()));

        var csv = await store.RunAsync("service", "metrics", "--from", from, "--to", to, "--csv");
        Assert.Equal(0, csv.Exit);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period,from,to,group", lines[0]);
        var header = lines[0].Split(',');
        var created = Array.IndexOf(header, "tickets_created");
        Assert.True(created > 0, lines[0]);
        Assert.Equal(tickets.ToString(System.Globalization.CultureInfo.InvariantCulture), lines.Single(l => l.StartsWith("current,", StringComparison.Ordinal)).Split(',')[created]);

        // Average handle time: every demo ticket resolved in the period carries its agents' work sessions, and the
        // CSV and the JSON give the same mean.
        var total = json.Json().GetProperty("current").GetProperty("total");
        var aht = total.GetProperty("handleTime");
        Assert.Equal(total.GetProperty("ticketsResolved").GetInt32(), aht.GetProperty("count").GetInt32());
        var ahtColumn = Array.IndexOf(header, "handle_time_mean_s");
        var ahtCell = lines.Single(l => l.StartsWith("current,", StringComparison.Ordinal)).Split(',')[ahtColumn];
        if (aht.GetProperty("count").GetInt32() > 0)
            Assert.Equal(Math.Round(aht.GetProperty("meanSeconds").GetDouble(), 3), double.Parse(ahtCell, System.Globalization.CultureInfo.InvariantCulture), 3);

        var table = await store.RunAsync("service", "metrics", "--from", from, "--to", to);
        Assert.Contains($"tickets created", table.Out);
        Assert.Contains("average handle time", table.Out);

        var bad = await store.RunAsync("service", "metrics", "--from", "01/03/2026");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("--from: '01/03/2026' is not a date (yyyy-MM-dd)", bad.Err);
    }
}

public sealed class ServiceMetricsCommandOnSqlite() : ServiceMetricsCommandTests(SqliteStore.CreateAsync);

public sealed class ServiceMetricsCommandOnPostgres() : ServiceMetricsCommandTests(PostgresStore.CreateAsync);
