using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

/// <summary>Writes a ticket's thread and state history in test order, like the desk would have recorded it.</summary>
internal sealed class TicketStory
{
    public static readonly BusinessCalendar Lisbon = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.OfficeWeek);

    // Monday 2 March 2026; Lisbon is on UTC then, so local and UTC hours coincide.
    public static DateTime Mon(int h, int m = 0, int s = 0) => new(2026, 3, 2, h, m, s, DateTimeKind.Utc);
    public static DateTime Day(int day, int h, int m = 0) => new(2026, 3, day, h, m, 0, DateTimeKind.Utc);

    private readonly Ticket _ticket;
    private readonly List<TicketMessage> _messages = [];
    private readonly List<TicketStatusChange> _changes = [];
    private readonly List<WorkSession> _work = [];
    private TicketStatus _status = TicketStatus.New;
    private long _nextId = 1;

    public TicketStory(DateTime created, string channel = "email", TicketPriority priority = TicketPriority.Normal, long? assignee = 7, long id = 1)
    {
        _ticket = new Ticket { Id = id, Channel = channel, Priority = priority, AssigneeId = assignee, CreatedAtUtc = created, Status = TicketStatus.New };
        _changes.Add(new TicketStatusChange { Id = _nextId++, TicketId = id, To = TicketStatus.New, AtUtc = created });
    }

    public TicketStory Customer(DateTime at, bool automatic = false) => Add(AuthorKind.Customer, at, null, automatic: automatic);
    public TicketStory Agent(DateTime at, long agent = 7) => Add(AuthorKind.Agent, at, agent);
    public TicketStory Note(DateTime at, long agent = 7) => Add(AuthorKind.Agent, at, agent, internalNote: true);
    public TicketStory AutoReply(DateTime at) => Add(AuthorKind.Agent, at, null, automatic: true);
    public TicketStory Bot(DateTime at) => Add(AuthorKind.Bot, at, null, automatic: true);

    /// <summary>A stretch of work by an agent; with no end it never ended and counts to its last heartbeat.</summary>
    public TicketStory Work(long agent, DateTime start, DateTime lastSeen, DateTime? ended = null, WorkSource source = WorkSource.Workspace)
    {
        _work.Add(new WorkSession { Id = _nextId++, TicketId = _ticket.Id, UserId = agent, Source = source, StartedAtUtc = start, LastSeenAtUtc = lastSeen, EndedAtUtc = ended });
        return this;
    }

    public TicketStory Status(DateTime at, TicketStatus to)
    {
        _changes.Add(new TicketStatusChange { Id = _nextId++, TicketId = _ticket.Id, From = _status, To = to, AtUtc = at });
        _status = to;
        return this;
    }

    public TicketHistory History()
    {
        _ticket.Status = _status;
        return new TicketHistory(_ticket, _messages, _changes, _work);
    }

    public TicketMeasures Measure(DateTime asOf, BusinessCalendar? calendar = null, string segment = "consumer") =>
        new(History(), segment, calendar ?? Lisbon, SlaPolicy.Default, asOf);

    private TicketStory Add(AuthorKind author, DateTime at, long? user, bool internalNote = false, bool automatic = false)
    {
        _messages.Add(new TicketMessage
        {
            Id = _nextId++, TicketId = _ticket.Id, Author = author, AuthorUserId = user, IsInternal = internalNote, IsAutomatic = automatic,
            Channel = _ticket.Channel, CreatedAtUtc = at,
        });
        return this;
    }
}
