using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Cli.Tests;

public abstract class ImportTests(Func<Task<CliStore>> newStore)
{
    private const string GoodCsv = """
        id,customer_id,email,type,channel,occurred_at,value,currency,properties
        o-1,C100,,order.placed,web,2026-03-01T10:00:00+01:00,49.90,EUR,"{""sku"":""LAMP-2"",""qty"":1}"
        o-2,C100,,order.delivered,delivery,2026-03-04T16:20:00+01:00,,,
        v-1,,ana@example.com,site.visited,web,2026-03-01T09:58:00Z,,,"{""page"":""/""}"
        """;

    private const string GoodJsonLines = """
        {"id":"j-1","customerId":"C200","type":"order.placed","channel":"web","occurredAt":"2026-04-01T08:00:00Z","value":12.5,"currency":"EUR","properties":{"sku":"MUG"}}

        {"id":"j-2","email":"Bo@Example.com","type":"ticket.created","channel":"email","occurredAt":"2026-04-02T08:00:00-03:00"}
        {"id":"j-3","anonymousId":"anon-7","type":"site.visited","occurredAt":"2026-04-02T09:00:00+02:00"}
        """;

    [Fact]
    public async Task Good_csv_and_json_lines_files_are_stored_and_unknown_customers_created()
    {
        var store = await newStore();
        var csv = await store.RunAsync("import", "events", TestFiles.Write("events.csv", GoodCsv));
        Assert.Equal(0, csv.Exit);
        Assert.Contains("3 stored, 0 duplicates, 0 rejected", csv.Out);
        var jsonl = await store.RunAsync("import", "events", TestFiles.Write("events.jsonl", GoodJsonLines), "--json");
        Assert.Equal(0, jsonl.Exit);
        Assert.Equal(3, jsonl.Json().GetProperty("accepted").GetInt32());

        var (events, customers, order) = await store.QueryAsync(async db => (
            await db.Events.CountAsync(),
            await db.Customers.CountAsync(),
            await db.Events.SingleAsync(e => e.ClientEventId == "o-1")));
        Assert.Equal(6, events);
        Assert.Equal(5, customers); // C100, ana@, C200, bo@, anon-7: each unknown handle made a customer
        Assert.Equal(49.90m, order.Value);
        Assert.Equal(60, order.OffsetMinutes);
        Assert.Equal("cli", order.Source);
        Assert.Contains("LAMP-2", order.PropertiesJson);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_numbers_and_good_rows_stored()
    {
        var store = await newStore();
        var csv = TestFiles.Write("bad.csv", """
            id,customer_id,type,occurred_at,properties
            a-1,C1,page.viewed,2026-03-01T10:00:00Z,
            a-2,C1,page.viewed,2026-03-01T10:00:00,
            a-3,C1,,2026-03-01T10:00:00Z,
            a-4,C1,page"viewed,2026-03-01T10:00:00Z,
            a-5,C1,page.viewed,2026-03-01T10:00:00Z,"{""x"":1"

            a-6,C1,page.viewed,2026-03-01T11:00:00Z,
            """);
        var result = await store.RunAsync("import", "events", csv);
        Assert.Equal(2, result.Exit);
        Assert.Contains("2 stored, 0 duplicates, 4 rejected", result.Out);
        Assert.Contains("line 3: occurredAt has no UTC offset (add Z or +hh:mm)", result.Out);
        Assert.Contains("line 4: type is required", result.Out);
        Assert.Contains("line 5: line has a quote inside an unquoted field", result.Out);
        Assert.Contains("line 6: properties is not valid JSON", result.Out);

        var jsonl = TestFiles.Write("bad.jsonl", """
            {"id":"b-1","customerId":"C1","type":"page.viewed","occurredAt":"2026-03-01T10:00:00Z"}
            {"id":"b-2","customerId":"C1","type":"page.viewed","occurredAt":
            {"id":"b-3","customerId":"C1","type":"page.viewed","occurredAt":"2026-03-01T10:00:00Z","colour":"red"}
            {"id":"b-4","customerId":"C1","type":"page.viewed","occurredAt":"2026-03-01T12:00:00Z"}
            """);
        var json = await store.RunAsync("import", "events", jsonl, "--json");
        Assert.Equal(2, json.Exit);
        var report = json.Json();
        Assert.Equal(4, report.GetProperty("received").GetInt32());
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([2, 3], rejected.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("colour", rejected[1].GetProperty("errors")[0].GetProperty("field").GetString());

        var stored = await store.QueryAsync(db => db.Events.OrderBy(e => e.ClientEventId).Select(e => e.ClientEventId).ToListAsync());
        Assert.Equal(["a-1", "a-6", "b-1", "b-4"], stored);
    }

    [Fact]
    public async Task A_json_lines_file_with_a_bom_mixed_line_ends_blank_and_bad_lines_stores_good_rows_and_numbers_lines_as_a_text_reader_does()
    {
        var store = await newStore();
        await store.RunAsync("import", "events", TestFiles.Write("first.jsonl", """
            {"id":"k-1","email":"known@example.com","type":"site.visited","occurredAt":"2026-04-01T08:00:00Z"}
            """));
        var before = await store.QueryAsync(async db => (await db.Events.CountAsync(), await db.Customers.CountAsync(), await db.CustomerIdentities.CountAsync()));
        var props = """{"t":"Caf\u00e9 \"x\"","pt":"ação","n":{"l":[1,{"m":null}]}}""";
        // Line 1 (after the BOM) a stored id; \r\n, a lone \r and \n ends; a blank line of spaces; a line the fast
        // reader leaves to the serializer (escaped field name), a broken line and an unknown field, then good rows.
        var lines = string.Concat(
            "{\"id\":\"k-1\",\"email\":\"known@example.com\",\"type\":\"site.visited\",\"occurredAt\":\"2026-04-01T08:00:00Z\"}\r\n",
            "{\"id\":\"k-2\",\"email\":\"KNOWN@example.com\",\"type\":\"order.placed\",\"occurredAt\":\"2026-04-01T09:00:00.5+02:00\",\"value\":7.5,\"currency\":\"EUR\",\"properties\":" + props + "}\r",
            "   \n",
            "{\"\\u0069d\":\"k-4\",\"customerId\":\"NEW-4\",\"type\":\"site.visited\",\"occurredAt\":\"2026-04-01T10:00:00Z\"}\n",
            "{\"id\":\"k-5\",\"customerId\":\n",
            "{\"id\":\"k-6\",\"customerId\":\"NEW-6\",\"type\":\"x\",\"occurredAt\":\"2026-04-01T10:00:00Z\",\"colour\":\"red\"}\r\n",
            "{\"id\":\"k-7\",\"customerId\":\"NEW-7\",\"type\":\"site.visited\",\"occurredAt\":\"2026-04-01T10:00:00Z\"}");
        var path = TestFiles.Write("mixed.jsonl", "");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(lines)], TestContext.Current.CancellationToken);

        var result = await store.RunAsync("import", "events", path, "--json");
        Assert.Equal(2, result.Exit);
        var report = result.Json();
        Assert.Equal((6, 3, 1), (report.GetProperty("received").GetInt32(), report.GetProperty("accepted").GetInt32(), report.GetProperty("duplicates").GetInt32()));
        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([5, 6], rejected.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("colour", rejected[1].GetProperty("errors")[0].GetProperty("field").GetString());

        var (events, customers, identities, order, knownId) = await store.QueryAsync(async db => (
            await db.Events.CountAsync(), await db.Customers.CountAsync(), await db.CustomerIdentities.CountAsync(),
            await db.Events.SingleAsync(e => e.ClientEventId == "k-2"),
            await db.Events.Where(e => e.ClientEventId == "k-1").Select(e => e.CustomerId).SingleAsync()));
        Assert.Equal(before.Item1 + 3, events);
        Assert.Equal((before.Item2 + 2, before.Item3 + 2), (customers, identities)); // NEW-4 and NEW-7; the known email reused
        Assert.Equal(knownId, order.CustomerId);
        Assert.Equal(props, order.PropertiesJson);
        Assert.Equal(new DateTime(2026, 4, 1, 7, 0, 0, 500, DateTimeKind.Utc), order.OccurredAtUtc);
    }

    [Fact]
    public async Task All_or_nothing_stores_nothing_when_one_row_is_bad()
    {
        var store = await newStore();
        await store.RunAsync("import", "events", TestFiles.Write("good.csv", GoodCsv));
        var before = await store.QueryAsync(async db => (await db.Events.CountAsync(), await db.Customers.CountAsync(), await db.CustomerIdentities.CountAsync()));
        var file = TestFiles.Write("mixed.jsonl", """
            {"id":"m-1","customerId":"NEW-1","type":"order.placed","occurredAt":"2026-04-01T08:00:00Z"}
            {"id":"m-2","customerId":"NEW-2","type":"order.placed","occurredAt":"2026-04-01T08:00:00"}
            """);
        var result = await store.RunAsync("import", "events", file, "--all-or-nothing", "--json");
        Assert.Equal(2, result.Exit);
        Assert.False(result.Json().GetProperty("stored").GetBoolean());
        Assert.Equal(0, result.Json().GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.Json().GetProperty("rejected")[0].GetProperty("line").GetInt32());
        var after = await store.QueryAsync(async db => (await db.Events.CountAsync(), await db.Customers.CountAsync(), await db.CustomerIdentities.CountAsync()));
        Assert.Equal(before, after);

        var good = await store.RunAsync("import", "events", TestFiles.Write("ok.jsonl", GoodJsonLines), "--all-or-nothing");
        Assert.Equal(0, good.Exit);
        Assert.Equal(before.Item1 + 3, await store.QueryAsync(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Events_imported_twice_are_counted_as_duplicates_and_stored_once()
    {
        var store = await newStore();
        var file = TestFiles.Write("events.csv", GoodCsv);
        await store.RunAsync("import", "events", file);
        var again = await store.RunAsync("import", "events", file, "--json");
        Assert.Equal(0, again.Exit);
        Assert.Equal(0, again.Json().GetProperty("accepted").GetInt32());
        Assert.Equal(3, again.Json().GetProperty("duplicates").GetInt32());
        Assert.Equal(3, await store.QueryAsync(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Customers_are_upserted_by_external_id_with_attributes_and_identities()
    {
        var store = await newStore();
        // An event first: its unknown email makes a bare profile that the customer file then completes.
        await store.RunAsync("import", "events", TestFiles.Write("e.jsonl",
            """{"id":"x-1","email":"ana@example.com","type":"site.visited","occurredAt":"2026-04-01T08:00:00Z"}"""));
        var first = await store.RunAsync("import", "customers", TestFiles.Write("customers.csv", """
            external_id,name,email,phone,segment,attr_city,attr_plan
            C1,Ana Lima,ana@example.com,+351 912 345 678,Consumer,Porto,subscription
            C2,Bo Berg,bo@example.com,,smb,Oslo,
            C3,Cy Dee,not-an-email,,,,
            C4,Di Eve,bo@example.com,,,,
            """), "--json");
        Assert.Equal(2, first.Exit);
        var report = first.Json();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal([4, 5], report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));

        var second = await store.RunAsync("import", "customers", TestFiles.Write("update.jsonl",
            """{"externalId":"C2","name":"Bo Berg","email":"bo@example.com","segment":"enterprise","attributes":{"city":"Bergen"}}"""));
        Assert.Equal(0, second.Exit);

        var (customers, ana, bo) = await store.QueryAsync(async db => (
            await db.Customers.CountAsync(),
            await db.Customers.SingleAsync(c => c.ExternalId == "C1"),
            await db.Customers.SingleAsync(c => c.ExternalId == "C2")));
        var anaHandles = await store.QueryAsync(db => db.CustomerIdentities.Where(i => i.CustomerId == ana.Id).Select(i => i.Value).OrderBy(v => v).ToListAsync());
        Assert.Equal(2, customers);
        Assert.Equal("Ana Lima", ana.Name);
        Assert.Equal("consumer", ana.Segment);
        Assert.Contains("\"plan\":\"subscription\"", ana.AttributesJson);
        Assert.Equal(["+351912345678", "C1", "ana@example.com"], anaHandles);
        Assert.Equal("enterprise", bo.Segment);
        Assert.Contains("\"city\":\"Bergen\"", bo.AttributesJson);
    }

    [Fact]
    public async Task A_missing_file_or_unknown_column_is_an_error_not_a_crash()
    {
        var store = await newStore();
        var missing = await store.RunAsync("import", "events", "/nonexistent/events.csv");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("file not found", missing.Err);
        var unknown = await store.RunAsync("import", "events", TestFiles.Write("u.csv", "id,kind\n1,x\n"));
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("Unknown column 'kind'", unknown.Err);
        Assert.DoesNotContain("   at ", unknown.Err);
    }
}

public sealed class ImportOnSqlite() : ImportTests(SqliteStore.CreateAsync);

public sealed class ImportOnPostgres() : ImportTests(PostgresStore.CreateAsync);
