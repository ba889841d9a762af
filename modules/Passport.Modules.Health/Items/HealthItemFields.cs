using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Health.Items;

/// <summary>The fields every health item shows, whatever its kind.</summary>
internal static class HealthItemFields
{
    public static void AddIdField<TItem>(this ObjectGraphType<TItem> type)
        where TItem : IHealthItem =>
        type.Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The item's id: the same after an amendment; use it to amend, end, verify or withhold the item.")
            .Resolve(c => c.Source.Id.ToString());

    public static void AddProvenanceFields<TItem>(this ObjectGraphType<TItem> type)
        where TItem : IHealthItem
    {
        type.Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy")
            .Description("Who recorded the current values: name, role, sector and organisation.")
            .Resolve(c => c.Source.RecordedBy);
        type.Field<NonNullGraphType<DateTimeScalar>>("recordedAt")
            .Description("When the current values were recorded.")
            .Resolve(c => c.Source.RecordedBy.RecordedAt);
        type.Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded or confirmed by a health professional; false when reported by the family.")
            .Resolve(c => c.Source.RecordedBy.IsVerified || c.Source.VerifiedBy is not null);
        type.Field<ProvenanceGraphType>("verifiedBy")
            .Description("The health professional who confirmed what the family reported; null until one does.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}
