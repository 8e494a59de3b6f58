namespace Touchpoint.Domain.Customers;

/// <summary>The kinds of handle by which the outside world refers to a customer.</summary>
public enum IdentityKind
{
    External = 0,
    Email = 1,
    Phone = 2,
    /// <summary>A visitor id set by the web snippet or chat widget before the person is known.</summary>
    Anonymous = 3,
}

/// <summary>
/// One handle (email, phone, external id, anonymous visitor id) that resolves to a customer.
/// (Kind, Value) is unique: a handle names at most one customer at a time.
/// </summary>
public sealed class CustomerIdentity
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public IdentityKind Kind { get; set; }
    public string Value { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Emails are case-insensitive and phones ignore punctuation, so both are stored normalised.</summary>
    public static string Normalise(IdentityKind kind, string value)
    {
        var v = value.Trim();
        return kind switch
        {
            IdentityKind.Email => v.ToLowerInvariant(),
            IdentityKind.Phone => NormalisePhone(v),
            _ => v,
        };
    }

    private static string NormalisePhone(string v)
    {
        Span<char> buf = stackalloc char[v.Length];
        var n = 0;
        foreach (var c in v)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && n == 0)) buf[n++] = c;
        }
        return new string(buf[..n]);
    }
}
