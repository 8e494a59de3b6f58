namespace Touchpoint.Data.Ingestion;

/// <summary>
/// Lets one intake batch at a time into its write transaction on SQLite, which has a single writer anyway. Without
/// it, the second of two concurrent batches waits in SQLite's busy handler, which polls with sleeps that grow to
/// 100 ms: with batches of ~50 ms that idled the store a third of the time (docs/benchmarks.md, "Event
/// ingestion"). Waiting here instead hands the store over the moment the first batch commits. PostgreSQL has no
/// single writer, so its gate lets every batch through.
/// </summary>
public sealed class IntakeWriteGate(bool singleWriter)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastEntered = long.MinValue / 2; // "long ago", with room to subtract from it

    /// <summary>When the last batch entered (Environment.TickCount64 ms), so background work can give bulk intake way.</summary>
    public long LastEnteredMs => Interlocked.Read(ref _lastEntered);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref _lastEntered, Environment.TickCount64);
        if (!singleWriter) return Open.Instance;
        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose() { }
    }
}
