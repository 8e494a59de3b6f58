using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Touchpoint.Web.Api;

/// <summary>
/// Turns every failure on the API into an RFC 7807 problem document: malformed or unknown JSON, wrong types, bad
/// query values, bodies over the size limit, and unexpected exceptions (whose details are logged, never sent).
/// Where the fault is in one field, the document has an <c>errors</c> entry keyed by that field, as validation
/// problems do, so clients handle both the same way.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        // UseExceptionHandler("/error") has already rewritten Request.Path to the error page before handlers run;
        // the feature keeps the path the client asked for.
        var path = ctx.Features.Get<IExceptionHandlerFeature>()?.Path ?? ctx.Request.Path.Value ?? "";
        if (!ApiPaths.IsApi(path))
        {
            // Pages get the error page (re-executed by the exception handler middleware), not JSON.
            log.LogError(exception, "Unhandled exception on {Path}", path);
            return false;
        }
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (413, "Request body too large", $"The body is larger than the limit of {Extensions.MaxRequestBody / (1024 * 1024)} MB."),
            BadHttpRequestException b => (b.StatusCode, b.InnerException is JsonException ? "Invalid JSON" : "Invalid request", Describe(b)),
            JsonException j => (400, "Invalid JSON", Describe(j)),
            _ => (500, "Unexpected error", "The server could not complete the request; it has been logged."),
        };
        if (status == 500) log.LogError(exception, "Unhandled exception on {Path}", path);
        var problem = FieldOf(exception) is { } field
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        ctx.Response.StatusCode = status;
        // Written as problem+json whatever the Accept header says: an API client must get a machine-readable error.
        ctx.Response.ContentType = "application/problem+json";
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = ctx, Exception = exception, ProblemDetails = problem }))
            return true;
        await ctx.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json", ct);
        return true;
    }

    /// <summary>The JSON reader's message names the path and position of the fault; type names are ours, not the client's.</summary>
    private static string Describe(Exception e) => e switch
    {
        BadHttpRequestException { InnerException: JsonException j } => Describe(j),
        BadHttpRequestException b => b.Message,
        JsonException j when UnknownMember().Match(j.Message) is { Success: true } m =>
            $"Unknown field '{m.Groups[1].Value}'{At(j)}: fields are matched exactly, so a typo would otherwise lose data.",
        JsonException j when !IsMalformed(j) && j.Path is { Length: > 1 } =>
            $"The value at {j.Path} has the wrong type{Line(j)}.",
        JsonException j => $"The body is not valid JSON{At(j)}{Line(j)}.",
        _ => e.Message,
    };

    private static string At(JsonException j) => j.Path is { Length: > 1 } p ? $" at {p}" : "";

    private static string Line(JsonException j) => j.LineNumber is { } l ? $" (line {l + 1}, byte {j.BytePositionInLine + 1})" : "";

    /// <summary>
    /// The field a binding failure is about, as the client spells it: the JSON path without "$." for bodies,
    /// the parameter name for query and route values; null when the fault is not in one field.
    /// </summary>
    internal static string? FieldOf(Exception e) => e switch
    {
        BadHttpRequestException { InnerException: JsonException j } => FieldOf(j),
        BadHttpRequestException b when BoundParameter().Match(b.Message) is { Success: true } m => m.Groups[1].Value,
        JsonException j when UnknownMember().Match(j.Message) is { Success: true } m => UnknownField(j.Path, m.Groups[1].Value),
        JsonException { Path: { Length: > 2 } p } j when !IsMalformed(j) => p[2..],
        _ => null,
    };

    /// <summary>Broken syntax (the reader's own exception inside) is not about one field; a wrong type is.</summary>
    private static bool IsMalformed(JsonException j) => j.InnerException is JsonException;

    private static string UnknownField(string? path, string name)
    {
        var p = path is { Length: > 2 } ? path[2..] : "";
        // Depending on where it stops, the serializer reports the unknown member's path or its parent's.
        return p.Length == 0 ? name : p == name || p.EndsWith("." + name, StringComparison.Ordinal) ? p : $"{p}.{name}";
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]*\s)?([A-Za-z_][A-Za-z0-9_]*)" from""")]
    private static partial Regex BoundParameter();
}
