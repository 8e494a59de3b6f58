using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Data.Access;
using Touchpoint.Data.Store;
using Touchpoint.Testing;

namespace Touchpoint.Browser.Tests;

/// <summary>Touchpoint on a real loopback port with a 200-customer demo company, for a real browser.</summary>
public class BrowserApp(StoreProvider provider) : TouchpointApp(provider)
{
    public const int Customers = 200;
    protected override bool UseRealServer => true;
    protected override int DemoCustomers => Customers;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every test signs in from 127.0.0.1; about fifty sign-ins in three minutes would trip the 20-a-minute brake.
        builder.UseSetting("Security:LoginAttemptsPerMinute", "1000");
        // Outside Development the host serves only published assets; a browser needs blazor.web.js and MudBlazor's
        // files from the build output, as `dotnet run` serves them.
        Microsoft.AspNetCore.Hosting.WebHostBuilderExtensions.UseStaticWebAssets(builder);
    }
}

/// <summary>
/// One app and one headless Chromium (Debian's, not a Playwright download: the machine has no route to one) for a
/// whole test collection; each test gets its own browser context, so cookies never leak between tests. A test that
/// needs the app configured its own way (the chat widget test) passes that app in.
/// </summary>
public class BrowserFixture(TouchpointApp app) : IAsyncLifetime
{
    public BrowserFixture(StoreProvider provider) : this(new BrowserApp(provider)) { }

    public TouchpointApp App { get; } = app;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;
    private readonly List<(string? Test, IBrowserContext Context)> _contexts = [];

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public string Url(string path) => new Uri(App.BaseAddress, path).ToString();

    /// <summary>A fresh page with no cookies; console errors are collected so a test can assert there were none.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        // Tests of a collection run one at a time: close the pages of earlier tests, whose live circuits (and their
        // timers) otherwise pile up on the shared server and slowed the last tests of a run into timeouts.
        var test = TestContext.Current.Test?.UniqueID;
        foreach (var done in _contexts.Where(c => c.Test != test).ToList())
        {
            await done.Context.CloseAsync();
            _contexts.Remove(done);
        }
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        _contexts.Add((test, context));
        context.SetDefaultTimeout(45_000);
        // Assertions wait as long as actions: the first analytic page of a run catches the DuckDB mirror up, which on
        // a loaded 2-core CI machine can take longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(45_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        return (page, errors);
    }

    /// <summary>Signs in through the login form and waits until the overview is interactive.</summary>
    public async Task<(IPage Page, List<string> Errors)> SignedInPageAsync(string email = TouchpointApp.AdminEmail, string password = TouchpointApp.AdminPassword)
    {
        var (page, errors) = await NewPageAsync();
        await page.GotoAsync(Url("/login"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(Url("/"));
        try
        {
            await Interactive(page);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("The overview never became interactive. Browser errors: " + string.Join(" | ", errors), e);
        }
        // The overview draws its charts after its figures load; tests go on from a settled overview so that what they
        // measure is the page they test. (Leaving earlier is safe: wwwroot/js/plotly-guard.js, ChartRaceTests.)
        await page.GetByTestId("kpi-customers").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#chart-touchpoints, #chart-channels')].every(w => w.querySelector('.js-plotly-plot'))");
        return (page, errors);
    }

    /// <summary>A click sent before the circuit connects is lost: wait for the marker the layout sets once interactive.</summary>
    public static Task Interactive(IPage page) =>
        page.Locator("#tp-ready[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task<TResult> InStoreAsync<TResult>(Func<TouchpointDb, Task<TResult>> read)
    {
        await using var db = App.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await read(db);
    }

    public async Task CreateUserAsync(string email, string role, string password)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null) return;
        var result = await users.CreateAsync(new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = role + " user", Role = role, CreatedAtUtc = DateTime.UtcNow,
        }, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteBrowserFixture() : BrowserFixture(StoreProvider.Sqlite);

public sealed class PostgresBrowserFixture() : BrowserFixture(StoreProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteBrowserCollection : ICollectionFixture<SqliteBrowserFixture>
{
    public const string Name = "Browser on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresBrowserCollection : ICollectionFixture<PostgresBrowserFixture>
{
    public const string Name = "Browser on PostgreSQL";
}
