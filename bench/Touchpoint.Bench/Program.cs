using System.Globalization;
using Touchpoint.Bench;
using Touchpoint.Bench.Analytics;
using Touchpoint.Data.Store;

// Usage: dotnet run -c Release --project bench/Touchpoint.Bench -- ingest [--events 1000000] [--stores sqlite,postgres] [--concurrency 2]
//        dotnet run -c Release --project bench/Touchpoint.Bench -- analytics [--events 1000000,10000000] [--stores sqlite,postgres] [--questions all|friction]
// WebApplicationFactory reads MvcTestingAppManifest.json from the working directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var command = args.FirstOrDefault() ?? "ingest";
string Opt(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
// Usage: dotnet run -c Release --project bench/Touchpoint.Bench -- answers [--requests 5000] [--concurrency 8] [--stores sqlite,postgres]
if (command == "answers")
{
    var requests = int.Parse(Opt("--requests", "5000"), CultureInfo.InvariantCulture);
    var clients = int.Parse(Opt("--concurrency", "8"), CultureInfo.InvariantCulture);
    Console.WriteLine($"Answer intake, {requests:N0} requests by {clients} concurrent clients on 127.0.0.1, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
    Console.WriteLine();
    Console.WriteLine("| store | path | requests/s | seconds | ratio to bare | failed |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var store in Opt("--stores", "sqlite,postgres").Split(',').Select(s => s.Trim() == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite))
    {
        var results = await AnswerIntakeBenchmark.RunAsync(store, requests, clients);
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Store} | {r.Path} | {r.PerSecond:N0} | {r.Seconds:F2} | {r.PerSecond / results[0].PerSecond:P1} | {r.Failed} |"));
    }
    return 0;
}
// Usage: dotnet run -c Release --project bench/Touchpoint.Bench -- nps [--answers 10000000]
if (command == "nps")
{
    var n = int.Parse(Opt("--answers", "10000000"), CultureInfo.InvariantCulture);
    var (load, results) = await NpsQueryBenchmark.RunAsync(n);
    Console.WriteLine($"NPS over {n:N0} answers on SQLite (bulk load {load:F1} s, {n / load:N0} rows/s), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
    Console.WriteLine();
    Console.WriteLine("| question | product path (s) | plain SQL (s) | product / SQL | groups | same NPS |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var r in results)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Question} | {r.ProductSeconds:F2} | {r.SqlSeconds:F2} | {r.ProductSeconds / r.SqlSeconds:F1}x | {r.Groups} | {(r.SameAnswer ? "yes" : "NO")} |"));
    return results.All(r => r.SameAnswer) ? 0 : 2;
}
if (command == "analytics") return await AnalyticsCommand.RunAsync(Opt("--events", "1000000"), Opt("--stores", "sqlite,postgres"), Opt("--questions", "all"));
// Usage: dotnet run -c Release --project bench/Touchpoint.Bench -- email [--messages 2000] [--stores sqlite,postgres]
if (command == "email")
{
    var count = int.Parse(Opt("--messages", "2000"), CultureInfo.InvariantCulture);
    Console.WriteLine($"Email ingestion of {count:N0} messages over SMTP, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
    Console.WriteLine();
    Console.WriteLine("| store | path | messages/s | seconds | ratio to bare receive |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var store in Opt("--stores", "sqlite,postgres").Split(',').Select(s => s.Trim() == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite))
    {
        var results = await EmailIngestionBenchmark.RunAsync(store, count);
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Store} | {r.Path} | {r.PerSecond:N0} | {r.Seconds:F2} | {r.PerSecond / results[0].PerSecond:P1} |"));
    }
    return 0;
}
// Usage: dotnet run -c Release --project bench/Touchpoint.Bench -- tickets-load [--clients 16] [--seconds 10] [--stores sqlite,postgres]
//        dotnet run -c Release --project bench/Touchpoint.Bench -- inbox [--tickets 1000000] [--stores sqlite,postgres]
if (command is "tickets-load" or "inbox")
    return await Touchpoint.Bench.Service.ServiceBenchCommand.RunAsync(command, Opt);
if (command != "ingest")
{
    Console.Error.WriteLine("usage: Touchpoint.Bench ingest [--events N] [--stores sqlite,postgres] [--concurrency N] | email [--messages N] [--stores ...]");
    Console.Error.WriteLine("       Touchpoint.Bench analytics [--events 1000000,10000000] [--stores sqlite,postgres] [--questions all|friction]");
    Console.Error.WriteLine("       Touchpoint.Bench tickets-load [--clients 16] [--seconds 10] [--stores ...] | inbox [--tickets 1000000] [--stores ...]");
    return 1;
}
var events = int.Parse(Opt("--events", "1000000"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Opt("--concurrency", "2"), CultureInfo.InvariantCulture);
var stores = Opt("--stores", "sqlite,postgres").Split(',').Select(s => s.Trim() == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite).ToList();

Console.WriteLine($"Ingestion of {events:N0} events, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| store | path | events/s | seconds | ratio to raw | rows stored |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var store in stores)
{
    var results = await IngestionBenchmark.RunAsync(store, events, concurrency);
    var raw = results[0].EventsPerSecond;
    foreach (var r in results)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Store} | {r.Path} | {r.EventsPerSecond:N0} | {r.Seconds:F2} | {r.EventsPerSecond / raw:P0} | {r.Stored:N0} |"));
}
return 0;
