using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract class ApiKeyTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task A_wrong_key_gets_401_problem_by_either_header()
    {
        var bearer = app.CreateClient().WithKey("tp_not-a-key-anyone-was-given");
        await (await bearer.GetAsync("/api/v1/customers", Ct)).ProblemAsync(401);
        var header = app.CreateClient();
        header.DefaultRequestHeaders.Add("X-Api-Key", "tp_not-a-key-anyone-was-given");
        var response = await header.GetAsync("/api/v1/customers", Ct);
        await response.ProblemAsync(401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_secret_is_shown_once_at_creation_and_never_in_the_list()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var created = await admin.PostAsync("/api/v1/api-keys", Json(new { name = "crm sync", role = "analyst" }), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("tp_", secret);
        Assert.True(secret.Length >= 40);

        var list = await (await admin.GetAsync("/api/v1/api-keys", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("crm sync", list);
        Assert.DoesNotContain(secret, list);
        Assert.DoesNotContain("\"secret\"", list);
        Assert.Contains(secret[..11], list); // the prefix, to tell keys apart

        var works = app.CreateClient().WithKey(secret);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await works.GetAsync("/api/v1/customers", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_store_keeps_only_a_hash_of_the_secret()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var body = await (await admin.PostAsync("/api/v1/api-keys", Json(new { name = "hash check", role = "viewer" }), Ct)).ReadJsonAsync();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetInt64();
        var row = await app.QueryAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id, Ct));
        Assert.Equal(ApiKey.Hash(secret), row.SecretHash);
        Assert.DoesNotContain(secret, row.SecretHash + row.Prefix + row.Name);
        Assert.DoesNotContain(secret[11..], row.Prefix);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_problem_and_others_keep_working()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var body = await (await admin.PostAsync("/api/v1/api-keys", Json(new { name = "to revoke", role = "agent" }), Ct)).ReadJsonAsync();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetInt64();
        var client = app.CreateClient().WithKey(secret);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/v1/tickets", Ct)).StatusCode);

        var revoked = await admin.DeleteAsync($"/api/v1/api-keys/{id}", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await revoked.ReadJsonAsync()).GetProperty("revokedAt").ValueKind);

        await (await client.GetAsync("/api/v1/tickets", Ct)).ProblemAsync(401);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/api/v1/tickets", Ct)).StatusCode);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_a_404_problem()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        await (await admin.DeleteAsync("/api/v1/api-keys/987654321", Ct)).ProblemAsync(404);
    }

    [Fact]
    public async Task A_key_with_an_unknown_role_is_refused_naming_role()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var problem = await (await admin.PostAsync("/api/v1/api-keys", Json(new { name = "x", role = "superuser" }), Ct)).ProblemAsync(400);
        Assert.NotEmpty(problem.ErrorsFor("role"));
    }
}

public sealed class ApiKeysOnSqlite(SqliteApp app) : ApiKeyTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ApiKeysOnPostgres(PostgresApp app) : ApiKeyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
