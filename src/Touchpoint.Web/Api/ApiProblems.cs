using Microsoft.AspNetCore.Http.HttpResults;

namespace Touchpoint.Web.Api;

/// <summary>Helpers for field-level validation problems (400, with errors keyed by field name).</summary>
public static class Validation
{
    public static ValidationProblem Problem(params (string Field, string Message)[] errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static ValidationProblem Problem(IEnumerable<Domain.Journeys.FieldError> errors) =>
        Problem(errors.Select(e => (e.Field, e.Message)).ToArray());
}
