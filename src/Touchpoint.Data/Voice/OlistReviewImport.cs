using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Import;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>What one run of the review import read, stored and refused (rejected rows carry their file and line).</summary>
public sealed record OlistReviewReport(long SurveyId, int Reviews, int Imported, int AlreadyThere, int WithCustomer, int Anonymous,
    IReadOnlyList<OlistRowError> Rejected);

/// <summary>
/// Imports every Olist review (../shared/data/olist-sample/olist_order_reviews.csv) as an answer of one closed CSAT
/// survey, as the customer gave it: review_score is the 1-5 CSAT score, the title and the message are the two free-text
/// answers (Portuguese), and the answer's comment, which sentiment and themes read, is the title and the message on
/// separate lines (a title alone, "Péssimo", says as much as a message). The answer time is review_answer_timestamp, in
/// America/Sao_Paulo with that day's offset.
///
/// A review of an order in the orders file belongs to that order's customer (the same external id the journey events
/// use, so the answer sits on the customer's timeline), and its touchpoint says how the delivery went: "delivery (late)"
/// when delivered on a calendar day after the promised date, "delivery (on time)", "delivery (not delivered)"; the
/// scores page then shows the late-delivery effect by touchpoint. A review whose order is outside the sample (most of
/// them: the sample's files are cut independently) is kept as an anonymous answer at the plain "delivery" touchpoint:
/// its score and text are real and count in CSAT and themes, only its customer and lateness are unknown.
///
/// Reviews are also review.submitted events (<see cref="OlistImport"/>): the event is the timeline entry, the answer
/// is what voice analytics reads; no survey.answered touchpoint is added, which would put the review on the timeline
/// twice. Each answer's id is "olist:{order_id}:{review_id}" (a review can cover two orders), so a second run adds nothing.
/// </summary>
public static class OlistReviewImport
{
    public const string SurveyName = "Olist reviews (olist-sample)";
    public const string Late = "delivery (late)";
    public const string OnTime = "delivery (on time)";
    public const string NotDelivered = "delivery (not delivered)";
    public const string Delivery = "delivery";

    private const string ScoreQuestion = "score";
    private const string TitleQuestion = "title";
    private const string MessageQuestion = "message";

