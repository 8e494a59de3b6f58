using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Domain.Tests.Channels;

public class ChannelRulesTests
{
    [Fact]
    public void Half_an_emoji_and_nul_become_replacement_characters_and_whole_emoji_stay()
    {
        Assert.Equal("ok \uFFFD and \uFFFD, 😁", ChannelText.Clean("ok \uD83D and \0, 😁"));
        Assert.Same("plain", ChannelText.Clean("plain"));
    }

    [Fact]
    public void The_ticket_reference_is_found_in_a_subject_and_written_once_in_a_reply()
    {
        Assert.Equal(123, TicketReference.Find("Re: Lamp [#123] again"));
        Assert.Null(TicketReference.Find("Order #123"));
        Assert.Equal("Re: Lamp [#7]", TicketReference.ReplySubject("RE: Re: Lamp [#7]", 7));
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", "auto-reply")]
    [InlineData("Auto-Submitted", "no", null)]
    [InlineData("X-Autoreply", "yes", "auto-reply")]
    [InlineData("Precedence", "bulk", "auto-reply")]
    [InlineData("Precedence", "auto_reply", "auto-reply")]
    public void Automatic_mail_is_told_by_its_headers(string header, string value, string? reasonStart)
    {
        var reason = AutomaticMail.Reason(new MailSignals(h => h == header ? value : null, "ann@example.com", "a@example.com", "text/plain", null, 0), "desk.test", []);
        if (reasonStart is null) Assert.Null(reason);
        else Assert.StartsWith(reasonStart, reason);
    }

    [Fact]
    public void Bounces_and_loops_are_automatic()
    {
        MailSignals S(string from, string? id = "x@example.com", string? type = "text/plain", string? report = null, int recent = 0) =>
            new(_ => null, from, id, type, report, recent);
        Assert.StartsWith("bounce", AutomaticMail.Reason(S("MAILER-DAEMON@example.com"), "desk.test", []));
        Assert.StartsWith("bounce", AutomaticMail.Reason(S("x@example.com", type: "multipart/report", report: "delivery-status"), "desk.test", []));
        Assert.StartsWith("loop", AutomaticMail.Reason(S("x@example.com", id: "abc@desk.test"), "desk.test", []));
        Assert.StartsWith("loop", AutomaticMail.Reason(S("support@desk.test"), "desk.test", ["support@desk.test"]));
        Assert.Null(AutomaticMail.Reason(S("x@example.com", recent: 9), "desk.test", []));
        Assert.StartsWith("loop", AutomaticMail.Reason(S("x@example.com", recent: 10), "desk.test", []));
    }

    [Fact]
    public void A_webhook_signature_is_checked_in_constant_time_and_must_be_fresh()
    {
        var body = "{\"id\":\"1\"}"u8.ToArray();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var sig = WebhookSignature.Sign("s3cret", 1_700_000_000, body);
        Assert.Null(WebhookSignature.Check("s3cret", "1700000000", sig, body, now));
        Assert.Contains("does not match", WebhookSignature.Check("other", "1700000000", sig, body, now));
        Assert.Contains("does not match", WebhookSignature.Check("s3cret", "1700000000", sig, "{\"id\":\"2\"}"u8.ToArray(), now));
        Assert.Contains("301 s away", WebhookSignature.Check("s3cret", "1700000000", sig, body, now.AddSeconds(301)));
        Assert.Null(WebhookSignature.Check("s3cret", "1700000000", sig, body, now.AddSeconds(300)));
    }

    [Fact]
    public void A_missed_inbound_call_owes_a_callback_within_two_hours_and_an_answered_one_nothing()
    {
        var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(at.AddHours(2), CallbackRule.DueAt(CallDirection.Inbound, CallOutcome.Missed, at, null));
        Assert.Equal(at.AddHours(2), CallbackRule.DueAt(CallDirection.Inbound, CallOutcome.Voicemail, at, null));
        Assert.Null(CallbackRule.DueAt(CallDirection.Inbound, CallOutcome.Answered, at, null));
        Assert.Null(CallbackRule.DueAt(CallDirection.Outbound, CallOutcome.Missed, at, null));
        Assert.Equal(at.AddDays(1), CallbackRule.DueAt(CallDirection.Outbound, CallOutcome.CallbackScheduled, at, at.AddDays(1)));
    }
}
