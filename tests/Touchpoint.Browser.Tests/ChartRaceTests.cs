using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Touchpoint.Testing;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Leaving a page before plotly.js has loaded must not leave an error behind: the chart component queues its first
/// draw until the script loads, and by then the chart's element is gone (wwwroot/js/plotly-guard.js skips it).
/// The script is held back on purpose so that the person leaves in time on any machine.
/// </summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed partial class ChartRaceTests(SqliteBrowserFixture fx)
{
    [GeneratedRegex(@"/plotly-(basic-)?\d[^/]*\.js")]
    private static partial Regex PlotlyScript();

    [Fact]
    public async Task Leaving_the_overview_before_plotly_loads_logs_no_error()
    {
        var (page, errors) = await fx.NewPageAsync();
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(PlotlyScript(), async route =>
        {
            requested.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(fx.Url("/login"));
        await page.GetByLabel("Email").FillAsync(TouchpointApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(TouchpointApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Only the navigation: the page's load event waits for scripts, and this test holds plotly.js back, so waiting
        // for "load" timed out whenever a chart asked for the script before the page had loaded.
        await page.WaitForURLAsync(fx.Url("/"), new() { WaitUntil = WaitUntilState.Commit });
        await BrowserFixture.Interactive(page);
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // a chart has queued its first draw

        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(fx.Url("/customers"));
        await Assertions.Expect(page.Locator("#chart-channels")).ToHaveCountAsync(0);
        release.SetResult();
        await page.WaitForFunctionAsync("() => window.Plotly !== undefined");
        await page.WaitForTimeoutAsync(300); // the queued draws run as the script finishes loading
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }
}
