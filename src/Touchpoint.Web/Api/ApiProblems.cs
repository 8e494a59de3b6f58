using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Touchpoint.Web.Api;

/// <summary>
/// Turns every failure on the API into an RFC 7807 problem document: malformed or unknown JSON, bodies over the
/// size limit, and unexpected exceptions (whose details are logged, never sent).
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (!IsApi(ctx.Request.Path))
        {
            // Pages get the error page (re-executed by the exception handler middleware), not JSON.
            log.LogError(exception, "Unhandled exception on {Path}", ctx.Request.Path);
            return false;
        }
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (413, "Request body too large", b.Message),
            BadHttpRequestException b => (b.StatusCode, "Invalid request", Describe(b)),
            JsonException j => (400, "Invalid JSON", j.Message),
            _ => (500, "Unexpected error", "The server could not complete the request; it has been logged."),
        };
        if (status == 500) log.LogError(exception, "Unhandled exception on {Path}", ctx.Request.Path);
        ctx.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/account");

    /// <summary>The binder's message plus the JSON reader's, which names the path and line of the fault.</summary>
    private static string Describe(BadHttpRequestException b)
    {
        var inner = b.InnerException switch
        {
            JsonException j => j.Message,
            { } e => e.Message,
            null => null,
        };
        return inner is null ? b.Message : $"{b.Message} {inner}";
    }
}

/// <summary>Helpers for field-level validation problems (400, with errors keyed by field name).</summary>
public static class Validation
{
    public static ValidationProblem Problem(params (string Field, string Message)[] errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static ValidationProblem Problem(IEnumerable<Domain.Journeys.FieldError> errors) =>
        Problem(errors.Select(e => (e.Field, e.Message)).ToArray());
}
