using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Touchpoint.Data.Ingestion;
using Touchpoint.Domain.Journeys;
using Touchpoint.Web.Features.Journeys;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The fast event reader must read what the serializer reads, field for field, and leave to the serializer
/// everything it does not read the same way, so that errors keep their exact wording and path.
/// </summary>
public sealed class EventJsonTests
{
    /// <summary>The API's serializer options (Extensions.cs).</summary>
    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        MaxDepth = 32,
    };

    [Theory]
    [InlineData("""{"events":[{"id":"a","customerId":"c1","type":"x","occurredAt":"2026-03-01T10:00:00Z"}]}""")]
    [InlineData("""{ "EVENTS" : [ {"Id":"a","EMAIL":"A@B.C","Phone":null,"anonymousid":"z","value":12.50,"currency":"eur","channel":"web","properties":{"k":"v\u00e9\"","n":[1,{"m":[[]]}]}} , {"id":"b","properties":{}} ] } """)]
    [InlineData("""{"events":[{"id":"a","properties":null,"value":null,"type":null},{"id":"é-ü","properties":{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}}]}""")]
    [InlineData("""{"events":[]}""")]
    public void A_well_formed_batch_reads_as_the_serializer_reads_it(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var fast = EventJson.TryReadBatch(bytes);
        var slow = JsonSerializer.Deserialize<EventBatch>(bytes, Api)!.Events!;
        Assert.NotNull(fast);
        Assert.Equal(slow.Count, fast.Count);
        var now = DateTimeOffset.Parse("2026-03-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < slow.Count; i++)
        {
            var (f, s) = (fast[i], slow[i]);
            Assert.Equal((s.Id, s.CustomerId, s.Email, s.Phone, s.AnonymousId, s.Type, s.Channel, s.OccurredAt, s.Value, s.Currency),
                (f.Id, f.CustomerId, f.Email, f.Phone, f.AnonymousId, f.Type, f.Channel, f.OccurredAt, f.Value, f.Currency));
            Assert.Null(f.Properties);
            var sourceText = s.Properties is { ValueKind: JsonValueKind.Object } p ? p.GetRawText() : null;
            Assert.Equal(sourceText, f.PropertiesText?.Json);
            // The validator reaches the same verdict on both readings, depth and size rules included.
            var (fv, fe) = EventValidator.Validate(f, now);
            var (sv, se) = EventValidator.Validate(s, now);
            Assert.Equal(sv, fv);
            Assert.Equal(se, fe);
        }
    }

    [Theory]
    [InlineData("""{"events":[{"id":"a","colour":"red"}]}""")] // unknown field: the serializer names it
    [InlineData("""{"events":[{"id":"a","id":"b"}]}""")] // repeated field
    [InlineData("""{"events":[{"\u0069d":"a"}]}""")] // escaped name
    [InlineData("""{"events":[{"id":1}]}""")] // wrong type
    [InlineData("""{"events":[{"value":"12.5"}]}""")] // number as a string: the serializer's rule
    [InlineData("""{"events":[{"properties":[1,2]}]}""")] // not an object: the validator's message
    [InlineData("""{"events":[null]}""")]
    [InlineData("""{"events":{"id":"a"}}""")]
    [InlineData("""{"evnts":[]}""")]
    [InlineData("""{"events":[],"events":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"events":[{"id":"a",""")] // broken
    [InlineData("""{"events":[]} trailing""")]
    [InlineData("""{"events":[{"id":"a"},]}""")] // trailing comma
    public void Anything_unusual_is_left_to_the_serializer(string json) =>
        Assert.Null(EventJson.TryReadBatch(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_json_line_reads_alone_and_a_second_value_on_the_line_is_left_to_the_serializer()
    {
        var e = EventJson.TryReadEvent("""{"id":"a","type":"x","properties":{"a":[1]}}"""u8);
        Assert.Equal(("a", "x", """{"a":[1]}""", 2), (e!.Id, e.Type, e.PropertiesText!.Json, e.PropertiesText.Depth));
        Assert.Null(EventJson.TryReadEvent("""{"id":"a"} {"id":"b"}"""u8));
    }
}
