using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

public sealed record NpsImportReport(long SurveyId, int Rows, int Imported, int AlreadyThere, int CommentOnly, IReadOnlyList<string> Rejected);

/// <summary>
/// Imports the telecom NPS verbatims (../shared/data/nps-verbatims/nps_verbatims.csv) as answers of one NPS survey:
/// the journey stage (SURVEY_SUB_TYPE) becomes the touchpoint, NPS_SCORE the score (empty scores, written NA by R, are kept as
/// comment-only answers), text the comment. Dates are dd/mm/yyyy hh:mm with no zone; they are read as local time of
/// <paramref name="zone"/> (default Europe/London: the provider is British, comments mention the UK) with that day's
/// offset (GMT until 25 March 2018, BST after). Answers are anonymous (the file has no customer ids). Each row's id is
/// "nps-verbatims:{row}", so running the import again adds nothing.
/// </summary>
public static class NpsVerbatimImport
{
    public const string SurveyName = "Telecom NPS (nps-verbatims)";

    public static async Task<NpsImportReport> RunAsync(TouchpointDb db, string path, TimeZoneInfo zone, DateTime nowUtc, CancellationToken ct)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Name == SurveyName, ct);
        if (survey is null)
        {
            const string question = "How likely are you to recommend us to a friend or colleague?";
            survey = new Survey
            {
                Name = SurveyName, Kind = SurveyKind.Nps, Status = SurveyStatus.Closed, Question = question, CreatedAtUtc = nowUtc,
                DefinitionJson = SurveyDefinition.FromJson(null, SurveyKind.Nps, question).ToJson(), PublishedAtUtc = nowUtc, ClosedAtUtc = nowUtc,
            };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync(ct);
        }
        var existing = (await db.SurveyResponses.Where(r => r.SurveyId == survey.Id && r.ClientResponseId != null).Select(r => r.ClientResponseId!).ToListAsync(ct)).ToHashSet();
        var rejected = new List<string>();
        int rows = 0, imported = 0, already = 0, commentOnly = 0;
        await using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, TrackLineNumbers = true, AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover, FieldCountMismatch = CsvFieldCountHandling.Allow,
        }, leaveOpen: true);
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        int Col(string name) => headers.IndexOf(name) is >= 0 and var i ? i : throw new InvalidDataException($"the file has no column {name}");
        int dateCol = Col("CUSTOMER_RESPONSE_DATE"), stageCol = Col("SURVEY_SUB_TYPE"), scoreCol = Col("NPS_SCORE"), textCol = Col("text");
        string? Field(int i) => i < csv.FieldCount ? csv.GetString(i)?.Trim() : null;
        var batch = new List<SurveyResponse>();
        while (csv.Read())
        {
            rows++;
            var line = csv.LineNumber;
            var id = $"nps-verbatims:{rows}";
            var dateText = Field(dateCol) ?? "";
            var stage = Field(stageCol);
            var scoreText = Field(scoreCol);
            var text = Field(textCol);
            if (!DateTime.TryParseExact(dateText, "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            { rejected.Add($"line {line}: date '{dateText}' is not dd/mm/yyyy hh:mm"); continue; }
            int? score = null;
            if (!string.IsNullOrEmpty(scoreText) && scoreText != "NA") // the file comes from R: a missing score is written NA
            {
                if (!int.TryParse(scoreText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) || s is < 0 or > 10)
                { rejected.Add($"line {line}: score '{scoreText}' is not 0-10"); continue; }
                score = s;
            }
            if (existing.Contains(id)) { already++; continue; }
            if (zone.IsInvalidTime(local)) local = local.AddHours(1);
            var offset = zone.GetUtcOffset(local);
            var at = new DateTimeOffset(local, offset);
            if (score is null) commentOnly++;
            batch.Add(new SurveyResponse
            {
                SurveyId = survey.Id, Score = score, Comment = string.IsNullOrEmpty(text) ? null : text[..Math.Min(text.Length, SurveyFlow.MaxTextAnswer)],
                Channel = "import", Touchpoint = string.IsNullOrEmpty(stage) ? null : stage, ClientResponseId = id, SurveyVersion = survey.Version,
                AnsweredAtUtc = at.UtcDateTime, CompletedAtUtc = at.UtcDateTime, OffsetMinutes = (short)offset.TotalMinutes, Language = "en",
            });
            imported++;
            if (batch.Count >= 1000) { db.SurveyResponses.AddRange(batch); await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); batch.Clear(); }
        }
        db.SurveyResponses.AddRange(batch);
        await db.SaveChangesAsync(ct);
        return new(survey.Id, rows, imported, already, commentOnly, rejected);
    }
}
