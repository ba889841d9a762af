using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.Involvements;

/// <summary>
/// Social care's involvement ended: the worker is no longer allocated and the services stopped.
/// It leaves the passport's current view and stays in its history. The day it ended decides
/// whether the passport closes at the 25th or the 26th birthday (SPEC §4), so the core reads it
/// through <see cref="ISocialCareInvolvementEnded"/>.
/// </summary>
/// <param name="InvolvementId">The involvement that ended.</param>
/// <param name="RecordedBy">Who recorded the end, and when.</param>
/// <param name="EndedOn">The day it ended; null in ends recorded before the day was asked for, which ended the day they were recorded.</param>
public sealed record InvolvementEnded(Guid InvolvementId, Provenance RecordedBy, DateOnly? EndedOn = null) : ISocialCareInvolvementEnded, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.InvolvementGroup;

    public Guid ItemId => InvolvementId;

    public DateOnly InvolvementEndedOn => EndedOn ?? DateOnly.FromDateTime(RecordedBy.RecordedAt.UtcDateTime);
}

internal static class EndInvolvementMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endInvolvement", passportType)
            .Description("Ends social care's involvement: the worker is no longer allocated. It leaves the passport and stays in its history. Only social-care professionals end it. endedOn (default today, not in the future) is the day it ended: when the child was 17 that day, the passport closes at the 26th birthday instead of the 25th.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<DateScalar>("endedOn")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                return await c.ChangePassportAsync(SingleRecord.End<SocialCareView>(
                    passportId,
                    SocialCareModule.InvolvementGroup,
                    view => view.Involvement?.Id,
                    (id, endedBy) =>
                    {
                        var today = UkDate.Of(endedBy.RecordedAt);
                        return new InvolvementEnded(id, endedBy, SocialCareDates.Past("endedOn", c.GetArgument<DateOnly?>("endedOn"), today) ?? today);
                    },
                    () => PassportException.Invalid("passportId", "This passport has no current social-care involvement to end.")));
            });
}
