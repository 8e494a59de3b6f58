using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Tests.Voice;

/// <summary>The pure rules behind triggers, outreach text, CSAT channels, widget identity and response rates.</summary>
public sealed class VoiceDeliveryRulesTests
{
    [Theory]
    [InlineData("""{"carrier":"DHL Express"}""", "carrier", "contains", "express", true)]
    [InlineData("""{"carrier":"DHL Express"}""", "carrier", "equals", "dhl express", true)]
    [InlineData("""{"carrier":"DHL Express"}""", "carrier", "equals", "dhl", false)]
    [InlineData("""{"address":{"country":"PT"}}""", "address.country", "equals", "pt", true)]
    [InlineData("""{"items":3}""", "items", "equals", "3", true)]
    [InlineData("""{"tags":["gift","late"]}""", "tags", "contains", "LATE", true)]
    [InlineData("""{"tags":["gift","late"]}""", "tags", "contains", "lat", false)]
    [InlineData("""{"other":1}""", "carrier", "equals", "", false)]
    [InlineData(null, "carrier", "contains", "x", false)]
    [InlineData("not json", "carrier", "contains", "x", false)]
    public void Property_filters_match_as_documented(string? json, string name, string op, string value, bool expected) =>
        Assert.Equal(expected, TriggerAudience.PropertyMatches(json, name, op, value));

    [Fact]
    public void Filled_in_values_never_add_a_line_or_a_header()
    {
        var v = new OutreachText.Values("Ana\r\nBcc: x@y.test", "ana@example.com", "https://t/u/abc", """{"order":"A-1\n2"}""");
        Assert.Equal("Order A-1 2 for Ana", OutreachText.Render("Order {{event.order}} for {{first_name}}", v, oneLine: true));
        Assert.Equal("Hi Ana  Bcc: x@y.test,\nbye", OutreachText.Render("Hi {{name}},\nbye", v, oneLine: false));
        Assert.Equal(OutreachText.MaxValue, OutreachText.Render("{{name}}", v with { Name = new string('a', 500) }, oneLine: false).Length);
    }

    [Fact]
    public void Templates_with_unknown_placeholders_or_a_two_line_subject_are_refused()
    {
        Assert.Empty(OutreachText.Validate("Welcome", "Hi {{first_name}}", "See {{event.order.id}} {{unsubscribe_link}}"));
        Assert.Contains(OutreachText.Validate("Welcome", "Hi", "Your {{password}}"), e => e.Field == "body" && e.Message.Contains("{{password}}"));
        Assert.Contains(OutreachText.Validate("Welcome", "Hi\nthere", "x"), e => e.Field == "subject");
    }

    [Theory]
    [InlineData("email", "email")]
    [InlineData("chat", "chat")]
    [InlineData("phone", "email")]
    [InlineData("store", "email")]
    [InlineData("form", "email")]
    [InlineData(null, "email")]
    public void Csat_after_solve_uses_the_tickets_channel_or_falls_back_to_email(string? ticketChannel, string expected) =>
        Assert.Equal(expected, SurveyChannels.ForTicket(ticketChannel));

    [Fact]
    public void Widget_identity_needs_the_signature_of_the_shared_secret()
    {
        var good = WidgetIdentity.Sign("s3cret", "cust-42");
        Assert.True(WidgetIdentity.Verify("s3cret", "cust-42", good));
        Assert.True(WidgetIdentity.Verify("s3cret", "cust-42", good.ToUpperInvariant()));
        Assert.False(WidgetIdentity.Verify("s3cret", "cust-43", good));
        Assert.False(WidgetIdentity.Verify(null, "cust-42", good));
        Assert.False(WidgetIdentity.IsVisitorToken("short"));
        Assert.True(WidgetIdentity.IsVisitorToken("abcdefghijklmnop_-12"));
    }

    [Fact]
    public void The_response_rate_is_answered_over_sent_with_a_wilson_interval()
    {
        var email = new ChannelResponse("email", 3, 3, 2, 1, 4);
        Assert.Equal(100.0 / 3, email.Rate.Value!.Value, 9);
        Assert.True(email.Rate.Low < email.Rate.Value && email.Rate.High > email.Rate.Value);
        Assert.Null(new ChannelResponse("widget", 0, 0, 0, 0, 0).Rate.Value);
        var total = ResponseRate.Total([email, new ChannelResponse("link", 2, 2, 2, 2, 0)]);
        Assert.Equal(("all", 5, 3, 4), (total.Channel, total.Sent, total.Answered, total.Suppressed));
    }
}
