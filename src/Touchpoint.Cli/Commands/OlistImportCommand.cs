using System.CommandLine;
using System.Diagnostics;
using Touchpoint.Data.Import;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint import olist DIR`: the Olist marketplace sample as a shopper journey (order placed, approved, shipped,
/// delivered against the promise, reviewed), then every review as an answer of the "Olist reviews" CSAT survey
/// (<see cref="OlistReviewImport"/>): one command, because the answers hang on the customers and deliveries the journey
/// brings. Rejected rows are listed with their file and line.
/// </summary>
internal static class OlistImportCommand
{
    public static Command Create(CliIo io)
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder with olist_orders.csv, olist_order_payments.csv and olist_order_reviews.csv" };
        var show = new Option<int>("--show-errors") { Description = "How many rejected rows to list (human output)", DefaultValueFactory = _ => 20 };
        var command = new Command("olist", "Import the Olist e-commerce data set as shopper journey events and its reviews as CSAT survey answers (times read as America/Sao_Paulo)") { dir, show };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var path = parse.GetValue(dir)!;
            if (!path.Exists) throw new CliException($"directory not found: {path.FullName}");
            await using var host = await CliHost.StartAsync(parse, ct);
            var clock = Stopwatch.StartNew();
            OlistImportReport r;
            OlistReviewReport a;
            try
            {
                r = await new OlistImport(host.Get<EventIngestion>())
                    .ImportDirectoryAsync(path.FullName, new InlineProgress<int>(n => io.Progress($"importing olist: {CliIo.N(n)} events")), ct);
                io.Progress("importing olist: reviews as survey answers");
                a = await OlistReviewImport.RunAsync(host.Get<TouchpointDb>(), path.FullName, DateTime.UtcNow, ct);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new CliException(e.Message); }
            io.EndProgress();
            if (parse.GetValue(Cli.Json))
            {
                await io.WriteJsonAsync(new
                {
                    dir = path.FullName, orders = r.Orders, payments = r.Payments, reviews = r.Reviews, reviewsWithoutOrder = r.ReviewsWithoutOrder,
                    events = r.Events, stored = r.Stored, duplicates = r.Duplicates, rejectedCount = r.Rejected.Count,
                    rejected = r.Rejected.Select(x => new { file = x.File, line = x.Line, reason = x.Reason }),
                    answers = new
                    {
                        surveyId = a.SurveyId, reviews = a.Reviews, imported = a.Imported, alreadyThere = a.AlreadyThere, withCustomer = a.WithCustomer,
                        anonymous = a.Anonymous, rejectedCount = a.Rejected.Count,
                        rejected = a.Rejected.Select(x => new { file = x.File, line = x.Line, reason = x.Reason }),
                    },
                    seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                });
            }
            else
            {
                await io.Out.WriteLineAsync($"olist: {CliIo.N(r.Orders)} orders, {CliIo.N(r.Payments)} payments, {CliIo.N(r.Reviews)} reviews " +
                    $"({CliIo.N(r.ReviewsWithoutOrder)} of orders not in the file: no review event); {CliIo.N(r.Events)} events: {CliIo.N(r.Stored)} stored, " +
                    $"{CliIo.N(r.Duplicates)} already there, {CliIo.N(r.Rejected.Count)} rows rejected in {clock.Elapsed.TotalSeconds:0.0} s");
                foreach (var x in r.Rejected.Take(parse.GetValue(show)))
                    await io.Out.WriteLineAsync($"  {x.File} line {x.Line}: {x.Reason}");
                await io.Out.WriteLineAsync($"reviews as answers of survey {a.SurveyId} (CSAT): {CliIo.N(a.Imported)} stored ({CliIo.N(a.WithCustomer)} with their customer, " +
                    $"{CliIo.N(a.Anonymous)} anonymous: order not in the file), {CliIo.N(a.AlreadyThere)} already there, {CliIo.N(a.Rejected.Count)} rows rejected");
                foreach (var x in a.Rejected.Take(parse.GetValue(show)))
                    await io.Out.WriteLineAsync($"  {x.File} line {x.Line}: {x.Reason}");
            }
            return r.Rejected.Count + a.Rejected.Count > 0 ? Cli.RowsRejected : Cli.Ok;
        }));
        return command;
    }
}
