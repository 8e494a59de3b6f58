using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Touchpoint.Data.Store;
using Touchpoint.Testing;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// A customer's own web site for the chat test: a tiny static server on another loopback port (so another origin than
/// Touchpoint) whose only page embeds the widget with the one script tag from docs/chat.md.
/// </summary>
public sealed class HostSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string Origin { get; }

    /// <summary>Where the page loads the widget from; set once Touchpoint is listening.</summary>
    public string TouchpointUrl { get; set; } = "";

    private HostSite(WebApplication app, string origin) => (_app, Origin) = (app, origin);

    public static async Task<HostSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        HostSite? site = null;
        app.MapGet("/", () => Results.Content($$"""
            <!doctype html><html><head><title>Northwind Home shop</title>
            <style>* { font-family: Georgia, serif !important; color: red !important; } div, button, input, textarea { display: inline !important; }</style></head>
            <body><h1>Northwind Home</h1><p>Sofas, lamps and rugs.</p>
            <script src="{{site!.TouchpointUrl}}/chat/widget.js" data-site="shop" async></script></body></html>
            """, "text/html"));
        app.MapGet("/favicon.ico", () => Results.NoContent());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // "localhost" rather than 127.0.0.1: another host name as well as another port than Touchpoint's.
        site = new HostSite(app, address.Replace("127.0.0.1", "localhost").TrimEnd('/'));
        return site;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>
/// Touchpoint with the chat site "shop" allowed for the host site's origin, for a real browser: always open, or (away)
/// closed today because the days around today are holidays.
/// </summary>
public sealed class ChatBrowserApp(string hostOrigin, bool away) : TouchpointApp(StoreProvider.Sqlite)
{
    protected override bool UseRealServer => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WebHostBuilderExtensions.UseStaticWebAssets(builder);
        builder.UseSetting("Touchpoint:Chat:Sites:shop:AllowedOrigins", hostOrigin);
        builder.UseSetting("Touchpoint:TimeZone", "UTC");
        builder.UseSetting("Touchpoint:BusinessHours", "mon-sun 00:00-24:00");
        if (away)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            builder.UseSetting("Touchpoint:Holidays", string.Join(",", Enumerable.Range(-1, 3).Select(d => today.AddDays(d).ToString("yyyy-MM-dd"))));
        }
    }
}

/// <summary>The host site, Touchpoint and a browser (the same Debian Chromium as <see cref="BrowserFixture"/>).</summary>
public class ChatBrowserFixture : IAsyncLifetime
{
    protected virtual bool Away => false;

    public HostSite Site { get; private set; } = null!;
    public ChatBrowserApp App { get; private set; } = null!;
    public BrowserFixture Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await HostSite.StartAsync();
        App = new ChatBrowserApp(Site.Origin, Away);
        Browser = new ChatBrowsers(App);
        await Browser.InitializeAsync();
        Site.TouchpointUrl = App.BaseAddress.ToString().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Site.DisposeAsync();
    }

    /// <summary>BrowserFixture's browser and sign-in, driving this fixture's app.</summary>
    private sealed class ChatBrowsers(ChatBrowserApp app) : BrowserFixture(app);
}

/// <summary>The same, outside business hours.</summary>
public sealed class AwayChatBrowserFixture : ChatBrowserFixture
{
    protected override bool Away => true;
}

