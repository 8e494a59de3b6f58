using Scalar.AspNetCore;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Api;

/// <summary>Marks the browsable API reference: a page for people, so strangers are sent to the login page.</summary>
public sealed class ApiReferencePage;

public static class ApiReference
{
    public const string Path = "/api";
    public const string DocumentName = "v1";

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json and the Scalar reference at /api. Scalar's route is
    /// "/api/{documentName?}", which would answer any one-segment path under /api with a reference page for a
    /// document that does not exist; those get the API's 404 problem instead.
    /// </summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireAuthorization(Policies.Read);
        app.MapScalarApiReference(Path, o => o.WithTitle("Touchpoint API"))
            .RequireAuthorization(Policies.Read)
            .WithMetadata(new ApiReferencePage())
            .AddEndpointFilter(async (ctx, next) =>
                ctx.HttpContext.GetRouteValue("documentName") is string name && name != DocumentName
                    ? TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"No API route matches {ctx.HttpContext.Request.Path}.")
                    : await next(ctx));
        return app;
    }
}
