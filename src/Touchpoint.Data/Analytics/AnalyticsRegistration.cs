using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Touchpoint.Data.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>Journey analytics on a DuckDB mirror of the event store, kept in step by a background service.</summary>
    public static IServiceCollection AddJourneyAnalytics(this IServiceCollection services, AnalyticsOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<AnalyticsDatabase>();
        services.AddSingleton<AnalyticsMirror>();
        services.AddSingleton<FrictionFacts>();
        services.AddSingleton<PathTimeline>();
        services.AddSingleton<TypeTimes>();
        services.AddSingleton<IJourneyAnalytics, DuckDbJourneyAnalytics>();
        services.AddSingleton<Journeys.FrictionReportCache>();
        services.AddHostedService<AnalyticsMirrorService>();
        return services;
    }

    /// <summary>Section "Analytics"; the mirror file defaults to analytics.duckdb in the data directory.</summary>
    public static AnalyticsOptions OptionsFrom(IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection("Analytics").Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        if (string.IsNullOrWhiteSpace(configuration["Analytics:MirrorPath"])) options.MirrorPath = Path.Combine(dataDirectory, "analytics.duckdb");
        return options;
    }
}
