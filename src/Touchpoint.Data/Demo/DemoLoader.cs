using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Touchpoint.Data.Access;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Demo;
using Touchpoint.Domain.Journeys.Maps;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Demo;

/// <summary>Progress of a demo load, reported every chunk.</summary>
public sealed record DemoProgress(int Customers, long Events, int OfCustomers);

/// <summary>
/// Writes the demo company into the store: its teams, agents and surveys, then the customers streamed from
/// <see cref="DemoGenerator"/> in chunks, events through the bulk path. Memory stays flat however large the run.
/// </summary>
public sealed class DemoLoader(TouchpointDbFactory factory, IEventWriter events, ILogger<DemoLoader> log)
{
    private const int ChunkCustomers = 500;

    public async Task<DemoProgress> LoadAsync(int customers, int seed, IProgress<DemoProgress>? progress, CancellationToken ct)
    {
        var cast = await EnsureCastAsync(ct);
        var opts = await NextIdsAsync(new DemoOptions { Customers = customers, Seed = seed }, ct) with
        {
            AgentUserIds = cast.Agents,
            TeamIds = cast.Teams,
            NpsSurveyId = cast.Surveys[SurveyKind.Nps],
            CsatSurveyId = cast.Surveys[SurveyKind.Csat],
            CesSurveyId = cast.Surveys[SurveyKind.Ces],
        };
        var done = 0;
        long eventCount = 0;
        foreach (var chunk in new DemoGenerator(opts).Generate().Chunk(ChunkCustomers))
        {
            ct.ThrowIfCancellationRequested();
            await using var db = factory.Create();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Customers.AddRange(chunk.Select(h => h.Customer));
            db.CustomerIdentities.AddRange(chunk.SelectMany(h => h.Identities));
            db.Tickets.AddRange(chunk.SelectMany(h => h.Tickets));
            db.TicketMessages.AddRange(chunk.SelectMany(h => h.Messages));
            db.TicketStatusChanges.AddRange(chunk.SelectMany(h => h.StatusChanges));
            db.SurveyResponses.AddRange(chunk.SelectMany(h => h.Responses));
            db.WorkSessions.AddRange(chunk.SelectMany(h => h.WorkSessions));
            await db.SaveChangesAsync(ct);
            var evs = chunk.SelectMany(h => h.Events).ToList();
            await events.InsertWithIdsAsync(db, evs, ct);
            await tx.CommitAsync(ct);
            done += chunk.Length;
            eventCount += evs.Count;
            progress?.Report(new DemoProgress(done, eventCount, customers));
        }
        await using (var db = factory.Create()) await ResetSequencesAsync(db, ct);
        log.LogInformation("Demo company loaded: {Customers} customers, {Events} events", done, eventCount);
        return new DemoProgress(done, eventCount, customers);
    }

    private sealed record Cast(IReadOnlyList<long> Agents, IReadOnlyDictionary<string, long> Teams, IReadOnlyDictionary<SurveyKind, long> Surveys);

    /// <summary>Creates the demo's teams, agents and surveys once; a second load reuses them.</summary>
    private async Task<Cast> EnsureCastAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var now = DateTime.UtcNow;
        foreach (var (name, description) in DemoCompany.Teams)
            if (!await db.Teams.AnyAsync(t => t.Name == name, ct))
                db.Teams.Add(new Team { Name = name, Description = description, CreatedAtUtc = now });
        foreach (var (name, kind, question, _) in DemoCompany.Surveys)
            if (!await db.Surveys.AnyAsync(s => s.Name == name, ct))
                db.Surveys.Add(new Survey
                {
                    Name = name, Kind = kind, Question = question, Status = SurveyStatus.Live, CreatedAtUtc = now, PublishedAtUtc = now,
                    DefinitionJson = SurveyDefinition.FromJson(null, kind, question).ToJson(),
                });
        await db.SaveChangesAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var hasher = new PasswordHasher<AppUser>();
        foreach (var (name, email, team) in DemoCompany.Agents)
        {
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct)) continue;
            // Demo agents have no password: they own tickets but cannot sign in until an admin sets one.
            var user = new AppUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = name, Role = Roles.Agent, CreatedAtUtc = now, SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true, EmailConfirmed = true,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            db.TeamMembers.Add(new TeamMember { TeamId = teams[team], UserId = user.Id });
        }
        await db.SaveChangesAsync(ct);
        await EnsureShopperJourneyAsync(db, teams, now, ct);
        var agentEmails = DemoCompany.Agents.Select(a => a.Email.ToUpperInvariant()).ToList();
        var agents = await db.Users.Where(u => agentEmails.Contains(u.NormalizedEmail!)).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        var surveyNames = DemoCompany.Surveys.Select(s => s.Name).ToList();
        var surveys = await db.Surveys.Where(s => surveyNames.Contains(s.Name)).ToDictionaryAsync(s => s.Kind, s => s.Id, ct);
        return new Cast(agents, teams, surveys);
    }

    /// <summary>The demo's "Shopper" journey from the template, owners matched to the demo's teams; created once.</summary>
    private static async Task EnsureShopperJourneyAsync(TouchpointDb db, IReadOnlyDictionary<string, long> teams, DateTime now, CancellationToken ct)
    {
        var template = JourneyTemplates.Shopper;
        if (await db.Journeys.AnyAsync(j => j.Name == template.Name, ct)) return;
        var (_, errors) = await JourneyCatalog.SaveAsync(db, null, template.ToDefinition(teams), template.Key, "demo", now, ct);
        if (errors.Count > 0) throw new InvalidOperationException("The demo's shopper journey is invalid: " + string.Join("; ", errors));
    }

    private async Task<DemoOptions> NextIdsAsync(DemoOptions o, CancellationToken ct)
    {
        await using var db = factory.Create();
        return o with
        {
            FirstCustomerId = (await db.Customers.MaxAsync(x => (long?)x.Id, ct) ?? 0) + 1,
            FirstEventId = (await db.Events.MaxAsync(x => (long?)x.Id, ct) ?? 0) + 1,
            FirstTicketId = (await db.Tickets.MaxAsync(x => (long?)x.Id, ct) ?? 0) + 1,
            FirstMessageId = (await db.TicketMessages.MaxAsync(x => (long?)x.Id, ct) ?? 0) + 1,
            FirstStatusChangeId = (await db.TicketStatusChanges.MaxAsync(x => (long?)x.Id, ct) ?? 0) + 1,
            FirstResponseId = (await db.SurveyResponses.MaxAsync(x => (long?)x.Id, ct) ?? 0) + 1,
        };
    }

    /// <summary>PostgreSQL identity sequences do not move when ids are given explicitly; move them past the data.</summary>
    private static async Task ResetSequencesAsync(TouchpointDb db, CancellationToken ct)
    {
        if (db.Provider != StoreProvider.Postgres) return;
        foreach (var table in new[] { "customers", "customer_identities", "touchpoint_events", "tickets", "ticket_messages", "ticket_status_changes", "survey_responses" })
        {
#pragma warning disable EF1002 // table names come from the list above, not from input
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1))", ct);
#pragma warning restore EF1002
        }
    }
}
