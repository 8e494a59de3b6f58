using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests.Support;

/// <summary>Reads the store behind the API, to prove what was (and was not) written.</summary>
public static class Store
{
    public static async Task<T> QueryAsync<T>(this TouchpointApp app, Func<TouchpointDb, Task<T>> query)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await query(db);
    }

    /// <summary>Row counts of the tables bad input could touch, to compare before and after.</summary>
    public static Task<(int Customers, int Identities, int Events)> CountsAsync(this TouchpointApp app) =>
        app.QueryAsync(async db => (await db.Customers.CountAsync(Http.Ct), await db.CustomerIdentities.CountAsync(Http.Ct), await db.Events.CountAsync(Http.Ct)));
}
