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

    /// <summary>"name" + "is required" → "Name is required."; messages that are sentences already stay as they are.</summary>
    internal static string Sentence(string field, string message)
    {
        var text = message.Length > 0 && char.IsUpper(message[0]) ? message : $"{char.ToUpperInvariant(field[0])}{field[1..]} {message}";
        return text.EndsWith('.') ? text : text + ".";
    }
}
