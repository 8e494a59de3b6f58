using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Metrics;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Cli.Tests;

/// <summary>
/// The real "Customer Support on Twitter" sample through `touchpoint import twitter`, and the service metrics on the
/// imported tickets checked against figures computed here, straight from the raw file.
///
/// What is compared, per brand: the number of conversations with a first response and the median first response time
/// in seconds (calendar time). The independent definition: a conversation is a set of tweets connected by
/// in_response_to_tweet_id or response_tweet_id links within the file; its tweets in time order (ties by tweet id);
/// the wait starts at its first customer tweet (inbound=True) and ends at the first brand tweet (inbound=False) after
/// it, whose author is the brand. The service metrics must give the same figures grouped by team (one team per brand).
/// </summary>
public abstract class TwitterImportTests(Func<Task<CliStore>> newStore)
{
    private static readonly string Sample = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/twitter-support/twcs_sample.csv"));

    [Fact]
    public async Task The_real_tweets_import_as_social_tickets_and_first_response_per_brand_matches_the_raw_file()
    {
        Assert.True(File.Exists(Sample), $"the shared data set is missing at {Sample}");
        var store = await newStore();
        var run = await store.RunAsync("import", "twitter", Sample, "--json");
        Assert.True(run.Exit == 0, run.Err);
        var json = run.Json();
        Assert.Equal(5000, json.GetProperty("rows").GetInt32());    // 5,001 lines of records, one tweet broken over three
        Assert.Equal(76, json.GetProperty("brands").GetInt32());

        var expected = Independent();
        var report = await store.QueryAsync(async db =>
        {
            var teams = await db.Teams.ToDictionaryAsync(t => t.Id.ToString(CultureInfo.InvariantCulture), t => t.Name);
            var r = await ServiceMetricsSource.ReportAsync(db, new ReportPeriod(new DateTime(2006, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
                ServiceGrouping.Team, BusinessCalendar.AlwaysOpen, SlaPolicy.Default, new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc), TestContext.Current.CancellationToken);
            return r.Current.Groups.Where(g => g.Metrics.FirstResponse.Count > 0)
                .ToDictionary(g => teams[g.Key], g => (g.Metrics.FirstResponse.Count, g.Metrics.FirstResponse.MedianSeconds!.Value));
        });
        Assert.Equal(expected.Keys.Order(), report.Keys.Order());
        foreach (var (brand, (count, median)) in expected)
        {
            Assert.Equal((brand, count), (brand, report[brand].Count));
            Assert.Equal((brand, median), (brand, report[brand].Value));
        }
        // The corpus answers span 2016-08 to 2017-11 (a few conversations reach back): the period covers them all.
        Assert.Equal(1311, expected.Values.Sum(v => v.Count) + await store.QueryAsync(db => db.Tickets.CountAsync(t => t.TeamId == null)));

        var again = await store.RunAsync("import", "twitter", Sample, "--json");
        Assert.Equal(0, again.Json().GetProperty("stored").GetInt32());
    }

    /// <summary>Per brand: (conversations answered, median first response in seconds), from the raw file only.</summary>
    private static Dictionary<string, (int Count, double Median)> Independent()
    {
        using var stream = File.OpenRead(Sample);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = true, AllowLineBreaksInQuotes = true, FieldCountMismatch = CsvFieldCountHandling.Allow });
        var raw = new List<string[]>();
        while (csv.Read()) raw.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        // The one tweet broken by a bare line break: a 6-field record, an empty line, then the rest of its text and links.
        var rows = new List<string[]>();
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i].All(string.IsNullOrEmpty)) continue;
            var r = raw[i];
            while (r.Length < 8) { var next = raw[++i]; if (next.All(string.IsNullOrEmpty)) continue; r = [.. r[..^1], r[^1] + "\n" + next[0], .. next[1..]]; }
            rows.Add(r);
        }
        static string? Id(string s) => s.Length == 0 ? null : ((long)double.Parse(s, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        var tweets = rows.Select(r => (Id: r[1], Author: r[2], Inbound: r[3] == "True",
            At: DateTimeOffset.ParseExact(r[4], "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture),
            Parent: Id(r[7]), Children: r[6].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Id).ToList())).ToList();
        var ids = tweets.Select(t => t.Id).ToHashSet();

        // Connected components by breadth-first search over the links in both directions.
        var neighbours = tweets.ToDictionary(t => t.Id, _ => new List<string>());
        foreach (var t in tweets)
            foreach (var other in t.Children.Append(t.Parent).OfType<string>().Where(ids.Contains))
            {
                neighbours[t.Id].Add(other);
                neighbours[other].Add(t.Id);
            }
        var byId = tweets.ToDictionary(t => t.Id);
        var seen = new HashSet<string>();
        var firstResponses = new List<(string Brand, double Seconds)>();
        foreach (var start in tweets.Select(t => t.Id))
        {
            if (!seen.Add(start)) continue;
            var component = new List<string> { start };
            for (var k = 0; k < component.Count; k++)
                foreach (var n in neighbours[component[k]].Where(seen.Add)) component.Add(n);
            var ordered = component.Select(c => byId[c]).OrderBy(t => t.At).ThenBy(t => long.Parse(t.Id, CultureInfo.InvariantCulture)).ToList();
            var first = ordered.FindIndex(t => t.Inbound);
            if (first < 0) continue;
            var reply = ordered.Skip(first + 1).FirstOrDefault(t => !t.Inbound);
            if (reply.Id is null) continue;
            firstResponses.Add((reply.Author, (reply.At - ordered[first].At).TotalSeconds));
        }
        return firstResponses.GroupBy(f => f.Brand).ToDictionary(g => g.Key, g =>
        {
            var s = g.Select(x => x.Seconds).Order().ToArray();
            var median = s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
            return (s.Length, median);
        });
    }
}

public sealed class TwitterImportOnSqlite() : TwitterImportTests(SqliteStore.CreateAsync);

public sealed class TwitterImportOnPostgres() : TwitterImportTests(PostgresStore.CreateAsync);
