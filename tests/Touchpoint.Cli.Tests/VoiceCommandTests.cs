using System.Text.Json;
using CsvHelper;

namespace Touchpoint.Cli.Tests;

/// <summary>
/// The real NPS verbatims (../shared/data/nps-verbatims, read in place): imported through the CLI, NPS by stage must
/// equal the figures computed here straight from the raw file with CsvHelper, by hand, not through the product's code.
/// </summary>
public abstract class VoiceCommandTests(Func<Task<CliStore>> newStore)
{
    private static string DataFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "nps-verbatims", "nps_verbatims.csv");
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new FileNotFoundException("../shared/data/nps-verbatims/nps_verbatims.csv not found above the test folder");
    }

    /// <summary>Per stage: promoters, passives, detractors and empty scores, counted from the raw CSV.</summary>
    private static Dictionary<string, (int P, int Pa, int D, int Empty)> Expected(string path)
    {
        var result = new Dictionary<string, (int, int, int, int)>();
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = true, AllowLineBreaksInQuotes = true });
        var h = csv.Headers.ToList();
        int stageAt = h.IndexOf("SURVEY_SUB_TYPE"), scoreAt = h.IndexOf("NPS_SCORE");
        while (csv.Read())
        {
            var stage = csv.GetString(stageAt).Trim();
            var (p, pa, d, e) = result.GetValueOrDefault(stage);
            var text = csv.GetString(scoreAt).Trim();
            if (text.Length == 0 || text == "NA") e++; // R writes a missing score as NA
            else
            {
                var s = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                if (s >= 9) p++; else if (s >= 7) pa++; else d++;
            }
            result[stage] = (p, pa, d, e);
        }
        return result;
    }

    [Fact]
    public async Task The_real_nps_file_imports_and_nps_by_stage_matches_the_raw_file()
    {
        var store = await newStore();
        var path = DataFile();
        var import = await store.RunAsync("voice", "import-nps", path, "--json");
        Assert.True(import.Exit == 0, import.Err + import.Out);
        var expected = Expected(path);
        var report = import.Json();
        Assert.Equal(expected.Values.Sum(v => v.P + v.Pa + v.D + v.Empty), report.GetProperty("imported").GetInt32());
        Assert.Equal(expected.Values.Sum(v => v.Empty), report.GetProperty("commentOnly").GetInt32());
        Assert.Equal(2385, report.GetProperty("rows").GetInt32());

        var again = await store.RunAsync("voice", "import-nps", path, "--json");
        Assert.Equal(0, again.Json().GetProperty("imported").GetInt32()); // idempotent

        var nps = await store.RunAsync("voice", "nps", "--by", "stage", "--json");
        Assert.True(nps.Exit == 0, nps.Err);
        var groups = nps.Json().GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!);
        Assert.Equal(expected.Keys.Order(), groups.Keys.Order());
        foreach (var (stage, (p, pa, d, _)) in expected)
        {
            var g = groups[stage];
            var n = p + pa + d;
            Assert.Equal(n, g.GetProperty("answers").GetInt32());
            Assert.Equal(100.0 * (p - d) / n, g.GetProperty("score").GetProperty("value").GetDouble(), 9);
            // 95% interval from the trinomial variance, computed here by hand.
            double pp = (double)p / n, dd = (double)d / n;
            var se = 100 * Math.Sqrt((pp + dd - (pp - dd) * (pp - dd)) / n);
            Assert.Equal(100 * (pp - dd) - 1.959963984540054 * se, g.GetProperty("score").GetProperty("low").GetDouble(), 6);
        }
        var months = await store.RunAsync("voice", "nps", "--by", "month", "--json");
        Assert.Contains(months.Json().GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "2018-03");
        var table = await store.RunAsync("voice", "nps", "--by", "segment");
        Assert.Contains("(none)", table.Out); // anonymous answers have no segment
    }

    [Fact]
    public async Task Response_rates_per_channel_come_out_as_json_and_as_a_table()
    {
        var store = await newStore();
        Assert.Equal(0, (await store.RunAsync("voice", "response-rates", "--json")).Exit); // creates the store
        var at = new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
        await store.QueryAsync(async db =>
        {
            var survey = new Touchpoint.Domain.Voice.Survey { Name = "CSAT", Kind = Touchpoint.Domain.Voice.SurveyKind.Csat, Status = Touchpoint.Domain.Voice.SurveyStatus.Live, CreatedAtUtc = at };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            Touchpoint.Domain.Voice.SurveyInvitation Inv(string channel, long? ticket, bool delivered, bool opened, bool answered) => new()
            {
                SurveyId = survey.Id, Token = Guid.NewGuid().ToString("N"), Channel = channel, TicketId = ticket, CreatedAtUtc = at, DueAtUtc = at, SentAtUtc = at,
                DeliveredAtUtc = delivered ? at : null, OpenedAtUtc = opened ? at : null,
                Status = answered ? Touchpoint.Domain.Voice.InvitationStatus.Answered : Touchpoint.Domain.Voice.InvitationStatus.Sent,
            };
            db.SurveyInvitations.AddRange(Inv("email", null, true, true, true), Inv("email", null, true, false, false), Inv("email", null, false, false, false),
                Inv("email", 41, true, true, true), Inv("chat", 42, true, true, false), Inv("widget", null, true, true, true));
            return await db.SaveChangesAsync();
        });

        var r = await store.RunAsync("voice", "response-rates", "--json");
        Assert.True(r.Exit == 0, r.Err);
        var channels = r.Json().GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal((3, 2, 1, 1), (channels["email"].GetProperty("sent").GetInt32(), channels["email"].GetProperty("delivered").GetInt32(),
            channels["email"].GetProperty("opened").GetInt32(), channels["email"].GetProperty("answered").GetInt32()));
        Assert.Equal((2, 1), (channels["after-solve"].GetProperty("sent").GetInt32(), channels["after-solve"].GetProperty("answered").GetInt32()));
        Assert.Equal(100.0, channels["widget"].GetProperty("rate").GetProperty("value").GetDouble());
        Assert.Equal(6, r.Json().GetProperty("overall").GetProperty("sent").GetInt32());

        var table = await store.RunAsync("voice", "response-rates");
        Assert.Contains("after-solve", table.Out);
        Assert.Contains("33.3", table.Out); // email: 1 of 3
        var bad = await store.RunAsync("voice", "response-rates", "--from", "2026-03-02", "--to", "2026-03-01");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("--to", bad.Err);
    }

    [Fact]
    public async Task A_missing_file_is_an_error()
    {
        var store = await newStore();
        var r = await store.RunAsync("voice", "import-nps", "/nonexistent/nps.csv");
        Assert.Equal(1, r.Exit);
        Assert.Contains("not found", r.Err);
    }
}

public sealed class VoiceCommandsOnSqlite() : VoiceCommandTests(SqliteStore.CreateAsync);

public sealed class VoiceCommandsOnPostgres() : VoiceCommandTests(PostgresStore.CreateAsync);
