using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.Notifications;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<ViewerGraphType>>("me")
            .Description("The signed-in person.")
            .Resolve(c => c.RequestServices!.GetRequiredService<CurrentViewer>().Value);

        Field<PassportGraphType>("passport")
            .Description("A passport you have a relationship with; null with NOT_FOUND otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await Access(c).ReadAsync(InputRules.PassportId(c.GetArgument<string>("id")), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PassportGraphType>>>>("myPassports")
            .Description("The passports you have a relationship with, by the child's family name, given name and id: the first `first` (at most 200) after the passport whose `cursor` is `after`.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = Paging.DefaultFirst)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Access(c).MyPassportsAsync(
                Paging.First(c.GetArgument("first", Paging.DefaultFirst)), c.GetArgument<string?>("after"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessLogEntryGraphType>>>>("accessLog")
            .Description("Who has read a passport, newest first: the first `first` (1 to 500; values outside are brought within) older than the entry whose `cursor` is `after`. For the family and auditors.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var first = Math.Clamp(c.GetArgument("first", 50), 1, 500);
                return await Access(c).AccessLogAsync(passportId, first, c.GetArgument<string?>("after"), c.CancellationToken);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("modules")
            .Description("Every module this host found, and whether it is on for a local authority (required modules always are).")
            .Argument<StringGraphType>("localAuthority")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<LocalAuthorityModules.ModuleEnablements>()
                .ForAsync(c.GetArgument<string?>("localAuthority"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HistoryEntryGraphType>>>>("history")
            .Description("What changed on a passport, when and by whom, newest first, as far as you may see it: the first `first` (at most 200) older than the entry whose `cursor` is `after`.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = Paging.DefaultFirst)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Access(c).HistoryAsync(
                InputRules.PassportId(c.GetArgument<string>("passportId")), Paging.First(c.GetArgument("first", Paging.DefaultFirst)), c.GetArgument<string?>("after"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationGraphType>>>>("notifications")
            .Description("What the family of a passport should know, e.g. that emergency access was used. Newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c => await Notifications(c).ForFamilyAsync(c.GetArgument<string>("passportId"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationGraphType>>>>("myNotifications")
            .Description("Notifications for the signed-in professional, e.g. a new severe allergy on a passport whose care team they are on. Newest first: the first `first` (at most 200) older than the notification whose `cursor` is `after`.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = NotificationsQuery.Newest)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Notifications(c).MineAsync(
                Paging.First(c.GetArgument("first", NotificationsQuery.Newest)), c.GetArgument<string?>("after"), c.CancellationToken));

        EmergencyCards.EmergencyCardFields.DefineScan(this);
        Impact.ImpactFields.DefineQuery(this);
    }

    private static PassportAccess Access(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<PassportAccess>();

    private static NotificationsQuery Notifications(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<NotificationsQuery>();
}
