using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;

namespace Passport.Plugins.ShortBreaks.Plans;

/// <summary>
/// The child's short breaks plan was recorded or amended. The passport has one current plan:
/// recording it again amends it and keeps its id; after a plan ended, a new plan gets a new id.
/// </summary>
public sealed record ShortBreaksPlanRecorded(
    Guid PlanId,
    bool EligibilityAssessed,
    DateOnly? AssessedOn,
    int? HoursPerYear,
    string? Provider,
    string? Routines,
    string? NightTimeCare,
    string? MedicationSupport,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => ShortBreaksModule.Plan;

    public Guid ItemId => PlanId;
}

/// <summary>The short breaks plan as the passport shows it.</summary>
public sealed record ShortBreaksPlan(
    Guid Id,
    bool EligibilityAssessed,
    DateOnly? AssessedOn,
    int? HoursPerYear,
    string? Provider,
    string? Routines,
    string? NightTimeCare,
    string? MedicationSupport,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded by a social-care professional, or reported by the family and verified by one since.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}

public sealed class ShortBreaksPlanInput
{
    public bool EligibilityAssessed { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public int? HoursPerYear { get; set; }
    public string? Provider { get; set; }
    public string? Routines { get; set; }
    public string? NightTimeCare { get; set; }
    public string? MedicationSupport { get; set; }
}

public sealed class ShortBreaksPlanInputGraphType : InputObjectGraphType<ShortBreaksPlanInput>
{
    public ShortBreaksPlanInputGraphType()
    {
        Name = "ShortBreaksPlanInput";
        Description = "The child's short breaks plan. Recording it again replaces every detail (omitted ones become empty).";
        Field<NonNullGraphType<BooleanGraphType>>("eligibilityAssessed").Description("True when the local authority has assessed the child as eligible for short breaks.");
        Field<DateScalar>("assessedOn").Description("When eligibility was assessed: not in the future.");
        Field<IntGraphType>("hoursPerYear").Description($"Hours of short breaks a year, {PlanDetails.MinHoursPerYear} to {PlanDetails.MaxHoursPerYear}.");
        Field<StringGraphType>("provider").Description("Who provides the short breaks, e.g. Sunflower House overnight short breaks.");
        Field<StringGraphType>("routines").Description("The child's routines during a stay: mornings, meals, bedtime.");
        Field<StringGraphType>("nightTimeCare").Description("Care the child needs at night, e.g. repositioning, monitoring.");
        Field<StringGraphType>("medicationSupport").Description("Support with medication during a stay.");
    }
}

public sealed class ShortBreaksPlanGraphType : ObjectGraphType<ShortBreaksPlan>
{
    public ShortBreaksPlanGraphType()
    {
        Name = "ShortBreaksPlan";
        Description = "A short breaks (respite) plan: eligibility, provider and what the child needs during a stay.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The plan's id: kept when the plan is amended, new after a plan ended.")
            .Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<BooleanGraphType>>("eligibilityAssessed").Resolve(c => c.Source.EligibilityAssessed);
        Field<DateScalar>("assessedOn").Resolve(c => c.Source.AssessedOn);
        Field<IntGraphType>("hoursPerYear").Resolve(c => c.Source.HoursPerYear);
        Field<StringGraphType>("provider").Resolve(c => c.Source.Provider);
        Field<StringGraphType>("routines").Resolve(c => c.Source.Routines);
        Field<StringGraphType>("nightTimeCare").Resolve(c => c.Source.NightTimeCare);
        Field<StringGraphType>("medicationSupport").Resolve(c => c.Source.MedicationSupport);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by a social-care professional; false when reported by the family.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The social-care professional who verified what the family reported; null until then.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class RecordShortBreaksPlanMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("recordShortBreaksPlan", passportType)
            .Description("Records the child's short breaks plan, or amends the current one (its id is kept): verified when a social-care professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ShortBreaksPlanInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var details = PlanDetails.From(c.GetArgument<ShortBreaksPlanInput>("input"), c.RequestServices!.GetRequiredService<TimeProvider>());
                // One plan per passport: recording it again amends it, keeping its id.
                return await c.ChangePassportAsync(SingleRecord.Set<ShortBreaksView>(passportId, ShortBreaksModule.Plan, view => view.Plan?.Id, (id, recordedBy) => new ShortBreaksPlanRecorded(
                    id,
                    details.EligibilityAssessed,
                    details.AssessedOn,
                    details.HoursPerYear,
                    details.Provider,
                    details.Routines,
                    details.NightTimeCare,
                    details.MedicationSupport,
                    recordedBy)));
            });
}

/// <summary>A plan's details, validated.</summary>
internal sealed record PlanDetails(
    bool EligibilityAssessed,
    DateOnly? AssessedOn,
    int? HoursPerYear,
    string? Provider,
    string? Routines,
    string? NightTimeCare,
    string? MedicationSupport)
{
    public const int MinHoursPerYear = 0;

    /// <summary>More than anyone is commissioned: about 40 hours a week all year round.</summary>
    public const int MaxHoursPerYear = 2000;

    /// <summary>
    /// Nothing about a child predates their birth, and a passport closes by the 26th birthday, so a
    /// date further back than this is a mistake. The plugin does not read the child's date of birth
    /// (the core's), so this is the bound.
    /// </summary>
    private const int OldestYears = 26;

    private static readonly TimeZoneInfo RegionTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    public static PlanDetails From(ShortBreaksPlanInput input, TimeProvider clock) => new(
        input.EligibilityAssessed,
        PastDate("input.assessedOn", input.AssessedOn, clock),
        Hours(input.HoursPerYear),
        InputRules.Optional("input.provider", input.Provider, InputRules.ShortText),
        InputRules.Optional("input.routines", input.Routines),
        InputRules.Optional("input.nightTimeCare", input.NightTimeCare),
        InputRules.Optional("input.medicationSupport", input.MedicationSupport));

    private static int? Hours(int? hours) =>
        hours is null or (>= MinHoursPerYear and <= MaxHoursPerYear)
            ? hours
            : throw PassportException.Invalid("input.hoursPerYear", $"input.hoursPerYear must be between {MinHoursPerYear} and {MaxHoursPerYear}.");

    /// <summary>A date that has happened (in the UK): not in the future, and not before a child's passport could begin.</summary>
    private static DateOnly? PastDate(string field, DateOnly? date, TimeProvider clock)
    {
        if (date is not { } value)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), RegionTime).Date);
        if (value > today)
        {
            throw PassportException.Invalid(field, $"{field} cannot be in the future.");
        }

        return value >= today.AddYears(-OldestYears)
            ? value
            : throw PassportException.Invalid(field, $"{field} cannot be more than {OldestYears} years ago.");
    }
}
