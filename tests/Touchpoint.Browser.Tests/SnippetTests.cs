using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// The web snippet on a shop page served from another origin (a second real server on another loopback port): page
/// view, custom event and identify reach Touchpoint, and the visitor's anonymous events end on the customer's timeline.
/// </summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class SnippetTests(SqliteBrowserFixture fx)
{
    /// <summary>
    /// A stand-in for a customer's own web site: one page with the snippet tag and one without, on its own port. The
    /// key is set after start, because a site key names the origin, which is known only once the site listens.
    /// </summary>
    private sealed class ShopSite : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public string Url { get; }
        public string Key { get; set; } = "";

        private ShopSite(WebApplication app) { _app = app; Url = app.Urls.First(); }

        public static async Task<ShopSite> StartAsync(string touchpoint)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            ShopSite? site = null;
            app.MapGet("/", () => Results.Content($"""
                <!doctype html><html><head><title>Lamps · Northwind shop</title><link rel="icon" href="data:,">
                <script async src="{touchpoint.TrimEnd('/')}/t.js" data-key="{site!.Key}"></script></head>
                <body><h1>Lamps</h1><a href="/other">Other page</a></body></html>
                """, "text/html; charset=utf-8"));
            app.MapGet("/other", () => Results.Content("<!doctype html><title>Other</title><link rel=\"icon\" href=\"data:,\"><p>elsewhere</p>", "text/html"));
            await app.StartAsync();
            site = new ShopSite(app);
            return site;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Waited 30 s for " + what);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Page_view_custom_event_and_identify_from_another_origin_land_on_the_customers_timeline()
    {
        var touchpoint = fx.App.BaseAddress.ToString();
        await using var shop = await ShopSite.StartAsync(touchpoint);
        Assert.NotEqual(new Uri(touchpoint).Port, new Uri(shop.Url).Port);
        var admin = fx.App.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await fx.App.CreateApiKeyAsync(Roles.Admin));
        var created = await admin.PostAsJsonAsync("/api/v1/site-keys", new { name = "Northwind shop", allowedOrigins = new[] { shop.Url } }, TestContext.Current.CancellationToken);
        shop.Key = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("key").GetString()!;

        var (page, errors) = await fx.NewPageAsync();
        await page.GotoAsync(shop.Url);
        await page.WaitForFunctionAsync("() => window.touchpoint && window.touchpoint.loaded");
        var visitor = await page.EvaluateAsync<string>("() => touchpoint.anonymousId()");
        Assert.Equal(visitor, await page.EvaluateAsync<string>("() => localStorage.getItem('tp_aid')"));

        // The page view is sent on its own; then a custom event.
        await WaitForAsync(() => fx.InStoreAsync(db => db.Events.AnyAsync(e => e.Type == "page.viewed" && e.Source == "snippet" && db.CustomerIdentities
            .Any(i => i.Kind == IdentityKind.Anonymous && i.Value == visitor && i.CustomerId == e.CustomerId))), "the page view");
        await page.EvaluateAsync("() => touchpoint.track('cart.created', { sku: 'LAMP-42', price: 59 })");
        var email = $"lena-{Guid.NewGuid():N}@example.org";
        await page.EvaluateAsync($"() => touchpoint.identify('{email}', {{ name: 'Lena Brandt' }})");

        var customerId = 0L;
        await WaitForAsync(async () =>
        {
            customerId = await fx.InStoreAsync(db => db.CustomerIdentities.Where(i => i.Kind == IdentityKind.Email && i.Value == email).Select(i => i.CustomerId).FirstOrDefaultAsync());
            return customerId != 0 && await fx.InStoreAsync(db => db.Events.CountAsync(e => e.CustomerId == customerId)) == 2;
        }, "identify to merge the visitor");
        var merged = await fx.InStoreAsync(db => db.Customers.Where(c => c.MergedIntoId == customerId).Select(c => c.Segment).ToListAsync());
        Assert.Equal(["anonymous"], merged);

        // Leaving the page sends what is queued by beacon; it lands on the same customer.
        await page.EvaluateAsync("() => touchpoint.track('wishlist.added', { sku: 'LAMP-7' })");
        await page.GetByRole(AriaRole.Link, new() { Name = "Other page" }).ClickAsync();
        await page.WaitForURLAsync("**/other");
        await WaitForAsync(() => fx.InStoreAsync(db => db.Events.AnyAsync(e => e.CustomerId == customerId && e.Type == "wishlist.added")), "the beacon on unload");

        // What the analyst sees: one customer, one timeline, the anonymous visit included.
        var (staff, staffErrors) = await fx.SignedInPageAsync();
        await staff.GotoAsync(fx.Url($"/customers/{customerId}"));
        await BrowserFixture.Interactive(staff);
        var timeline = staff.GetByTestId("timeline-entry");
        await Assertions.Expect(timeline).ToHaveCountAsync(3);
        Assert.Equal(["wishlist.added", "cart.created", "page.viewed"], await timeline.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.type)"));
        await Assertions.Expect(staff.GetByText("Lena Brandt").First).ToBeVisibleAsync();
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await staff.ScreenshotAsync(new() { Path = Path.Combine(dir, "snippet-customer.png"), FullPage = true });
        Assert.Empty(staffErrors);
        Assert.Empty(errors);
    }
}
