using System.CommandLine;
using System.Globalization;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice.Text;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint voice text-eval --olist FILE --nps FILE [--misses N] [--json]`: measures the sentiment method against the
/// scores of real labelled text (docs/text-analytics.md). Needs no store. --misses prints wrongly labelled texts of
/// the tuning half only, for whoever curates the lexicon; the held-out half is never printed.
/// </summary>
internal static class TextEvalCommand
{
    public static Command Create(CliIo io)
    {
        var olist = new Option<FileInfo?>("--olist") { Description = "olist_order_reviews.csv (Portuguese comments, review_score 1-5)" };
        var nps = new Option<FileInfo?>("--nps") { Description = "nps_verbatims.csv (English comments, NPS_SCORE 0-10)" };
        var misses = new Option<int>("--misses") { Description = "Print this many wrongly labelled texts of the tuning half (even rows)", DefaultValueFactory = _ => 0 };
        var command = new Command("text-eval", "Measure the sentiment method against review and NPS scores: accuracy, macro F1, confusion matrix") { olist, nps, misses };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var files = new List<(string Name, string Language, string Truth, FileInfo File, Func<string, List<LabelledText>> Read)>();
            if (parse.GetValue(olist) is { } o) files.Add(("olist", "pt", "review score 1-2 negative, 3 neutral, 4-5 positive", o, LabelledTextFiles.ReadOlist));
            if (parse.GetValue(nps) is { } n) files.Add(("nps-verbatims", "en", "NPS 0-6 negative, 7-8 neutral, 9-10 positive", n, LabelledTextFiles.ReadNpsVerbatims));
            if (files.Count == 0) throw new CliException("give --olist FILE and/or --nps FILE");
            var results = new List<SentimentEvaluation>();
            foreach (var f in files)
            {
                if (!f.File.Exists) throw new FileNotFoundException("file not found", f.File.FullName);
                var texts = f.Read(f.File.FullName);
                results.Add(LabelledTextFiles.Evaluate(f.Name, f.Language, f.Truth, texts));
                if (parse.GetValue(misses) is > 0 and var m)
                    foreach (var t in texts.Where(t => t.Row % 2 == 0).Select(t => (t, s: SentimentAnalyzer.Analyze(t.Text, f.Language))).Where(x => x.s.Label != x.t.Truth).Take(m))
                        await io.Err.WriteLineAsync($"{f.Name} row {t.t.Row}: score {t.t.Score} ({t.t.Truth}) got {t.s.Label} {t.s.Score:0.00}: {t.t.Text.ReplaceLineEndings(" ")}");
            }
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(results); return Cli.Ok; }
            foreach (var r in results)
            {
                await io.Out.WriteLineAsync($"{r.Dataset} ({r.Language}, {r.Texts} texts; truth: {r.Truth})");
                foreach (var (half, a) in new[] { ("held-out (odd rows)", r.HeldOut), ("tuning (even rows)", r.Tuning), ("all", r.All) })
                    await io.Out.WriteLineAsync($"  {half,-20} n={a.N,5}  accuracy {P(a.Accuracy)}  macro F1 {a.MacroF1:0.000}  negative recall {P(a.NegativeRecall)} precision {P(a.NegativePrecision)}");
                await io.Out.WriteLineAsync("  held-out confusion (rows truth, columns predicted: negative neutral positive)");
                foreach (var (label, row) in new[] { "negative", "neutral", "positive" }.Zip(r.HeldOut.Confusion))
                    await io.Out.WriteLineAsync($"    {label,-9} {string.Join(" ", row.Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(6)))}");
            }
            return Cli.Ok;
        }));
        return command;
    }

    private static string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
