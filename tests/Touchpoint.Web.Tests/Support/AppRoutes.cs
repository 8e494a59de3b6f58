using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests.Support;

/// <summary>One route the app answers, as read from its EndpointDataSource (not a hand-kept list).</summary>
public sealed record AppRoute(string Pattern, string Method, bool Anonymous, string? Policy, bool IsStaticAsset)
{
    /// <summary>A concrete URL for the pattern: parameters get a value no row has, catch-alls a dummy path.</summary>
    public string Url
    {
        get
        {
            var url = System.Text.RegularExpressions.Regex.Replace(Pattern, @"\{\*\*[^}]+\}", "x.txt");
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{documentName\??\}", "v1");
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[^}]+\}", "987654321");
            return url.StartsWith('/') ? url : "/" + url;
        }
    }

    public bool IsApi => Pattern.StartsWith("/api/v1", StringComparison.Ordinal) || Pattern.StartsWith("/openapi", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Pattern}";
}

public static class AppRoutes
{
    public static IReadOnlyList<AppRoute> Of(TouchpointApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
                var policy = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
                return methods.Where(x => x != "HEAD").Select(method => new AppRoute(
                    e.RoutePattern.RawText ?? "", method, e.Metadata.GetMetadata<IAllowAnonymous>() is not null, policy,
                    e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null));
            })
            .Distinct()
            .ToList();
}
