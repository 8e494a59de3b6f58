using System.Text;

Console.OutputEncoding = new UTF8Encoding(false);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the work cleanly (the current chunk's transaction rolls back); a second one kills.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
return await Touchpoint.Cli.Cli.RunAsync(args, Console.Out, Console.Error, cancel.Token);
