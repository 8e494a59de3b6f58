using System.Globalization;
using System.Text.Json;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Demo;

/// <summary>
/// Generates the demo company one customer at a time, so tens of millions of events stream through without being
/// held in memory. Every customer draws from a random generator seeded by (seed, customer index): the output is
/// the same on every run and does not depend on how far the stream is read.
/// Built-in friction (late deliveries, repeated contacts, long waits for a first response) lowers the customer's
/// later CSAT and NPS answers and raises the chance they never order again; see docs/demo-data.md.
/// </summary>
public sealed class DemoGenerator(DemoOptions options)
{
    private DateTime EndUtc => options.EndUtc;
    private long _eventId = options.FirstEventId;
    private long _ticketId = options.FirstTicketId;
    private long _messageId = options.FirstMessageId;
    private long _statusId = options.FirstStatusChangeId;
    private long _responseId = options.FirstResponseId;

    public IEnumerable<DemoCustomerHistory> Generate()
    {
        for (var i = 0; i < options.Customers; i++) yield return GenerateCustomer(i);
    }

    private DemoCustomerHistory GenerateCustomer(int index)
    {
        var rnd = new Random(unchecked(options.Seed * 1_000_003 + index * 7919));
        var start = options.EndUtc.AddMonths(-options.Months);
        var span = (options.EndUtc - start).TotalMinutes;
        // Acquisition leaves at least two weeks before the end so most customers get past delivery.
        var acquired = start.AddMinutes(rnd.NextDouble() * (span - 14 * 24 * 60));
        var segment = Pick(rnd, [(Segments.Consumer, 70), (Segments.Smb, 22), (Segments.Enterprise, 8)]);
        var first = DemoText.FirstNames[rnd.Next(DemoText.FirstNames.Length)];
        var last = DemoText.LastNames[rnd.Next(DemoText.LastNames.Length)];
        var id = options.FirstCustomerId + index;
        var name = segment == Segments.Consumer ? $"{first} {last}" : $"{DemoText.Companies[rnd.Next(DemoText.Companies.Length)]} ({first} {last})";
        var email = $"{first}.{last}.{id}@example.com".ToLowerInvariant();
        var city = DemoText.Cities[rnd.Next(DemoText.Cities.Length)];
        var offset = (short)(rnd.Next(3) * 60); // customers live in UTC, UTC+1 or UTC+2

        var customer = new Customer
        {
            Id = id,
            ExternalId = $"C{id:D7}",
            Name = name,
            Email = email,
            Phone = rnd.NextDouble() < 0.6 ? UniquePhone(id, rnd.Next(10_000_000, 99_999_999)) : null,
            Segment = segment,
            AttributesJson = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["city"] = city,
                ["plan"] = rnd.NextDouble() < 0.3 ? "subscription" : "one-off",
                ["language"] = rnd.NextDouble() < 0.2 ? "pt" : "en",
            }),
            CreatedAtUtc = acquired,
        };
        var h = new DemoCustomerHistory { Customer = customer };
        h.Identities.Add(new CustomerIdentity { CustomerId = id, Kind = IdentityKind.External, Value = customer.ExternalId, CreatedAtUtc = acquired });
        h.Identities.Add(new CustomerIdentity { CustomerId = id, Kind = IdentityKind.Email, Value = email, CreatedAtUtc = acquired });
        if (customer.Phone is { } phone)
            h.Identities.Add(new CustomerIdentity { CustomerId = id, Kind = IdentityKind.Phone, Value = CustomerIdentity.Normalise(IdentityKind.Phone, phone), CreatedAtUtc = acquired });

        var ctx = new Ctx(this, h, rnd, offset);
        var t = acquired;
        // Awareness: how they found us.
        var source = Pick(rnd, [("ad", 45), ("search", 30), ("referral", 15), ("social", 10)]);
        ctx.Event(t.AddMinutes(-rnd.Next(60, 60 * 24 * 5)), source == "referral" ? "referral.received" : "ad.clicked", "web", new { source });
        ctx.Event(t.AddMinutes(-rnd.Next(1, 50)), "site.visited", "web", new { page = "/" });
        ctx.Event(t, "account.created", "web", new { source });
        if (rnd.NextDouble() < 0.12) return h; // signed up, never bought: the top of the funnel leaks

        var orders = 0;
        var churnRisk = 0.22 + (segment == Segments.Enterprise ? -0.08 : 0);
        var orderAt = t.AddMinutes(rnd.Next(5, 60 * 24 * 3));
        while (orderAt < options.EndUtc)
        {
            orders++;
            var friction = Order(ctx, orderAt, orders, segment);
            h.Friction |= friction;
            if (friction.HasFlag(DemoFriction.LateDelivery)) churnRisk += 0.18;
            if (friction.HasFlag(DemoFriction.RepeatedContact)) churnRisk += 0.15;
            if (friction.HasFlag(DemoFriction.LongWait)) churnRisk += 0.12;
            if (rnd.NextDouble() < Math.Min(0.9, churnRisk))
            {
                h.Churned = true;
                if (rnd.NextDouble() < 0.35) ctx.Event(orderAt.AddDays(rnd.Next(20, 60)), "account.closed", "web", null);
                break;
            }
            var gapDays = segment == Segments.Consumer ? rnd.Next(25, 120) : rnd.Next(14, 60);
            orderAt = orderAt.AddDays(gapDays).AddMinutes(rnd.Next(0, 1440));
            if (orders >= 2) ctx.Event(orderAt.AddDays(-2), "newsletter.opened", "email", null);
        }
        return h;
    }

    /// <summary>One order: purchase, shipping, delivery against the promise, maybe support, then surveys.</summary>
    private DemoFriction Order(Ctx c, DateTime at, int orderNo, string segment)
    {
        var rnd = c.Rnd;
        var friction = DemoFriction.None;
        var orderId = $"O{c.H.Customer.Id:D7}-{orderNo}";
        var value = Math.Round(segment switch
        {
            Segments.Enterprise => 1500 + rnd.NextDouble() * 9000,
            Segments.Smb => 150 + rnd.NextDouble() * 900,
            _ => 20 + rnd.NextDouble() * 160,
        }, 2);
        c.Event(at.AddMinutes(-rnd.Next(3, 40)), "cart.created", "web", new { order_id = orderId });
        c.Event(at, orderNo == 1 ? "order.placed" : "order.repeat_placed", "web", new { order_id = orderId }, (decimal)value);
        c.Event(at.AddMinutes(rnd.Next(1, 10)), "payment.succeeded", "web", new { order_id = orderId });
        if (orderNo == 1 && rnd.NextDouble() < 0.25)
            c.Answer(options.CesSurveyId, at.AddMinutes(15), Clamp(6 - (int)Math.Round(Math.Abs(Normal(rnd)) * 1.3), 1, 7), "", "web", "purchase", null);

        var promised = at.AddDays(4);
        var shipped = at.AddHours(rnd.Next(6, 40));
        c.Event(shipped, "order.shipped", "web", new { order_id = orderId, carrier = rnd.NextDouble() < 0.5 ? "FastPost" : "CityCourier" });
        var late = rnd.NextDouble() < 0.18;
        var delivered = late ? promised.AddDays(rnd.Next(2, 9)).AddHours(rnd.Next(0, 10)) : promised.AddHours(-rnd.Next(2, 60));
        if (delivered > options.EndUtc) return friction;
        if (late) friction |= DemoFriction.LateDelivery;
        c.Event(delivered, "order.delivered", "web", new
        {
            order_id = orderId,
            promised_at = promised.ToString("O", CultureInfo.InvariantCulture),
            days_late = late ? Math.Round((delivered - promised).TotalDays, 1) : 0,
        });

        // Support: late deliveries make people write; some write for other reasons.
        var contactChance = late ? 0.55 : 0.14;
        if (rnd.NextDouble() < contactChance)
        {
            var topic = late ? DemoText.Topics[0] : DemoText.Topics[1 + rnd.Next(DemoText.Topics.Length - 1)];
            var opened = late ? promised.AddHours(rnd.Next(6, 48)) : delivered.AddHours(rnd.Next(2, 24 * 6));
            var (longWait, solvedAt) = Ticket(c, opened, topic, segment, orderId, repeat: false);
            if (longWait) friction |= DemoFriction.LongWait;
            // Repeated contact: the first answer did not fix it.
            if (rnd.NextDouble() < (longWait ? 0.45 : 0.18))
            {
                friction |= DemoFriction.RepeatedContact;
                var (lw2, s2) = Ticket(c, solvedAt.AddHours(rnd.Next(12, 24 * 5)), topic, segment, orderId, repeat: true);
                if (lw2) friction |= DemoFriction.LongWait;
                solvedAt = s2;
            }
        }

        // Relationship NPS a week after delivery, for about 30% of orders.
        if (rnd.NextDouble() < 0.3)
        {
            var score = 8.6 + Normal(rnd) * 1.4
                - (friction.HasFlag(DemoFriction.LateDelivery) ? 2.6 : 0)
                - (friction.HasFlag(DemoFriction.RepeatedContact) ? 1.8 : 0)
                - (friction.HasFlag(DemoFriction.LongWait) ? 1.4 : 0);
            var s = Clamp((int)Math.Round(score), 0, 10);
            var comment = s >= 9 ? PickText(rnd, DemoText.PromoterComments)
                : s >= 7 ? PickText(rnd, DemoText.PassiveComments)
                : friction.HasFlag(DemoFriction.LateDelivery) ? PickText(rnd, DemoText.DetractorLateComments)
                : friction != DemoFriction.None ? PickText(rnd, DemoText.DetractorServiceComments)
                : PickText(rnd, DemoText.DetractorOtherComments);
            c.Answer(options.NpsSurveyId, delivered.AddDays(7).AddHours(rnd.Next(0, 48)), s, comment, "email", "delivery", null);
            if (s >= 9 && rnd.NextDouble() < 0.4)
                c.Event(delivered.AddDays(9), "referral.sent", "web", new { order_id = orderId });
        }
        return friction;
    }

    /// <summary>
    /// The agents' working time behind each reply and the solve, as the workspace timer would have recorded it: a
    /// session ending at the reply (a few minutes of reading and writing; longer on the phone, where the reply is the
    /// call). A random source of its own per ticket, so adding work leaves every other figure of the demo unchanged.
    /// </summary>
    private void Work(DemoCustomerHistory h, Ticket ticket)
    {
        var rnd = new Random(unchecked(options.Seed * 1_000_003 ^ (int)ticket.Id));
        var (min, max) = ticket.Channel switch { "phone" => (4, 16), "chat" => (3, 12), _ => (2, 9) };
        foreach (var m in h.Messages.Where(m => m.TicketId == ticket.Id && m.Author == AuthorKind.Agent && m.AuthorUserId is not null))
            h.WorkSessions.Add(Session(ticket.Id, m.AuthorUserId!.Value, m.CreatedAtUtc, rnd.Next(min * 60, max * 60),
                ticket.Channel == "phone" ? WorkSource.Call : WorkSource.Workspace));
        if (h.StatusChanges.LastOrDefault(x => x.TicketId == ticket.Id && x.To == TicketStatus.Solved) is { ByUserId: { } by } solve)
            h.WorkSessions.Add(Session(ticket.Id, by, solve.AtUtc, rnd.Next(30, 180), WorkSource.Workspace));
    }

    private static WorkSession Session(long ticketId, long userId, DateTime endUtc, int seconds, WorkSource source) => new()
    {
        TicketId = ticketId, UserId = userId, Source = source, StartedAtUtc = endUtc.AddSeconds(-seconds), LastSeenAtUtc = endUtc,
        EndedAtUtc = endUtc, EndReason = source == WorkSource.Call ? "call" : "navigation",
    };

    /// <summary>A ticket with its thread and state history. Returns whether the first response took over 24 hours.</summary>
    private (bool LongWait, DateTime SolvedAt) Ticket(Ctx c, DateTime opened, (string Topic, string Team, string Subject, string Body) topic,
        string segment, string orderId, bool repeat)
    {
        var rnd = c.Rnd;
        if (opened >= options.EndUtc) return (false, opened); // the demo's "today" comes first
        var channel = Pick(rnd, [("email", 45), ("chat", 25), ("phone", 15), ("form", 10), ("social", 5)]);
        var priority = segment == Segments.Enterprise ? TicketPriority.High : repeat ? TicketPriority.High : TicketPriority.Normal;
        var longWait = rnd.NextDouble() < (channel is "chat" or "phone" ? 0.05 : 0.2);
        var firstResponse = opened.AddMinutes(longWait ? rnd.Next(24 * 60, 72 * 60)
            : channel is "chat" or "phone" ? rnd.Next(1, 15) : rnd.Next(20, 8 * 60));
        // Drawn even without agents, so the journeys do not depend on how many agents the store has.
        var agentPick = rnd.Next(Math.Max(1, options.AgentUserIds.Count));
        var agent = options.AgentUserIds.Count > 0 ? options.AgentUserIds[agentPick] : (long?)null;
        var ticket = new Ticket
        {
            Id = _ticketId++,
            Subject = repeat ? "Re: " + topic.Subject : topic.Subject,
            Channel = channel,
            Priority = priority,
            CustomerId = c.H.Customer.Id,
            TeamId = options.TeamIds.TryGetValue(topic.Team, out var team) ? team : null,
            AssigneeId = agent,
            CreatedAtUtc = opened,
            TagsJson = JsonSerializer.Serialize(repeat ? new[] { topic.Topic, "repeat-contact" } : [topic.Topic]),
        };
        c.H.Tickets.Add(ticket);
        c.Event(opened, TouchpointTypes.TicketCreated, channel, new { ticket_id = ticket.Id, topic = topic.Topic, order_id = orderId }, refKind: TouchpointTypes.RefTicket, refId: ticket.Id);
        c.Message(ticket, AuthorKind.Customer, null, topic.Body, opened);
        c.Status(ticket, null, TicketStatus.New, opened, null);
        c.Status(ticket, TicketStatus.New, TicketStatus.Open, firstResponse, agent);
        c.Message(ticket, AuthorKind.Agent, agent, DemoText.AgentReplies[rnd.Next(DemoText.AgentReplies.Length)], firstResponse);
        var now = firstResponse;
        var rounds = rnd.Next(0, 3);
        for (var r = 0; r < rounds; r++)
        {
            c.Status(ticket, TicketStatus.Open, TicketStatus.Pending, now.AddMinutes(1), agent);
            var back = now.AddHours(rnd.Next(1, 30));
            c.Message(ticket, AuthorKind.Customer, null, DemoText.CustomerFollowUps[rnd.Next(DemoText.CustomerFollowUps.Length)], back);
            c.Status(ticket, TicketStatus.Pending, TicketStatus.Open, back, null);
            now = back.AddMinutes(longWait ? rnd.Next(600, 2000) : rnd.Next(10, 300));
            c.Message(ticket, AuthorKind.Agent, agent, DemoText.AgentReplies[rnd.Next(DemoText.AgentReplies.Length)], now);
        }
        var solved = now.AddMinutes(rnd.Next(5, 120));
        c.Status(ticket, TicketStatus.Open, TicketStatus.Solved, solved, agent);
        c.Event(solved, TouchpointTypes.TicketSolved, channel, new { ticket_id = ticket.Id }, refKind: TouchpointTypes.RefTicket, refId: ticket.Id);
        c.Status(ticket, TicketStatus.Solved, TicketStatus.Closed, solved.AddDays(4), null);
        // What happened after the demo's "today" was dropped above; the ticket stands where its history ends.
        Work(c.H, ticket);
        var last = c.H.StatusChanges.Last(x => x.TicketId == ticket.Id);
        ticket.Status = last.To;
        ticket.UpdatedAtUtc = c.H.Messages.Where(m => m.TicketId == ticket.Id).Max(m => m.CreatedAtUtc) is var lm && lm > last.AtUtc ? lm : last.AtUtc;
        ticket.SolvedAtUtc = c.H.StatusChanges.LastOrDefault(x => x.TicketId == ticket.Id && x.To == TicketStatus.Solved)?.AtUtc;
        if (ticket.SolvedAtUtc is null) return (longWait, solved);
        // CSAT after solve: about 40% answer.
        if (rnd.NextDouble() < 0.4)
        {
            var score = 4.5 + Normal(rnd) * 0.6 - (longWait ? 1.6 : 0) - (repeat ? 1.1 : 0) - (topic.Topic == "where_is_my_order" ? 0.4 : 0);
            c.Answer(options.CsatSurveyId, solved.AddHours(rnd.Next(1, 30)), Clamp((int)Math.Round(score), 1, 5), "", channel == "chat" ? "chat" : "email", "support", ticket.Id);
        }
        return (longWait, solved);
    }

    /// <summary>
    /// A phone number no other demo customer has: random numbers collide once there are thousands of customers,
    /// and a phone is an identity handle, so it must be unique. 7919 is prime to 90,000,000, so id -> number is
    /// one-to-one for every id below 90 million. The random draw is still made (and ignored) so that the rest of
    /// the random stream, and with it the figures in docs/demo-data.md, stay as they were.
    /// </summary>
    private static string UniquePhone(long id, int ignoredDraw)
    {
        _ = ignoredDraw;
        return $"+351 9{(id * 7919 % 90_000_000) + 10_000_000}";
    }

    private static double Normal(Random rnd)
    {
        // Box-Muller: enough for demo noise.
        var u1 = 1.0 - rnd.NextDouble();
        var u2 = rnd.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Clamp(int v, int min, int max) => Math.Min(max, Math.Max(min, v));

    private static string PickText(Random rnd, string[] pool) => pool[rnd.Next(pool.Length)];

    private static string Pick(Random rnd, (string Value, int Weight)[] choices)
    {
        var total = choices.Sum(c => c.Weight);
        var x = rnd.Next(total);
        foreach (var (value, weight) in choices)
        {
            if (x < weight) return value;
            x -= weight;
        }
        return choices[^1].Value;
    }

    /// <summary>Per-customer writing context: appends records with the generator's next ids.</summary>
    private sealed class Ctx(DemoGenerator g, DemoCustomerHistory h, Random rnd, short offset)
    {
        public DemoCustomerHistory H => h;
        public Random Rnd => rnd;

        public void Event(DateTime at, string type, string channel, object? props, decimal? value = null, string? refKind = null, long? refId = null)
        {
            if (at > g.EndUtc) return;
            var id = g._eventId++;
            h.Events.Add(new TouchpointEvent
            {
                Id = id,
                ClientEventId = $"demo-{id}",
                CustomerId = h.Customer.Id,
                Type = type,
                Channel = channel,
                OccurredAtUtc = at,
                OffsetMinutes = offset,
                ReceivedAtUtc = at,
                PropertiesJson = props is null ? null : JsonSerializer.Serialize(props),
                Value = value,
                Currency = value is null ? null : "EUR",
                Source = "demo",
                RefKind = refKind,
                RefId = refId,
            });
        }

        public void Message(Ticket t, AuthorKind author, long? userId, string body, DateTime at)
        {
            if (at > g.EndUtc) return;
            var m = new TicketMessage
            {
                Id = g._messageId++,
                TicketId = t.Id,
                Author = author,
                AuthorUserId = userId,
                Body = body,
                Channel = t.Channel,
                CreatedAtUtc = at,
            };
            h.Messages.Add(m);
            Event(at, TouchpointTypes.TicketMessage, t.Channel, new { ticket_id = t.Id, author = author.ToString().ToLowerInvariant() },
                refKind: TouchpointTypes.RefMessage, refId: m.Id);
        }

        public void Status(Ticket t, TicketStatus? from, TicketStatus to, DateTime at, long? by)
        {
            if (at > g.EndUtc) return;
            h.StatusChanges.Add(new TicketStatusChange { Id = g._statusId++, TicketId = t.Id, From = from, To = to, AtUtc = at, ByUserId = by });
        }

        public void Answer(long surveyId, DateTime at, int score, string comment, string channel, string touchpoint, long? ticketId)
        {
            if (at > g.EndUtc) return;
            var r = new SurveyResponse
            {
                Id = g._responseId++,
                SurveyId = surveyId,
                CustomerId = h.Customer.Id,
                Score = score,
                Comment = string.IsNullOrEmpty(comment) ? null : comment,
                Channel = channel,
                TicketId = ticketId,
                Touchpoint = touchpoint,
                ClientResponseId = null,
                AnsweredAtUtc = at,
                CompletedAtUtc = at,
                OffsetMinutes = offset,
            };
            h.Responses.Add(r);
            Event(at, TouchpointTypes.SurveyAnswered, channel, new { survey_id = surveyId, score, touchpoint },
                refKind: TouchpointTypes.RefSurveyResponse, refId: r.Id);
        }
    }
}
