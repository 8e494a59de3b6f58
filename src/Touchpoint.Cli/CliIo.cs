using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Cli;

/// <summary>Where a command writes: results to Out, progress and errors to Err (so piped output stays clean).</summary>
internal sealed class CliIo(TextWriter output, TextWriter error)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Output is for terminals and scripts, not HTML: keep '+' and accents readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Stopwatch _sinceProgress = new();
    private bool _progressShown;

    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;

    public Task WriteJsonAsync<T>(T value) => Out.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions));

    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Rewrites one status line on stderr, at most four times a second.</summary>
    public void Progress(string text, bool force = false)
    {
        if (!force && _sinceProgress.IsRunning && _sinceProgress.ElapsedMilliseconds < 250) return;
        _sinceProgress.Restart();
        Err.Write("\r" + text.PadRight(78));
        Err.Flush();
        _progressShown = true;
    }

    /// <summary>Ends the status line so the next output starts on a fresh line.</summary>
    public void EndProgress()
    {
        if (!_progressShown) return;
        Err.WriteLine();
        _progressShown = false;
    }
}

/// <summary>Reports progress on the calling thread (Progress&lt;T&gt; posts to the thread pool and can arrive late).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
