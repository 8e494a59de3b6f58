using System.Data.Common;
using DuckDB.NET.Data;
using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Copies completed NPS and CSAT answers (with a score and a customer) into the mirror's answers table, the outcomes
/// friction analysis measures. A response row is written when its first page is answered and completed later, so
/// following ids alone would copy an answer before its final score: incomplete responses passed by the watermark
/// (and, on PostgreSQL, ids not yet visible) wait in answer_pending and are re-checked on every catch-up until they
/// complete, for at most <see cref="PendingPatience"/>. A completed answer does not change (the answer link then
/// refuses new answers), and merges move answers with the events (<see cref="MirrorMerges"/>).
/// </summary>
internal static class MirrorAnswers
{
    public static readonly TimeSpan PendingPatience = TimeSpan.FromDays(30);
    private const int MaxPending = 50_000;

    private const string Select = """
        SELECT r.id, r.customer_id, s.kind, r.score, r.answered_at_utc, r.completed_at_utc
        FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
        """;

    /// <param name="idGaps">PostgreSQL: ids may become visible out of order, so skipped ids are re-checked too.</param>
    public static async Task<int> CopyAsync(DuckDBConnection duck, DbConnection store, bool idGaps, int batchSize, DateTime nowUtc, MirrorTouches? touches, CancellationToken ct)
    {
        var copied = await RecheckAsync(duck, store, nowUtc, touches, ct);
        while (true)
        {
            var watermark = await AnalyticsMirror.WatermarkAsync(duck, "answers", ct);
            await using var cmd = store.CreateCommand();
            cmd.CommandText = $"{Select} WHERE r.id > {watermark} ORDER BY r.id LIMIT {batchSize}";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!reader.HasRows) return copied; // nothing new: no write to the mirror
            var pending = new List<long>();
            var customers = new HashSet<long>();
            var last = watermark;
            await AnalyticsDatabase.InTransactionAsync(duck, async () =>
            {
                using (var appender = duck.CreateAppender("answers"))
                    while (await reader.ReadAsync(ct))
                    {
                        var id = reader.GetInt64(0);
                        if (idGaps) for (var g = last + 1; g < id && pending.Count < MaxPending; g++) pending.Add(g);
                        last = id;
                        if (!IsNpsOrCsat(reader)) continue;
                        if (IsComplete(reader)) { if (IsMeasured(reader)) { Append(appender, reader); customers.Add(reader.GetInt64(1)); } }
                        else if (pending.Count < MaxPending) pending.Add(id);
                    }
                if (pending.Count > 0) AddPending(duck, pending, nowUtc);
                if (touches is not null) await touches.AddAsync(duck, customers, ct);
                await AnalyticsMirror.SetWatermarkAsync(duck, "answers", last, ct);
            }, ct);
            if (last == watermark) return copied;
        }
    }

    private static bool IsNpsOrCsat(DbDataReader r) => (SurveyKind)r.GetInt32(2) is SurveyKind.Nps or SurveyKind.Csat;

    private static bool IsComplete(DbDataReader r) => !r.IsDBNull(5);

    private static bool IsMeasured(DbDataReader r) => !r.IsDBNull(1) && !r.IsDBNull(3);

    private static void Append(DuckDBAppender appender, DbDataReader r)
    {
        var scale = (SurveyKind)r.GetInt32(2) == SurveyKind.Nps ? AnswerScale.Nps : AnswerScale.Csat;
        appender.CreateRow().AppendValue(r.GetInt64(0)).AppendValue(r.GetInt64(1)).AppendValue((sbyte)scale).AppendValue(r.GetInt32(3))
            .AppendValue(DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Unspecified)).EndRow();
    }

    private static void AddPending(DuckDBConnection duck, List<long> ids, DateTime nowUtc)
    {
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Unspecified);
        using var appender = duck.CreateAppender("answer_pending");
        foreach (var id in ids) appender.CreateRow().AppendValue(id).AppendValue(now).EndRow();
    }

    /// <summary>Copies pending answers that have completed since, and forgets those pending for longer than the patience.</summary>
    private static async Task<int> RecheckAsync(DuckDBConnection duck, DbConnection store, DateTime nowUtc, MirrorTouches? touches, CancellationToken ct)
    {
        var cutoff = nowUtc - PendingPatience;
        await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM answer_pending WHERE seen_at < TIMESTAMP '{cutoff:yyyy-MM-dd HH:mm:ss}'", ct);
        var ids = new List<long>();
        await using (var q = duck.CreateCommand())
        {
            q.CommandText = "SELECT id FROM answer_pending ORDER BY id";
            await using var r = await q.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        }
        if (ids.Count == 0) return 0;
        var done = new List<long>();
        var customers = new HashSet<long>();
        var copied = 0;
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            foreach (var chunk in ids.Chunk(5_000))
            {
                await using var cmd = store.CreateCommand();
                cmd.CommandText = $"{Select} WHERE r.id IN ({string.Join(',', chunk)}) AND s.kind IN ({(int)SurveyKind.Nps}, {(int)SurveyKind.Csat}) AND r.completed_at_utc IS NOT NULL";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                using var appender = duck.CreateAppender("answers");
                while (await reader.ReadAsync(ct))
                {
                    done.Add(reader.GetInt64(0));
                    if (IsMeasured(reader)) { Append(appender, reader); customers.Add(reader.GetInt64(1)); copied++; }
                }
            }
            if (done.Count > 0) await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM answer_pending WHERE id IN ({string.Join(',', done)})", ct);
            if (touches is not null) await touches.AddAsync(duck, customers, ct);
        }, ct);
        return copied;
    }
}
