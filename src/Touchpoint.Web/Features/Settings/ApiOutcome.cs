using Microsoft.AspNetCore.Http.HttpResults;

namespace Touchpoint.Web.Features.Settings;

/// <summary>
/// What an API handler answered, read back for a page: the value on success, or the validation messages as
/// sentences. The Settings pages call the API's own handlers, so a rule (password length, duplicate team name,
/// last admin) is written once and the page and the API can never disagree.
/// </summary>
public sealed record ApiOutcome<T>(T? Value, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0 && Value is not null;
}

public static class ApiOutcome
{
    public static ApiOutcome<T> Read<T>(IResult result) where T : class => result switch
    {
        INestedHttpResult nested => Read<T>(nested.Result),
        IValueHttpResult<T> { Value: { } v } => new(v, []),
        ValidationProblem vp => new(null, vp.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => Sentence(e.Key, m))).ToList()),
        NotFound => new(null, ["It no longer exists; reload the page."]),
        _ => new(null, ["The change was not saved (" + result.GetType().Name + ")."]),
    };

    /// <summary>
    /// "name" + "is required" → "Name is required."; "name" + "another team has this name" → "Name: another team has
    /// this name."; messages that are sentences already (Identity's) stay as they are.
    /// </summary>
    internal static string Sentence(string field, string message)
    {
        if (message.Length > 0 && char.IsUpper(message[0])) return message.EndsWith('.') ? message : message + ".";
        var label = System.Text.RegularExpressions.Regex.Replace(field, "([a-z])([A-Z])", "$1 $2").ToLowerInvariant();
        label = char.ToUpperInvariant(label[0]) + label[1..];
        var joined = message.StartsWith("is ", StringComparison.Ordinal) || message.StartsWith("must ", StringComparison.Ordinal)
            || message.StartsWith("has ", StringComparison.Ordinal) ? $"{label} {message}" : $"{label}: {message}";
        return joined.EndsWith('.') ? joined : joined + ".";
    }
}
