using System.Net;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract class CustomerRaceTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task Simultaneous_creates_with_one_email_store_one_customer_and_answer_the_rest_with_409()
    {
        var client = await app.ClientWithRoleAsync(Roles.Agent);
        var email = $"race.{Guid.NewGuid():N}@example.com";
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostAsync("/api/v1/customers", Json(new { name = $"Racer {i}", email }), Ct)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var found = await (await client.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(email)}", Ct)).ReadJsonAsync();
        Assert.Equal(1, found.GetProperty("items").GetArrayLength());
    }
}

public sealed class CustomerRaceOnSqlite(SqliteApp app) : CustomerRaceTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CustomerRaceOnPostgres(PostgresApp app) : CustomerRaceTests<PostgresApp>(app), IClassFixture<PostgresApp>;