    public static async Task<OlistReviewReport> RunAsync(TouchpointDb db, string dir, DateTime nowUtc, CancellationToken ct)
    {
        var rejected = new List<OlistRowError>();
        var orders = ReadOrders(Path.Combine(dir, "olist_orders.csv"));
        var reviews = ReadReviews(Path.Combine(dir, "olist_order_reviews.csv"), rejected);
        var survey = await SurveyAsync(db, nowUtc, ct);
        var existing = (await db.SurveyResponses.Where(r => r.SurveyId == survey.Id && r.ClientResponseId != null)
            .Select(r => r.ClientResponseId!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var fresh = reviews.Where(r => !existing.Contains(r.Id)).ToList();
        // The journey import has usually made these customers already; resolving here keeps this import correct on its own.
        var refs = fresh.Where(r => orders.ContainsKey(r.OrderId)).Select(r => new CustomerRef(IdentityKind.External, orders[r.OrderId].Customer));
        var customers = await CustomerResolver.ResolveAsync(db, refs, nowUtc, ct);

        int withCustomer = 0, anonymous = 0;
        foreach (var chunk in fresh.Chunk(1000))
        {
            foreach (var r in chunk)
            {
                var order = orders.GetValueOrDefault(r.OrderId);
                long? customerId = order is null ? null : customers[new CustomerRef(IdentityKind.External, order.Customer)];
                if (customerId is null) anonymous++; else withCustomer++;
                db.SurveyResponses.Add(new SurveyResponse
                {
                    SurveyId = survey.Id, CustomerId = customerId, Score = r.Score, Comment = Comment(r.Title, r.Message), AnswersJson = Answers(r),
                    Channel = OlistImport.Channel, Touchpoint = order?.Touchpoint ?? Delivery, ClientResponseId = r.Id, SurveyVersion = survey.Version,
                    AnsweredAtUtc = r.At.UtcDateTime, CompletedAtUtc = r.At.UtcDateTime, OffsetMinutes = (short)r.At.Offset.TotalMinutes, Language = "pt",
                });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new(survey.Id, reviews.Count + rejected.Count, fresh.Count, reviews.Count - fresh.Count, withCustomer, anonymous, rejected);
    }

    /// <summary>The title and the message as one text, the title first as the customer wrote them; null when both are empty.</summary>
    public static string? Comment(string? title, string? message)
    {
        var text = string.Join("\n", new[] { title, message }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()));
        return text.Length == 0 ? null : text[..Math.Min(text.Length, SurveyFlow.MaxTextAnswer)];
    }

    private static string Answers(Review r)
    {
        var answers = new Dictionary<string, SurveyAnswerValue> { [ScoreQuestion] = new() { Number = r.Score } };
        if (!string.IsNullOrWhiteSpace(r.Title)) answers[TitleQuestion] = new() { Text = r.Title };
        if (!string.IsNullOrWhiteSpace(r.Message)) answers[MessageQuestion] = new() { Text = r.Message[..Math.Min(r.Message.Length, SurveyFlow.MaxTextAnswer)] };
        return JsonSerializer.Serialize(answers, SurveyDefinition.Json);
    }

    private static async Task<Survey> SurveyAsync(TouchpointDb db, DateTime nowUtc, CancellationToken ct)
    {
        if (await db.Surveys.FirstOrDefaultAsync(s => s.Name == SurveyName, ct) is { } found) return found;
        const string question = "Como você avalia o seu pedido?";
        var definition = new SurveyDefinition
        {
            Languages = ["pt", "en"],
            Questions =
            [
                new SurveyQuestion { Id = ScoreQuestion, Type = QuestionType.Csat, Required = true, Text = new() { ["pt"] = question, ["en"] = "How do you rate your order?" } },
                new SurveyQuestion { Id = TitleQuestion, Type = QuestionType.FreeText, Text = new() { ["pt"] = "Título da avaliação", ["en"] = "Review title" } },
                new SurveyQuestion { Id = MessageQuestion, Type = QuestionType.FreeText, Text = new() { ["pt"] = "Comentário", ["en"] = "Comment" } },
            ],
        };
        // Closed: the reviews were given on Olist's site; this survey only holds them and takes no new answers.
        var survey = new Survey
        {
            Name = SurveyName, Kind = SurveyKind.Csat, Status = SurveyStatus.Closed, Question = question, CreatedAtUtc = nowUtc,
            DefinitionJson = definition.ToJson(), PublishedAtUtc = nowUtc, ClosedAtUtc = nowUtc,
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        return survey;
    }

    private sealed record Order(string Customer, string Touchpoint);

    private sealed record Review(string Id, string OrderId, int Score, string? Title, string? Message, DateTimeOffset At);

    /// <summary>order_id → customer and delivery touchpoint. Rows the journey import rejects are skipped here (it reports them).</summary>
    private static Dictionary<string, Order> ReadOrders(string path)
    {
        var header = OlistImport.Header(path);
        var customerColumn = header.Contains("customer_unique_id") ? "customer_unique_id" : "customer_id";
        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        foreach (var (_, f) in OlistImport.Rows(path, "order_id", customerColumn, "order_delivered_customer_date", "order_estimated_delivery_date"))
        {
            if (string.IsNullOrEmpty(f[0]) || string.IsNullOrEmpty(f[1])) continue;
            if (!OlistImport.TryLocal(f[2], out var delivered) || !OlistImport.TryLocal(f[3], out var promised)) continue;
            var touchpoint = (delivered, promised) switch
            {
                (null, _) => NotDelivered,
                (_, null) => Delivery,
                // The promise is a date: a delivery on the promised day is on time, as in the journey import's days_late.
                var (d, p) => d.Value.Date > p.Value.Date ? Late : OnTime,
            };
            orders[f[0]!] = new(f[1]!, touchpoint);
        }
        return orders;
    }

    private static List<Review> ReadReviews(string path, List<OlistRowError> rejected)
    {
        var file = Path.GetFileName(path);
        var reviews = new List<Review>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, f) in OlistImport.Rows(path, "review_id", "order_id", "review_score", "review_comment_title", "review_comment_message", "review_answer_timestamp"))
        {
            var (reviewId, orderId) = (f[0], f[1]);
            if (string.IsNullOrEmpty(reviewId) || string.IsNullOrEmpty(orderId)) { rejected.Add(new(file, line, "review_id or order_id is empty")); continue; }
            if (!int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
            { rejected.Add(new(file, line, $"review_score '{f[2]}' is not 1-5")); continue; }
            if (!OlistImport.TryLocal(f[5], out var answered) || answered is null)
            { rejected.Add(new(file, line, $"review_answer_timestamp '{f[5]}' is not yyyy-MM-dd HH:mm:ss")); continue; }
            var id = $"olist:{orderId}:{reviewId}";
            if (!seen.Add(id)) { rejected.Add(new(file, line, $"review {reviewId} of order {orderId} appears twice; the first is kept")); continue; }
            reviews.Add(new(id, orderId, score, f[3], f[4], answered.Value));
        }
        return reviews;
    }
}
