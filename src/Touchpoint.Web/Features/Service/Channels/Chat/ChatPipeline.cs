namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>
/// The chat's two pieces of middleware, at the front of the pipeline (a startup filter, so Program.cs does not change):
/// CORS for /chat (the widget runs on the customer's own site, so every call is cross-origin; preflights are answered
/// here, before routing could answer them 405), and the hub guard, which refuses a hub request (negotiate,
/// WebSocket, long polling) whose ?token= is not a valid visitor token with a 401 problem before SignalR sees it.
/// </summary>
public sealed class ChatPipeline : IStartupFilter
{
    public const string VisitorItem = "tp.chat.visitor";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/chat") && !ctx.Request.Path.StartsWithSegments("/chat/widget.js"),
            branch => branch.UseCors(ChatApi.Cors));
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(ChatHub.Path) && !HttpMethods.IsOptions(ctx.Request.Method), branch => branch.Use(async (ctx, go) =>
        {
            var tokens = ctx.RequestServices.GetRequiredService<VisitorTokens>();
            if (tokens.Read(ctx.Request.Query["token"]) is not { } visitor)
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                ctx.Response.ContentType = "application/problem+json";
                await ctx.Response.WriteAsync("{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.2\",\"title\":\"Chat token refused\",\"status\":401,\"detail\":\"the token query parameter is missing, not issued by this Touchpoint, or expired\"}");
                return;
            }
            ctx.Items[VisitorItem] = visitor;
            await go();
        }));
        next(app);
    };
}
