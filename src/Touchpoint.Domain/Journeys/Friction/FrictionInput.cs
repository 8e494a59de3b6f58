namespace Touchpoint.Domain.Journeys.Friction;

/// <summary>
/// An event as friction analysis needs it. <see cref="DaysLate"/> is set for deliveries measured against a promise
/// (0 when on time); <see cref="About"/> names what a contact was about (topic or order), so a second contact about
/// the same thing can be told from a new question.
/// </summary>
public readonly record struct FrictionEvent(string Type, DateTime AtUtc, decimal? Value = null, double? DaysLate = null, string? About = null);

public enum AnswerScale { Nps, Csat }

/// <summary>A survey answer on the headline scale (NPS 0-10 or CSAT 1-5).</summary>
public readonly record struct FrictionAnswer(AnswerScale Scale, int Score, DateTime AtUtc);

/// <summary>One customer's events and answers, each list in any order.</summary>
public sealed record FrictionCustomer(long CustomerId, IReadOnlyList<FrictionEvent> Events, IReadOnlyList<FrictionAnswer> Answers);

/// <summary>What happened next, measured after a moment.</summary>
public enum FrictionOutcome { Nps, Csat, Churn, Revenue }

/// <summary>
/// Settings of a friction analysis. Churn: a customer with no event in the last <see cref="ChurnDays"/> before the
/// end of the data. Revenue: the sum of event values in the <see cref="RevenueDays"/> after the moment. Groups
/// smaller than <see cref="MinGroup"/> are reported as too small rather than given an interval.
/// </summary>
public sealed record FrictionOptions(int ChurnDays = 90, int RevenueDays = 180, int MinGroup = 10, int Examples = 10);

/// <summary>
/// What an engine measured over its whole store: the latest event (the end of the data), the customers with events,
/// and one <see cref="FrictionMeasure"/> per condition key × outcome.
/// </summary>
public sealed record FrictionMeasurements(DateTime? EndUtc, int Customers, IReadOnlyDictionary<(string Key, FrictionOutcome Outcome), FrictionMeasure> Measures);
