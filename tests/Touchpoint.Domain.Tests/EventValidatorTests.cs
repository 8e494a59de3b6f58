using System.Text.Json;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Domain.Tests;

public class EventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static EventInput Good => new()
    {
        Id = "e-1", CustomerId = "C42", Type = "Order.Delivered", Channel = "Web", OccurredAt = "2026-11-20T10:00:00+02:00",
    };

    [Fact]
    public void A_good_event_keeps_its_offset_and_is_stored_in_utc()
    {
        var (ev, errors) = EventValidator.Validate(Good, Now);
        Assert.Empty(errors);
        Assert.NotNull(ev);
        Assert.Equal(new DateTime(2026, 11, 20, 8, 0, 0), ev.OccurredAtUtc);
        Assert.Equal(120, ev.OffsetMinutes);
        Assert.Equal("order.delivered", ev.Type);
        Assert.Equal("web", ev.Channel);
        Assert.Equal(new CustomerRef(IdentityKind.External, "C42"), ev.Customer);
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00", "occurredAt", "no UTC offset")]
    [InlineData("2026-11-20", "occurredAt", "no UTC offset")]
    [InlineData("yesterday", "occurredAt", "not an ISO 8601")]
    [InlineData("2030-01-01T00:00:00Z", "occurredAt", "future")]
    public void Times_without_offset_unparseable_or_far_future_are_refused(string at, string field, string why)
    {
        var (ev, errors) = EventValidator.Validate(Good with { OccurredAt = at }, Now);
        Assert.Null(ev);
        var e = Assert.Single(errors);
        Assert.Equal(field, e.Field);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void Missing_id_customer_and_type_are_each_named()
    {
        var (_, errors) = EventValidator.Validate(new EventInput { OccurredAt = "2026-11-20T10:00:00Z" }, Now);
        Assert.Equal(["id", "customerId", "type"], errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void Properties_must_be_a_small_shallow_object()
    {
        var deep = JsonDocument.Parse("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}").RootElement;
        Assert.Contains(EventValidator.Validate(Good with { Properties = deep }, Now).Errors, e => e.Field == "properties" && e.Message.Contains("deeper"));
        var array = JsonDocument.Parse("[1,2]").RootElement;
        Assert.Contains(EventValidator.Validate(Good with { Properties = array }, Now).Errors, e => e.Message == "must be a JSON object");
        var big = JsonDocument.Parse(JsonSerializer.Serialize(new { text = new string('x', 20_000) })).RootElement;
        Assert.Contains(EventValidator.Validate(Good with { Properties = big }, Now).Errors, e => e.Message.Contains("larger than 16 KiB"));
    }

    [Fact]
    public void A_value_needs_a_currency()
    {
        var (_, errors) = EventValidator.Validate(Good with { Value = 12.5m }, Now);
        Assert.Equal("currency", Assert.Single(errors).Field);
        var (ok, none) = EventValidator.Validate(Good with { Value = 12.5m, Currency = "eur" }, Now);
        Assert.Empty(none);
        Assert.Equal("EUR", ok!.Currency);
    }

    [Fact]
    public void Emails_and_phones_are_normalised_so_one_person_is_one_handle()
    {
        Assert.Equal("ana@example.com", CustomerIdentity.Normalise(IdentityKind.Email, "  Ana@Example.COM "));
        Assert.Equal("+351912345678", CustomerIdentity.Normalise(IdentityKind.Phone, "+351 912-345-678"));
    }
}
