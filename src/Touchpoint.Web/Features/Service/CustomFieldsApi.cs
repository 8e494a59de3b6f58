using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service;

public sealed record CustomFieldDto(long Id, string Key, string Label, string Type, IReadOnlyList<string> Choices);

/// <summary>Body of POST and PUT /api/v1/ticket-fields. The key and type of a field cannot change once values exist.</summary>
public sealed record CustomFieldInput
{
    public string? Key { get; init; }
    public string? Label { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }
}

/// <summary>/api/v1/ticket-fields: custom ticket fields defined by admins (text, number, date, choice).</summary>
public static class CustomFieldsApi
{
    public static RouteGroupBuilder MapCustomFieldsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/ticket-fields").WithTags("Ticket fields");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Admin);
        return g;
    }

    public static CustomFieldDto ToDto(this CustomField f) => new(f.Id, f.Key, f.Label, f.Type.Wire(), f.Choices);

    public static async Task<Ok<List<CustomFieldDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.CustomFields.AsNoTracking().OrderBy(f => f.Label).ToListAsync(ct)).Select(f => f.ToDto()).ToList());

    public static async Task<Results<Created<CustomFieldDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, CustomFieldInput input, CancellationToken ct)
    {
        var errors = CustomFieldRules.CheckDefinition(input.Key, input.Label, input.Type, input.Choices).ToList();
        if (input.Key is { } key && await db.CustomFields.AnyAsync(f => f.Key == key, ct)) errors.Add(("key", $"a field with key '{key}' exists already"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        CustomFieldRules.TryParseType(input.Type, out var type);
        var field = new CustomField
        {
            Key = input.Key!, Label = input.Label!.Trim(), Type = type, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            ChoicesJson = System.Text.Json.JsonSerializer.Serialize(type == CustomFieldType.Choice ? input.Choices!.Select(c => c.Trim()).ToArray() : []),
        };
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/ticket-fields/{field.Id}", field.ToDto());
    }

    /// <summary>Changes the label and, for choice fields, the choices; a choice still used by a ticket cannot be removed.</summary>
    public static async Task<Results<Ok<CustomFieldDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, long id, CustomFieldInput input, CancellationToken ct)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return TypedResults.NotFound();
        var errors = CustomFieldRules.CheckDefinition(input.Key ?? field.Key, input.Label, input.Type ?? field.Type.Wire(), input.Choices ?? field.Choices).ToList();
        if (input.Key is not null && input.Key != field.Key) errors.Add(("key", "cannot change: rules and integrations refer to it"));
        if (input.Type is not null && !string.Equals(input.Type, field.Type.Wire(), StringComparison.OrdinalIgnoreCase)) errors.Add(("type", "cannot change: stored values would no longer fit"));
        if (field.Type == CustomFieldType.Choice && input.Choices is { } choices)
        {
            var used = await db.TicketFieldValues.Where(v => v.FieldId == id).Select(v => v.Value).Distinct().ToListAsync(ct);
            var dropped = used.Where(u => !choices.Contains(u, StringComparer.OrdinalIgnoreCase)).ToList();
            if (dropped.Count > 0) errors.Add(("choices", $"still used by tickets: {string.Join(", ", dropped)}"));
        }
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        field.Label = input.Label!.Trim();
        if (field.Type == CustomFieldType.Choice && input.Choices is not null)
            field.ChoicesJson = System.Text.Json.JsonSerializer.Serialize(input.Choices.Select(c => c.Trim()).ToArray());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(field.ToDto());
    }

    /// <summary>Deletes a field and its values (an admin's explicit choice; the audit trail keeps the old values).</summary>
    public static async Task<Results<NoContent, NotFound>> Delete(TouchpointDb db, long id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TicketFieldValues.Where(v => v.FieldId == id).ExecuteDeleteAsync(ct);
        var deleted = await db.CustomFields.Where(f => f.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
