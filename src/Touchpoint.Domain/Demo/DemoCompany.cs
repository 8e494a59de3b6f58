namespace Touchpoint.Domain.Demo;

/// <summary>
/// The fixed cast of the demo company "Northwind Home", an online shop for home goods with an optional
/// subscription: its teams, its agents and its surveys.
/// </summary>
public static class DemoCompany
{
    public const string Name = "Northwind Home";

    public static readonly IReadOnlyList<(string Name, string Description)> Teams =
    [
        ("Support", "Front-line customer service: email, chat, phone and social"),
        ("Delivery", "Carrier relations and shipping promises"),
        ("Billing", "Payments, refunds and invoices"),
        ("Marketing", "Acquisition, onboarding and referral programme"),
    ];

    public static readonly IReadOnlyList<(string Name, string Email, string Team)> Agents =
    [
        ("Ana Souza", "ana@northwind.example", "Support"),
        ("Ben Carter", "ben@northwind.example", "Support"),
        ("Chloe Martin", "chloe@northwind.example", "Support"),
        ("Dev Patel", "dev@northwind.example", "Support"),
        ("Elif Kaya", "elif@northwind.example", "Delivery"),
        ("Femi Adeyemi", "femi@northwind.example", "Billing"),
    ];

    public static readonly IReadOnlyList<(string Name, Voice.SurveyKind Kind, string Question, string Touchpoint)> Surveys =
    [
        ("Relationship NPS after delivery", Voice.SurveyKind.Nps, "How likely are you to recommend Northwind Home to a friend or colleague?", "delivery"),
        ("Support CSAT", Voice.SurveyKind.Csat, "How satisfied are you with the help you received?", "support"),
        ("Checkout effort", Voice.SurveyKind.Ces, "How easy was it to place your order?", "purchase"),
    ];
}
