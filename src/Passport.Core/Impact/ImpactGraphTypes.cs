using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Passport.Core.Impact;

/// <summary><c>impact</c> and <c>recordSatisfaction</c>: the region's measures for its BI tools and the dashboard, and the question after a journey.</summary>
internal static class ImpactFields
{
    public static void DefineQuery(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ImpactReportGraphType>>("impact")
            .Description("The region's impact measures by month (docs/impact.md): for commissioners (the region and every authority, or one authority) and local-authority administrators (their own authority). Counts under 5 are null and marked suppressed. Everyone else: FORBIDDEN.")
            .Argument<StringGraphType>("localAuthority", "An authority's ONS code; omit it for the region and every authority (commissioners).")
            .Argument<StringGraphType>("from", "The first month, e.g. 2026-01; by default 11 months before `to`.")
            .Argument<StringGraphType>("to", "The last month, e.g. 2026-12; by default the latest month published (see ImpactReport.latest).")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<ImpactReports>().ReadAsync(
                c.GetArgument<string?>("localAuthority"), c.GetArgument<string?>("from"), c.GetArgument<string?>("to"), c.CancellationToken));

    public static void DefineMutation(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<BooleanGraphType>>("recordSatisfaction")
            .Description("Optional, after a journey: how easy it was, from 1 (very hard) to 5 (very easy), and a comment. Kept apart from any passport or person; reported only in aggregate.")
            .Argument<NonNullGraphType<SatisfactionJourneyGraphType>>("journey")
            .Argument<NonNullGraphType<IntGraphType>>("score")
            .Argument<StringGraphType>("comment")
            .ResolveAsync(async c =>
            {
                await c.RequestServices!.GetRequiredService<SatisfactionAnswers>().RecordAsync(
                    c.GetArgument<SatisfactionJourney>("journey"), c.GetArgument<int>("score"), c.GetArgument<string?>("comment"), c.CancellationToken);
                return true;
            });

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

public sealed class SatisfactionJourneyGraphType : EnumerationGraphType<SatisfactionJourney>
{
    public SatisfactionJourneyGraphType() => Name = "SatisfactionJourney";
}

public sealed class ImpactReportGraphType : ObjectGraphType<ImpactReport>
{
    public ImpactReportGraphType()
    {
        Name = "ImpactReport";
        Description = "The impact measures for a span of months, after statistical disclosure control.";
        Field<StringGraphType>("localAuthority").Description("The authority asked for; null for the region and every authority.").Resolve(c => c.Source.LocalAuthority);
        Field<NonNullGraphType<StringGraphType>>("from").Description("The first month, e.g. 2026-01.").Resolve(c => ImpactFields.MonthText(c.Source.From));
        Field<NonNullGraphType<StringGraphType>>("to").Description("The last month.").Resolve(c => ImpactFields.MonthText(c.Source.To));
        Field<NonNullGraphType<StringGraphType>>("latest").Description("The latest month figures are published for: the last complete month, unless the region publishes this month too.").Resolve(c => ImpactFields.MonthText(c.Source.Latest));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImpactFigureGraphType>>>>("figures")
            .Description("Every figure: each measure for each month and authority (null: the region), and sector where counted per sector.")
            .Resolve(c => c.Source.Figures);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SatisfactionFigureGraphType>>>>("satisfaction")
            .Description("How each journey went, month by month, region-wide.")
            .Resolve(c => c.Source.Satisfaction);
    }
}

public sealed class ImpactFigureGraphType : ObjectGraphType<ImpactFigure>
{
    public ImpactFigureGraphType()
    {
        Name = "ImpactFigure";
        Description = "One measure for one month, authority and sector.";
        Field<NonNullGraphType<StringGraphType>>("measure").Description("e.g. passportsCreated, shareCodesRedeemed (docs/impact.md).").Resolve(c => c.Source.Measure);
        Field<NonNullGraphType<StringGraphType>>("month").Description("e.g. 2026-03.").Resolve(c => ImpactFields.MonthText(c.Source.Month));
        Field<StringGraphType>("localAuthority").Description("The authority's ONS code; null for the whole region.").Resolve(c => c.Source.LocalAuthority);
        Field<StringGraphType>("sector").Description("For measures counted per sector; null otherwise.").Resolve(c => c.Source.Sector);
        Field<IntGraphType>("value").Description("The figure; null when suppressed (fewer than 5, or hidden so that no other figure reveals one that is).").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Resolve(c => c.Source.IsSuppressed);
    }
}

public sealed class SatisfactionFigureGraphType : ObjectGraphType<SatisfactionFigure>
{
    public SatisfactionFigureGraphType()
    {
        Name = "SatisfactionFigure";
        Description = "How one journey went in one month, region-wide.";
        Field<NonNullGraphType<SatisfactionJourneyGraphType>>("journey").Resolve(c => c.Source.Journey);
        Field<NonNullGraphType<StringGraphType>>("month").Resolve(c => ImpactFields.MonthText(c.Source.Month));
        Field<IntGraphType>("answers").Description("How many answered; null when fewer than 5.").Resolve(c => c.Source.Answers);
        Field<FloatGraphType>("averageScore").Description("The mean score (1 to 5) to one decimal place; null when fewer than 5 answered.").Resolve(c => c.Source.AverageScore);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("comments").Description("What people wrote, in alphabetical order; null when fewer than 5 answered.").Resolve(c => c.Source.Comments);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Resolve(c => c.Source.IsSuppressed);
    }
}
