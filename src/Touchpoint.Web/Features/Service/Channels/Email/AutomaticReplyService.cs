using Touchpoint.Data.Service.Channels;

namespace Touchpoint.Web.Features.Service.Channels.Email;

public sealed record AutomaticReplyOptions(int ScanSeconds);

/// <summary>
/// Runs <see cref="AutomaticReplyDelivery.RunOnceAsync"/> every Touchpoint:Email:AutomaticReplySeconds (default 5;
/// 0 = off): routing rules' automatic replies on email tickets go out shortly after the ticket's transaction commits.
/// </summary>
public sealed class AutomaticReplyService(AutomaticReplyDelivery delivery, AutomaticReplyOptions options, ILogger<AutomaticReplyService> log)
    : Startup.StoredCursorPass(options.ScanSeconds, log)
{
    protected override Task InitialiseAsync(CancellationToken ct) => delivery.InitialiseAsync(ct);
    protected override Task<int> RunOnceAsync(CancellationToken ct) => delivery.RunOnceAsync(ct);
    protected override string DoneMessage => "Mailed {Count} automatic repl(ies)";
}
