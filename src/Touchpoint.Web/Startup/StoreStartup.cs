using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Data.Demo;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;

namespace Touchpoint.Web.Startup;

/// <summary>
/// Runs before the server listens: migrate the store (an upgrade is a restart), make sure an admin exists
/// (never with a fixed password), and load the demo company into an empty embedded store.
/// </summary>
public static class StoreStartup
{
    public static async Task PrepareStoreAsync(this WebApplication app, CancellationToken ct = default)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Touchpoint.Startup");
        await app.Services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
        await EnsureAdminAsync(app, log);
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
            await Touchpoint.Data.Service.Sla.SlaPolicies.EnsureDefaultAsync(db, DateTime.UtcNow, ct);
        await LoadDemoIfEmptyAsync(app, log, ct);
    }

    private static async Task EnsureAdminAsync(WebApplication app, ILogger log)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync(u => u.Role == Roles.Admin)) return;
        var cfg = app.Configuration.GetSection("Touchpoint:Admin");
        var email = cfg["Email"] is { Length: > 0 } e ? e : "admin@touchpoint.local";
        var configured = cfg["Password"];
        var password = string.IsNullOrEmpty(configured) ? IdentityRules.GeneratePassword() : configured;
        var admin = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", Role = Roles.Admin,
            CreatedAtUtc = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create the first admin: " + string.Join("; ", result.Errors.Select(x => x.Description)));
        log.LogInformation("Created the first admin {Email}", email);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once to the console, on purpose not through the logger, so it never lands in log files.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine(" Touchpoint: first start. Sign in as the administrator with");
            Console.WriteLine($"   email:    {email}");
            Console.WriteLine($"   password: {password}");
            Console.WriteLine(" This password is shown only now. Change it under Settings > Users.");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    private static async Task LoadDemoIfEmptyAsync(WebApplication app, ILogger log, CancellationToken ct)
    {
        var cfg = app.Configuration.GetSection("Touchpoint:Demo");
        var store = app.Services.GetRequiredService<Touchpoint.Data.Store.StoreOptions>();
        var setting = (cfg["LoadWhenEmpty"] ?? "auto").Trim().ToLowerInvariant();
        var wanted = setting switch
        {
            "true" => true,
            "false" => false,
            _ => store.Provider == StoreProvider.Sqlite, // the embedded default shows a demo; production stores start empty
        };
        if (!wanted) return;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
            if (await db.Customers.AnyAsync(ct)) return;
        var customers = int.TryParse(cfg["Customers"], out var n) && n > 0 ? n : 3000;
        var seed = int.TryParse(cfg["Seed"], out var s) ? s : 42;
        log.LogInformation("Empty store: loading the demo company ({Customers} customers)", customers);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var done = await app.Services.GetRequiredService<DemoLoader>().LoadAsync(customers, seed, null, ct);
        log.LogInformation("Demo company ready in {Seconds:F1} s: {Customers} customers, {Events} events", started.Elapsed.TotalSeconds, done.Customers, done.Events);
    }
}
