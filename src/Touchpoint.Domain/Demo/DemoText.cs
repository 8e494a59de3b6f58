namespace Touchpoint.Domain.Demo;

/// <summary>Believable wording for demo tickets and survey comments.</summary>
internal static class DemoText
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Mateo", "Sofia", "Leo", "Isabella", "Hugo", "Amelia",
        "Arthur", "Chloe", "Louis", "Lea", "Gabriel", "Alice", "Jonas", "Maria", "Pedro", "Ana", "Joao", "Yuki", "Kenji",
        "Fatima", "Omar", "Aisha", "Ravi", "Priya", "Chen", "Wei", "Ingrid", "Lars", "Zoe", "Felix", "Nora", "Elena", "Marco",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Jones", "Garcia", "Silva", "Santos", "Muller", "Schmidt", "Dubois", "Martin", "Rossi", "Bianchi", "Kowalski",
        "Nowak", "Novak", "Jensen", "Hansen", "Larsen", "Tanaka", "Sato", "Khan", "Ali", "Singh", "Patel", "Wang", "Li", "Kim",
        "Park", "Brown", "Taylor", "Wilson", "Evans", "Costa", "Pereira", "Oliveira", "Fischer", "Weber", "Moreau", "Ricci",
    ];

    public static readonly string[] Companies =
    [
        "Acme Interiors", "Blue Harbour Cafe", "Cedar Dental", "Dune Studio", "Elm Street Hotel", "Fjord Offices",
        "Granite Gym", "Harbor Bakery", "Iris Clinic", "Juniper Coworking", "Kestrel Books", "Lumen Architects",
    ];

    public static readonly string[] Cities = ["Lisbon", "Berlin", "Paris", "Madrid", "Milan", "Amsterdam", "Warsaw", "Dublin", "Vienna", "Copenhagen"];

    public static readonly (string Topic, string Team, string Subject, string Body)[] Topics =
    [
        ("where_is_my_order", "Delivery", "Where is my order?", "My order still hasn't arrived and the tracking page has not changed for days. When will it come?"),
        ("damaged_item", "Delivery", "Item arrived damaged", "The lamp I ordered arrived with a cracked base. Can you send a replacement?"),
        ("refund", "Billing", "Refund not received", "I returned the rug two weeks ago but the refund is still not on my card."),
        ("billing_question", "Billing", "Charged twice", "I see two charges for the same order on my statement. Please check."),
        ("product_question", "Support", "Question about sizes", "Does the oak shelf fit a 60 cm alcove? The page lists two different widths."),
        ("account", "Support", "Cannot log in", "The password reset email never arrives. How do I get into my account?"),
        ("subscription", "Billing", "Change my subscription", "I'd like to move my monthly box to every two months. How do I do that?"),
    ];

    public static readonly string[] AgentReplies =
    [
        "Thanks for reaching out, I'm looking into this for you right now.",
        "Sorry about this! I've checked with our team and here is what happened.",
        "Thank you for your patience. I have escalated this and will update you shortly.",
        "I've sorted this out on our side; you should see the change within a day.",
    ];

    public static readonly string[] CustomerFollowUps =
    [
        "Any update on this? It's been a while.",
        "Thanks, that helps. One more question though.",
        "I'm still waiting, this is getting frustrating.",
    ];

    public static readonly string[] PromoterComments =
    [
        "Fast delivery and lovely quality, will order again.",
        "Great service, the team solved my question in minutes.",
        "Beautiful products and the packaging was perfect.",
        "Easy checkout and everything arrived on time.",
        "",
        "",
    ];

    public static readonly string[] PassiveComments =
    [
        "Good products but delivery could be faster.",
        "Fine overall, the website is a bit slow.",
        "Decent prices, nothing special.",
        "",
        "",
    ];

    public static readonly string[] DetractorLateComments =
    [
        "My order arrived a week late and nobody told me.",
        "Delivery was late and the tracking was useless.",
        "Waited ages for the parcel, very disappointing.",
    ];

    public static readonly string[] DetractorServiceComments =
    [
        "I had to contact support three times for the same problem.",
        "Took days to get an answer from customer service.",
        "Support kept asking me the same questions again and again.",
    ];

    public static readonly string[] DetractorOtherComments =
    [
        "The quality was not what the pictures showed.",
        "Too expensive for what you get.",
        "",
    ];
}
