namespace Touchpoint.Domain.Journeys.Maps;

/// <summary>A touchpoint of a template: owners are team names, matched to the installation's teams when used.</summary>
public sealed record TemplateTouchpoint(string EventType, string OwnerTeam, bool Required = false, bool Repeatable = false);

public sealed record TemplateStage(string Key, string Name, IReadOnlyList<TemplateTouchpoint> Touchpoints);

/// <summary>A starting point for a journey definition, in the vocabulary of one kind of business.</summary>
public sealed record JourneyTemplate(string Key, string Name, string Description, IReadOnlyList<TemplateStage> Stages, IReadOnlyList<StageTarget> Targets)
{
    /// <summary>
    /// The template as a definition for this installation: owners matched by team name (case-insensitive); an owner
    /// with no such team gets id 0, which the rules reject until someone picks a team.
    /// </summary>
    public JourneyDefinition ToDefinition(IReadOnlyDictionary<string, long> teamsByName) => new(Name, Description,
        Stages.Select(s => new JourneyStage(s.Key, s.Name, s.Touchpoints.Select(t => new StageTouchpoint(t.EventType,
            teamsByName.FirstOrDefault(x => string.Equals(x.Key, t.OwnerTeam, StringComparison.OrdinalIgnoreCase)).Value,
            t.Required, t.Repeatable)).ToList())).ToList(),
        Targets);
}

/// <summary>The templates every installation can start from.</summary>
public static class JourneyTemplates
{
    private static TemplateTouchpoint T(string type, string team, bool required = false, bool repeatable = false) => new(type, team, required, repeatable);

    /// <summary>The online shop of the demo company: the event types of docs/demo-data.md.</summary>
    public static readonly JourneyTemplate Shopper = new("shopper", "Shopper", "From first visit to purchase, delivery, support, repeat orders and referrals.",
    [
        new("awareness", "Awareness", [T("ad.clicked", "Marketing", repeatable: true), T("referral.received", "Marketing"), T("site.visited", "Marketing", repeatable: true), T("account.created", "Marketing", required: true)]),
        new("purchase", "Purchase", [T("cart.created", "Marketing", repeatable: true), T("order.placed", "Marketing", required: true), T("payment.succeeded", "Billing", required: true, repeatable: true)]),
        new("delivery", "Delivery", [T("order.shipped", "Delivery", required: true, repeatable: true), T("order.delivered", "Delivery", required: true, repeatable: true)]),
        new("support", "Support", [T("ticket.created", "Support"), T("ticket.message", "Support", repeatable: true), T("ticket.solved", "Support", repeatable: true)]),
        new("repeat", "Repeat", [T("order.repeat_placed", "Marketing", repeatable: true), T("newsletter.opened", "Marketing", repeatable: true)]),
        new("advocacy", "Advocacy", [T("survey.answered", "Support", repeatable: true), T("referral.sent", "Marketing", repeatable: true)]),
    ],
    [new("purchase", "delivery", 5), new("awareness", "purchase", 30)]);

    public static readonly JourneyTemplate Subscriber = new("subscriber", "Subscriber", "Trial, subscription, onboarding, use, billing and renewal.",
    [
        new("trial", "Trial", [T("trial.started", "Marketing", required: true), T("site.visited", "Marketing", repeatable: true)]),
        new("subscribe", "Subscribe", [T("subscription.started", "Billing", required: true), T("payment.succeeded", "Billing", repeatable: true)]),
        new("onboarding", "Onboarding", [T("onboarding.completed", "Support", required: true), T("app.opened", "Support", repeatable: true)]),
        new("support", "Support", [T("ticket.created", "Support"), T("ticket.message", "Support", repeatable: true), T("ticket.solved", "Support", repeatable: true)]),
        new("renewal", "Renewal", [T("subscription.renewed", "Billing", repeatable: true), T("payment.failed", "Billing"), T("subscription.cancelled", "Billing")]),
    ],
    [new("trial", "subscribe", 14), new("subscribe", "onboarding", 7)]);

    public static readonly JourneyTemplate Patient = new("patient", "Patient", "Referral, booking, visit, treatment, follow-up and billing.",
    [
        new("referral", "Referral", [T("referral.received", "Front desk", required: true)]),
        new("booking", "Booking", [T("appointment.booked", "Front desk", required: true), T("appointment.rescheduled", "Front desk")]),
        new("visit", "Visit", [T("patient.checked_in", "Front desk", required: true), T("patient.seen", "Clinical", required: true)]),
        new("treatment", "Treatment", [T("treatment.started", "Clinical"), T("prescription.issued", "Clinical", repeatable: true)]),
        new("follow_up", "Follow-up", [T("follow_up.call", "Clinical", repeatable: true), T("invoice.sent", "Billing"), T("survey.answered", "Patient experience", repeatable: true)]),
    ],
    [new("referral", "booking", 7), new("booking", "visit", 21)]);

    public static readonly JourneyTemplate Guest = new("guest", "Guest", "A hotel stay: search, booking, pre-arrival, stay, check-out and review.",
    [
        new("search", "Search", [T("site.visited", "Marketing", repeatable: true), T("rate.viewed", "Marketing", repeatable: true)]),
        new("booking", "Booking", [T("booking.made", "Reservations", required: true), T("booking.changed", "Reservations")]),
        new("pre_arrival", "Pre-arrival", [T("confirmation.sent", "Reservations", required: true), T("upgrade.offered", "Reservations")]),
        new("stay", "Stay", [T("guest.checked_in", "Front office", required: true), T("room_service.ordered", "Food and beverage", repeatable: true), T("complaint.raised", "Front office")]),
        new("after_stay", "After the stay", [T("guest.checked_out", "Front office", required: true), T("survey.answered", "Guest relations", repeatable: true), T("review.posted", "Guest relations")]),
    ],
    [new("stay", "after_stay", 14)]);

    public static readonly JourneyTemplate Donor = new("donor", "Donor", "From first contact to first gift, thanks, regular giving and lapse.",
    [
        new("discover", "Discover", [T("campaign.seen", "Fundraising", repeatable: true), T("site.visited", "Fundraising", repeatable: true)]),
        new("first_gift", "First gift", [T("donation.made", "Fundraising", required: true)]),
        new("thanks", "Thanks", [T("thank_you.sent", "Supporter care", required: true), T("receipt.sent", "Finance")]),
        new("regular", "Regular giving", [T("direct_debit.set_up", "Fundraising"), T("donation.repeat", "Fundraising", repeatable: true), T("newsletter.opened", "Supporter care", repeatable: true)]),
        new("advocate", "Advocate", [T("event.attended", "Supporter care", repeatable: true), T("referral.sent", "Fundraising", repeatable: true)]),
    ],
    [new("first_gift", "thanks", 2)]);

    public static readonly IReadOnlyList<JourneyTemplate> All = [Shopper, Subscriber, Patient, Guest, Donor];

    public static JourneyTemplate? Find(string key) => All.FirstOrDefault(t => t.Key == key);
}
