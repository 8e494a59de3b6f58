namespace Touchpoint.Web.Api;

/// <summary>
/// Which requests are API calls: they get status codes and problem documents, never a login redirect or an HTML
/// error page. The login form post counts too, so a bad or missing antiforgery token is a readable 400.
/// </summary>
public static class ApiPaths
{
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/account");

    public static bool IsApi(string path) => IsApi(new PathString(path));
}
