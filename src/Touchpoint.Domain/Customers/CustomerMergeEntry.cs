namespace Touchpoint.Domain.Customers;

/// <summary>
/// One merge of a customer profile into another, in the order merges happened (table customer_merges). The profile's
/// own <see cref="Customer.MergedIntoId"/> says where it ended up; this log says when it changed, so followers such as
/// the analytics mirror read the merges since they last looked instead of every merged profile.
/// </summary>
public sealed class CustomerMergeEntry
{
    public long Id { get; set; }
    public long FromId { get; set; }
    public long IntoId { get; set; }
    public DateTime MergedAtUtc { get; set; }
}
