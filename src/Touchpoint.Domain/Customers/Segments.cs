namespace Touchpoint.Domain.Customers;

/// <summary>The segments the demo company uses; real installations may use any string.</summary>
public static class Segments
{
    public const string Consumer = "consumer";
    public const string Smb = "smb";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlyList<string> Demo = [Consumer, Smb, Enterprise];
}
