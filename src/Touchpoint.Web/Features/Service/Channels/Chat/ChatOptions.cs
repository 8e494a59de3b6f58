namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>One site that embeds the widget: the origins its pages are served from, and its identity secret.</summary>
public sealed record ChatSite(string Key, IReadOnlyList<string> AllowedOrigins, string? IdentitySecret, long? TeamId)
{
    public bool Allows(string origin) => AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Touchpoint:Chat (docs/configuration.md, docs/chat.md). Sites are configured, not created in the UI: the allowed
/// origins and the identity secret are security settings that belong with the deployment.
/// </summary>
public sealed record ChatOptions(IReadOnlyDictionary<string, ChatSite> Sites, int MaxLinesPerMinute, int MaxSessionsPerAddressPerHour, TimeSpan TokenLifetime)
{
    public bool AllowsOriginOfAnySite(string origin) => Sites.Values.Any(s => s.Allows(origin));

    public static ChatOptions From(IConfiguration config)
    {
        var chat = config.GetSection("Touchpoint:Chat");
        var sites = new Dictionary<string, ChatSite>(StringComparer.Ordinal);
        foreach (var s in chat.GetSection("Sites").GetChildren())
        {
            var origins = s.GetSection("AllowedOrigins");
            // A comma-separated string (easy in an environment variable) or a JSON array.
            var list = origins.Value is { } csv
                ? csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : origins.GetChildren().Select(o => o.Value ?? "").Where(o => o.Length > 0).ToArray();
            sites[s.Key] = new ChatSite(s.Key, list.Select(o => o.TrimEnd('/')).ToList(), s["IdentitySecret"] is { Length: > 0 } secret ? secret : null,
                long.TryParse(s["TeamId"], out var team) ? team : null);
        }
        return new ChatOptions(sites, chat.GetValue("MaxLinesPerMinute", 20), chat.GetValue("MaxSessionsPerAddressPerHour", 60),
            TimeSpan.FromDays(chat.GetValue("TokenDays", 30)));
    }
}
