using Microsoft.AspNetCore.Diagnostics;

namespace Touchpoint.Web.Api;

/// <summary>
/// Bare status codes (401 from a challenge, 403, 404 from an unknown id or path, 405, 415 from routing, 413) become
/// problem documents on the API, whatever the Accept header says; pages keep the framework's default.
/// </summary>
public static class ApiStatusCodePages
{
    private static readonly StatusCodePagesOptions Default = new();

    public static IApplicationBuilder UseApiStatusCodePages(this IApplicationBuilder app) => app.UseStatusCodePages(HandleAsync);

    private static async Task HandleAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!ApiPaths.IsApi(http.Request.Path))
        {
            await Default.HandleAsync(context);
            return;
        }
        var status = http.Response.StatusCode;
        await TypedResults.Problem(statusCode: status, detail: Detail(status, http)).ExecuteAsync(http);
    }

    private static string? Detail(int status, HttpContext http) => status switch
    {
        401 => "Sign in, or send an API key as 'Authorization: Bearer tp_...' or 'X-Api-Key: tp_...'. " +
               "A wrong or revoked key is refused the same way.",
        403 => "Your role does not allow this call.",
        404 when http.GetEndpoint() is null => $"No API route matches {http.Request.Path}.",
        404 => "Nothing with this id exists.",
        405 => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
        // The binder answers Kestrel's "body too large" with a bare 413, so the limit is named here.
        413 => $"The body is larger than the limit of {Extensions.MaxRequestBody / (1024 * 1024)} MB.",
        415 => "Send the body as JSON with 'Content-Type: application/json'.",
        _ => null,
    };
}
