using System.Text;
using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Service;

/// <summary>The values a macro's placeholders are filled with when it is applied to one ticket by one agent.</summary>
public sealed record MacroContext(string CustomerName, string? CustomerEmail, long TicketId, string TicketSubject, string AgentName);

/// <summary>
/// Placeholders of macros: <c>{{customer.name}}</c>, <c>{{customer.first_name}}</c>, <c>{{customer.email}}</c>,
/// <c>{{ticket.id}}</c>, <c>{{ticket.subject}}</c>, <c>{{agent.name}}</c>, <c>{{agent.first_name}}</c>.
/// An unknown placeholder is an error when the macro is saved, so a customer never receives "Dear {{custmer.name}}".
/// </summary>
public static partial class MacroTemplate
{
    public static readonly IReadOnlyList<string> Placeholders =
        ["customer.name", "customer.first_name", "customer.email", "ticket.id", "ticket.subject", "agent.name", "agent.first_name"];

    /// <summary>Placeholders in the text that are not known (spaces inside the braces are allowed).</summary>
    public static IReadOnlyList<string> Unknown(string body) =>
        Tokens().Matches(body).Select(m => m.Groups[1].Value.Trim().ToLowerInvariant()).Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    public static string Render(string body, MacroContext c)
    {
        var sb = new StringBuilder();
        var last = 0;
        foreach (Match m in Tokens().Matches(body))
        {
            sb.Append(body, last, m.Index - last);
            sb.Append(Value(m.Groups[1].Value.Trim().ToLowerInvariant(), c) ?? m.Value);
            last = m.Index + m.Length;
        }
        return sb.Append(body, last, body.Length - last).ToString();
    }

    private static string? Value(string name, MacroContext c) => name switch
    {
        "customer.name" => c.CustomerName,
        "customer.first_name" => FirstName(c.CustomerName),
        "customer.email" => c.CustomerEmail ?? "",
        "ticket.id" => "#" + c.TicketId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "ticket.subject" => c.TicketSubject,
        "agent.name" => c.AgentName,
        "agent.first_name" => FirstName(c.AgentName),
        _ => null,
    };

    private static string FirstName(string name) => name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    [GeneratedRegex(@"\{\{([^{}]{1,40})\}\}")]
    private static partial Regex Tokens();
}
