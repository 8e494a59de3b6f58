namespace Touchpoint.Domain.Service.Routing;

/// <summary>
/// One test on a ticket. <see cref="Field"/> is one of <see cref="RuleFields"/> (or "field:&lt;key&gt;" for a custom
/// field); <see cref="Op"/> is one of <see cref="RuleOps"/>; <see cref="Values"/> is a list: "is" holds when the
/// ticket's value is any of them.
/// </summary>
public sealed record RuleCondition(string Field, string Op, IReadOnlyList<string> Values);

public static class RuleFields
{
    public const string Channel = "channel";
    public const string Segment = "segment";

    /// <summary>Subject and the triggering message's text (for time triggers: the first message).</summary>
    public const string Content = "content";
    public const string Priority = "priority";
    public const string Tag = "tag";
    public const string Team = "team";
    public const string Mailbox = "mailbox";
    public const string Status = "status";
    public const string CustomFieldPrefix = "field:";

    public static readonly IReadOnlyList<string> Plain = [Channel, Segment, Content, Priority, Tag, Team, Mailbox, Status];
}

public static class RuleOps
{
    /// <summary>The value is one of the list (channel, segment, priority, team, mailbox, status, custom field).</summary>
    public const string Is = "is";
    public const string IsNot = "is_not";

    /// <summary>Subject or text contains any of the words, case-insensitive (content only).</summary>
    public const string ContainsAny = "contains_any";
    public const string ContainsNone = "contains_none";

    /// <summary>The ticket has any / none of the tags (tag only).</summary>
    public const string HasAny = "has_any";
    public const string HasNone = "has_none";

    /// <summary>The operators each field accepts.</summary>
    public static IReadOnlyList<string> For(string field) => field switch
    {
        RuleFields.Content => [ContainsAny, ContainsNone],
        RuleFields.Tag => [HasAny, HasNone],
        _ => [Is, IsNot],
    };
}
