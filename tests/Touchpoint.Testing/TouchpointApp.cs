using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Xunit;

namespace Touchpoint.Testing;

/// <summary>
/// Touchpoint hosted for tests on a real store: a fresh SQLite file or a fresh PostgreSQL database per instance,
/// with a known admin password and, optionally, a small demo company.
/// </summary>
public class TouchpointApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "correct-horse-battery-staple";

    public StoreProvider Provider { get; }
    public string ConnectionString { get; private set; } = "";

    /// <summary>Customers in the demo company loaded on start; 0 loads none.</summary>
    protected virtual int DemoCustomers => 0;

    /// <summary>Serve on a real loopback port (for browsers) instead of the in-memory test server.</summary>
    protected virtual bool UseRealServer => false;

    private string? _sqliteDir;

    public TouchpointApp(StoreProvider provider) => Provider = provider;

    public virtual async ValueTask InitializeAsync()
    {
        if (Provider == StoreProvider.Postgres)
            ConnectionString = await PostgresServer.CreateDatabaseAsync("tp");
        else
        {
            _sqliteDir = TestTemp.Folder("sqlite");
            ConnectionString = $"Data Source={Path.Combine(_sqliteDir, "touchpoint.db")}";
        }
        if (UseRealServer)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            _ = Server; // builds the host: migrations, admin and demo run now, not in the first test
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Provider", Provider == StoreProvider.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:Touchpoint", ConnectionString);
        builder.UseSetting("Touchpoint:Admin:Email", AdminEmail);
        builder.UseSetting("Touchpoint:Admin:Password", AdminPassword);
        builder.UseSetting("Touchpoint:Demo:LoadWhenEmpty", DemoCustomers > 0 ? "true" : "false");
        builder.UseSetting("Touchpoint:Demo:Customers", DemoCustomers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:DataDirectory", _sqliteDir ?? TestTemp.Folder("keys"));
        // Quiet hours (21:00-08:00 in the customer's zone by default) would hold every invitation a test sends in the
        // evening, so what the tests see would depend on the wall clock. They are off here and tested on VoiceOptions.
        builder.UseSetting("Voice:QuietFrom", "00:00");
        builder.UseSetting("Voice:QuietUntil", "00:00");
    }

    /// <summary>The base address of the real server (UseRealServer) or of the test server.</summary>
    public Uri BaseAddress => UseRealServer ? ClientOptions.BaseAddress : Server.BaseAddress;

    /// <summary>Creates an API key with the given role straight in the store and returns its secret.</summary>
    public async Task<string> CreateApiKeyAsync(string role, string name = "test")
    {
        using var scope = Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<TouchpointDbFactory>().Create();
        var (key, secret) = ApiKey.Issue(name, role, null, DateTime.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>An HTTP client authenticated by an API key with the given role.</summary>
    public async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateApiKeyAsync(role));
        return client;
    }

    /// <summary>An HTTP client signed in through the login form, as a browser would (cookie + antiforgery).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/login");
        var token = AntiforgeryToken(form);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password, ["returnUrl"] = "/",
        }));
        if (response.Headers.Location?.ToString() != "/")
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} -> {response.Headers.Location}");
        return client;
    }

    public static string AntiforgeryToken(string html)
    {
        var input = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>");
        var value = input.Success ? Regex.Match(input.Value, "value=\"([^\"]+)\"") : Match.Empty;
        return value.Success ? value.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, recursive: true); } catch (IOException) { }
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on a fresh SQLite file.</summary>
public class SqliteApp() : TouchpointApp(StoreProvider.Sqlite);

/// <summary>The app on a fresh PostgreSQL database of the throwaway test server.</summary>
public class PostgresApp() : TouchpointApp(StoreProvider.Postgres);
