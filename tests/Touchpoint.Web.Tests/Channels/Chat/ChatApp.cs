using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Channels.Support;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels.Chat;

/// <summary>
/// The app with one chat site ("shop", pages at https://shop.example), an identity secret, a line limit of 5 a
/// minute so floods are reached quickly, and a business calendar that is always open (or, with <see cref="Away"/>,
/// closed today: the days around today are holidays) with replies going to a <see cref="RelayPeer"/>.
/// </summary>
public class ChatApp(StoreProvider provider, bool away = false) : TouchpointApp(provider)
{
    public const string Site = "shop";
    public const string Origin = "https://shop.example";
    public const string Secret = "chat-identity-secret-for-tests-0123";
    public const int LinesPerMinute = 5;

    public bool Away { get; } = away;
    public RelayPeer Relay { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Touchpoint:Chat:Sites:shop:AllowedOrigins", Origin + ", http://localhost:1");
        builder.UseSetting("Touchpoint:Chat:Sites:shop:IdentitySecret", Secret);
        builder.UseSetting("Touchpoint:Chat:MaxLinesPerMinute", LinesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:TimeZone", "UTC");
        builder.UseSetting("Touchpoint:BusinessHours", "mon-sun 00:00-24:00");
        if (Away)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            builder.UseSetting("Touchpoint:Holidays", string.Join(",", Enumerable.Range(-1, 3).Select(d => today.AddDays(d).ToString("yyyy-MM-dd"))));
        }
        builder.UseSetting("Touchpoint:Email:Relay:Host", "127.0.0.1");
        builder.UseSetting("Touchpoint:Email:Relay:Port", Relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:Email:Relay:Security", "none");
    }

    /// <summary>A visitor: a client that holds the token of a fresh conversation, as the widget keeps it in localStorage.</summary>
    public async Task<(HttpClient Client, JsonElement Session)> VisitorAsync(object? extra = null)
    {
        var client = CreateClient();
        var body = extra ?? new { site = Site };
        var session = await (await client.PostAsync("/chat/session", Json(body), Ct)).ReadJsonAsync();
        client.DefaultRequestHeaders.Add("X-Chat-Token", session.GetProperty("token").GetString());
        return (client, session);
    }

    /// <summary>The ticket a stored chat line (its message id) was written to.</summary>
    public Task<long> TicketOfAsync(long messageId) =>
        this.QueryAsync(db => db.TicketMessages.Where(m => m.Id == messageId).Select(m => m.TicketId).FirstAsync(Ct));

    public override async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteChatApp() : ChatApp(StoreProvider.Sqlite);

public sealed class PostgresChatApp() : ChatApp(StoreProvider.Postgres);

public sealed class SqliteAwayChatApp() : ChatApp(StoreProvider.Sqlite, away: true);

public sealed class PostgresAwayChatApp() : ChatApp(StoreProvider.Postgres, away: true);

public static class ChatLines
{
    public static Task<HttpResponseMessage> SayAsync(this HttpClient visitor, string text, string? clientId = null) =>
        visitor.PostAsync("/chat/messages", Json(new { clientId = clientId ?? Guid.NewGuid().ToString("N"), text }), Ct);

    public static async Task<List<(string Author, string Text)>> LinesAsync(this HttpClient visitor)
    {
        var r = await (await visitor.GetAsync("/chat/messages", Ct)).ReadJsonAsync();
        return r.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("author").GetString()!, l.GetProperty("text").GetString()!)).ToList();
    }

    public static Task<T?> Read<T>(this HttpResponseMessage r) => r.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, Ct);
}
