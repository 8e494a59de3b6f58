namespace Touchpoint.Domain.Journeys;

/// <summary>Event types written by Touchpoint itself, so service and voice records share the one timeline.</summary>
public static class TouchpointTypes
{
    public const string TicketCreated = "ticket.created";
    public const string TicketMessage = "ticket.message";
    public const string TicketSolved = "ticket.solved";
    public const string SurveyAnswered = "survey.answered";
    public const string SurveyInvited = "survey.invited";

    public const string RefTicket = "ticket";
    public const string RefMessage = "message";
    public const string RefSurveyResponse = "survey_response";
    public const string RefSurveyInvitation = "survey_invitation";
}
