using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Domain.Access;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// The survey widget on a shop's page served from another origin (its own loopback port): the one script tag shows the
/// survey after its delay, the visitor answers the score and the follow-up, and on the next visit it stays away.
/// </summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class SurveyWidgetPageTests(SqliteBrowserFixture fx)
{
    /// <summary>A host page on http://127.0.0.1:{port}/ carrying only the widget's script tag.</summary>
    private static (HttpListener Listener, string Url) HostPage(string html)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(url);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                var bytes = Encoding.UTF8.GetBytes(html);
                ctx.Response.ContentType = "text/html; charset=utf-8";
                await ctx.Response.OutputStream.WriteAsync(bytes);
                ctx.Response.Close();
            }
        });
        return (listener, url);
    }

    [Fact]
    public async Task The_widget_on_another_origin_takes_an_answer_and_shows_once_per_visitor()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = await fx.App.ClientWithRoleAsync(Roles.Analyst);
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            name = "Shop widget " + Guid.NewGuid().ToString("N")[..6], allowAnonymous = true,
            definition = new
            {
                languages = new[] { "en" },
                questions = new object[]
                {
                    new { id = "nps", type = "nps", required = true, text = new { en = "How likely are you to recommend our shop?" } },
                    new { id = "why", type = "freeText", text = new { en = "What is the main reason for your score?" } },
                },
            },
        }, ct);
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
        Assert.True((await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null, ct)).IsSuccessStatusCode);

        var script = fx.Url("/survey/widget.js");
        var (listener, url) = HostPage($$"""
            <!doctype html><html lang="en"><head><title>Northwind shop</title></head>
            <body><h1>Thanks for your order</h1>
            <script src="{{script}}" data-survey="{{surveyId}}" data-delay="1" async></script></body></html>
            """);
        try
        {
            var (page, errors) = await fx.NewPageAsync();
            await page.GotoAsync(url);
            Assert.NotEqual(new Uri(url).Authority, new Uri(script).Authority);
            await Assertions.Expect(page.GetByText("How likely are you to recommend our shop?")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "9", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("What is the main reason for your score?")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Textbox).FillAsync("Fast delivery and friendly help");
            if (Environment.GetEnvironmentVariable("TP_SCREENSHOT_DIR") is { Length: > 0 } dir)
                await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "widget.png") });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you! Your answer has been recorded.");

            var answer = await fx.InStoreAsync(db => db.SurveyResponses.SingleAsync(r => r.SurveyId == surveyId));
            Assert.Equal((9, "Fast delivery and friendly help", "widget"), (answer.Score!.Value, answer.Comment, answer.Channel));
            Assert.NotNull(answer.CompletedAtUtc);

            // Same visitor, next visit: the widget stays away.
            await page.ReloadAsync();
            await Task.Delay(2500, ct);
            await Assertions.Expect(page.Locator("[data-touchpoint-survey]")).ToHaveCountAsync(0);
            Assert.Empty(errors);
        }
        finally
        {
            listener.Stop();
            listener.Close();
        }
    }
}