/// <summary>A visitor on the customer's site and a signed-in agent chat live, each seeing the other's lines without a reload.</summary>
public sealed class ChatWidgetFlowTests(ChatBrowserFixture fx) : IClassFixture<ChatBrowserFixture>
{
    [Fact]
    public async Task A_visitor_on_another_site_and_an_agent_exchange_messages_live()
    {
        var browser = fx.Browser;
        var (agent, agentErrors) = await browser.SignedInPageAsync();
        await agent.GotoAsync(browser.Url("/service/inbox?view=all"));
        await BrowserFixture.Interactive(agent);

        var (visitor, visitorErrors) = await browser.NewPageAsync();
        await visitor.GotoAsync(fx.Site.Origin + "/");
        await visitor.GetByTestId("chat-launcher").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-status")).ToHaveTextAsync("We are here");
        await visitor.GetByTestId("chat-input").FillAsync("Hello, is the oak table <b>in stock</b>?");
        await visitor.GetByTestId("chat-send").ClickAsync();
        try
        {
            await Assertions.Expect(visitor.GetByTestId("chat-line-visitor")).ToHaveTextAsync("Hello, is the oak table <b>in stock</b>?");
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException("The visitor's line never showed. Browser errors: " + string.Join(" | ", visitorErrors), e);
        }

        // The new chat ticket appears in the agent's inbox without a reload.
        var row = agent.GetByTestId("inbox-row").Filter(new() { HasTextString = "Chat: Hello, is the oak table" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        var ticketId = await row.GetAttributeAsync("data-ticket");
        await agent.GotoAsync(browser.Url($"/service/tickets/{ticketId}"));
        await BrowserFixture.Interactive(agent);
        await Assertions.Expect(agent.GetByTestId("ticket-message").First).ToContainTextAsync("Hello, is the oak table <b>in stock</b>?");

        // Each sees the other typing: the visitor's box with text shows on the agent's page, the agent's reply box in the widget.
        await visitor.GetByTestId("chat-input").PressSequentiallyAsync("And the chairs");
        await Assertions.Expect(agent.GetByTestId("visitor-typing")).ToBeVisibleAsync();
        var shots = Path.Combine(Path.GetTempPath(), "tp-shots");
        Directory.CreateDirectory(shots);
        await agent.ScreenshotAsync(new() { Path = Path.Combine(shots, "chat-visitor-typing.png") });
        await visitor.GetByTestId("chat-input").FillAsync("");
        await Assertions.Expect(agent.GetByTestId("visitor-typing")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await agent.GetByTestId("reply-body").FillAsync("Yes, we have three. Shall I reserve one?");
        await Assertions.Expect(visitor.GetByTestId("chat-typing")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-typing")).ToHaveTextAsync("An agent is typing\u2026");
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(shots, "chat-agent-typing.png") });
        await agent.GetByTestId("reply-send").ClickAsync();

        // The visitor sees the reply without reloading (and no longer the agent typing), answers, and the agent sees that live too.
        await Assertions.Expect(visitor.GetByTestId("chat-line-agent")).ToHaveTextAsync("Yes, we have three. Shall I reserve one?");
        await Assertions.Expect(visitor.GetByTestId("chat-typing")).ToBeHiddenAsync();
        await visitor.GetByTestId("chat-input").FillAsync("Yes please, for Saturday.");
        await visitor.GetByTestId("chat-input").PressAsync("Enter");
        await Assertions.Expect(agent.GetByTestId("ticket-message")).ToHaveCountAsync(3);
        await Assertions.Expect(agent.GetByTestId("ticket-message").Nth(2)).ToContainTextAsync("Yes please, for Saturday.");

        // The visitor leaves name and email: the agent's page follows (the anonymous profile merged into the customer).
        await Assertions.Expect(agent.GetByTestId("chat-visitor")).ToHaveTextAsync("anonymous visitor");
        await visitor.GetByTestId("chat-leave-email").ClickAsync();
        await visitor.GetByTestId("chat-name").FillAsync("Rita Alves");
        await visitor.GetByTestId("chat-email").FillAsync($"rita.{Guid.NewGuid():N}@example.com");
        await visitor.GetByTestId("chat-identify-send").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-identify")).ToBeHiddenAsync();
        await Assertions.Expect(agent.GetByTestId("chat-visitor")).ToHaveTextAsync("visitor gave an email (not verified)");
        await Assertions.Expect(agent.GetByTestId("ticket-customer")).ToHaveTextAsync("Rita Alves");

        // The host page's hostile CSS did not reach into the widget.
        var color = await visitor.GetByTestId("chat-send").EvaluateAsync<string>("b => getComputedStyle(b).color");
        Assert.Equal("rgb(255, 255, 255)", color);
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(shots, "chat-widget.png") });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(shots, "chat-ticket.png"), FullPage = true });
        Assert.Empty(visitorErrors);
        Assert.Empty(agentErrors);
    }
}

/// <summary>Outside business hours the widget says so and asks for an email before the visitor's line is taken.</summary>
public sealed class ChatWidgetAfterHoursTests(AwayChatBrowserFixture fx) : IClassFixture<AwayChatBrowserFixture>
{
    [Fact]
    public async Task Away_the_widget_asks_for_an_email_first_and_then_takes_the_line_for_an_email_follow_up()
    {
        var (visitor, errors) = await fx.Browser.NewPageAsync();
        await visitor.GotoAsync(fx.Site.Origin + "/");
        await visitor.GetByTestId("chat-launcher").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-status")).ToHaveTextAsync("We are away");
        await Assertions.Expect(visitor.GetByTestId("chat-away")).ToContainTextAsync("Leave your email and we will answer you by email");
        await Assertions.Expect(visitor.GetByTestId("chat-identify")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-send")).ToBeDisabledAsync();
        var shots = Path.Combine(Path.GetTempPath(), "tp-shots");
        Directory.CreateDirectory(shots);
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(shots, "chat-away.png") });

        var email = $"late.{Guid.NewGuid():N}@example.com";
        await visitor.GetByTestId("chat-email").FillAsync(email);
        await visitor.GetByTestId("chat-identify-send").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-identify")).ToBeHiddenAsync();
        await visitor.GetByTestId("chat-input").FillAsync("Can I change my delivery address?");
        await visitor.GetByTestId("chat-send").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("chat-line-visitor")).ToHaveTextAsync("Can I change my delivery address?");

        var followUp = await fx.Browser.InStoreAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Touchpoint.Domain.Service.Channels.Chat.ChatConversation>(), c => c.TicketId != null));
        Assert.True(followUp.FollowUpByEmail);
        Assert.Empty(errors);
    }
}
