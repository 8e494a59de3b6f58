using Touchpoint.Domain.Customers;

namespace Touchpoint.Web.Features.Customers;

/// <summary>Checks a customer body with the rules the CLI import shares (<see cref="CustomerFieldRules"/>).</summary>
public static class CustomerRules
{
    public static List<(string Field, string Message)> Check(CustomerInput input) =>
        CustomerFieldRules.Check(input.Name, input.ExternalId, input.Email, input.Phone, input.Segment, input.Attributes?.Count ?? 0)
            .Select(e => (e.Field, e.Message)).ToList();
}
