using Microsoft.AspNetCore.SignalR;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>
/// /chat/hub: the visitor's live line. It only listens: the server pushes "lines" (new lines of the visitor's own
/// conversation) to the visitor's group; the visitor writes over POST /chat/messages, which answers with problems.
/// The token was checked by <see cref="ChatPipeline"/> before the connection existed, so a connection is always one
/// visitor's, and joins only that visitor's group.
/// </summary>
public sealed class ChatHub : Hub
{
    public const string Path = "/chat/hub";

    public static string Group(string visitorKey) => "visitor:" + visitorKey;

    public override async Task OnConnectedAsync()
    {
        if (Context.GetHttpContext()?.Items[ChatPipeline.VisitorItem] is not ChatVisitor v)
        {
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(v.VisitorKey));
        await base.OnConnectedAsync();
    }
}
