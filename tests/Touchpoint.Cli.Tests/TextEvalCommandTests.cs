using System.Text.Json;

namespace Touchpoint.Cli.Tests;

/// <summary>
/// The sentiment method measured on the real labelled files (../shared/data, read in place) through
/// `touchpoint voice text-eval`. The floors sit a little below the held-out figures in docs/text-analytics.md, so a
/// lexicon change that makes the method worse fails here.
/// </summary>
public sealed class TextEvalCommandTests
{
    private static string Shared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", relative);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new FileNotFoundException($"../shared/data/{relative} not found above the test folder");
    }

    [Fact]
    public async Task Sentiment_agrees_with_the_scores_of_real_reviews_and_nps_answers_above_the_floors()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Cli.RunAsync(["voice", "text-eval", "--olist", Shared("olist-sample/olist_order_reviews.csv"),
            "--nps", Shared("nps-verbatims/nps_verbatims.csv"), "--json"], stdout, stderr, TestContext.Current.CancellationToken);
        Assert.True(exit == 0, stderr.ToString());
        var results = JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("dataset").GetString()!);

        var olist = results["olist"];
        Assert.Equal(2562, olist.GetProperty("texts").GetInt32()); // every review with a comment
        var heldOut = olist.GetProperty("heldOut");
        Assert.Equal(1281, heldOut.GetProperty("n").GetInt32());
        Assert.True(heldOut.GetProperty("accuracy").GetDouble() >= 0.77, heldOut.ToString());
        Assert.True(heldOut.GetProperty("macroF1").GetDouble() >= 0.58, heldOut.ToString());
        Assert.Equal(1281, heldOut.GetProperty("confusion").EnumerateArray().Sum(r => r.EnumerateArray().Sum(c => c.GetInt32())));

        var nps = results["nps-verbatims"];
        Assert.Equal(2353, nps.GetProperty("texts").GetInt32()); // 2,385 answers less 32 without a score
        heldOut = nps.GetProperty("heldOut");
        Assert.True(heldOut.GetProperty("accuracy").GetDouble() >= 0.65, heldOut.ToString());
        Assert.True(heldOut.GetProperty("macroF1").GetDouble() >= 0.57, heldOut.ToString());
        Assert.True(heldOut.GetProperty("negativePrecision").GetDouble() >= 0.85, heldOut.ToString());
    }

    [Fact]
    public async Task Without_a_file_the_command_says_what_it_needs()
    {
        var stderr = new StringWriter();
        var exit = await Cli.RunAsync(["voice", "text-eval"], new StringWriter(), stderr, TestContext.Current.CancellationToken);
        Assert.Equal(1, exit);
        Assert.Contains("--olist", stderr.ToString());
    }
}
