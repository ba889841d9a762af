using GraphQL.Types;

namespace Passport.Sdk;

/// <summary>The fixed <c>Date</c> scalar: an ISO 8601 calendar date such as <c>2019-04-23</c>, carried as <see cref="DateOnly"/>.</summary>
public sealed class DateScalar : DateOnlyGraphType
{
    /// <summary>Creates the scalar.</summary>
    public DateScalar() => Name = "Date";
}

/// <summary>The fixed <c>DateTime</c> scalar: an ISO 8601 instant with offset, carried as <see cref="DateTimeOffset"/>.</summary>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    /// <summary>Creates the scalar.</summary>
    public DateTimeScalar() => Name = "DateTime";
}

/// <summary>Provenance as every recorded item shows it.</summary>
public sealed class ProvenanceGraphType : ObjectGraphType<Provenance>
{
    /// <summary>Defines the type.</summary>
    public ProvenanceGraphType()
    {
        Name = "Provenance";
        Description = "Who recorded a value, when, and whether it is verified.";
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<StringGraphType>>("role").Resolve(c => c.Source.Role);
        Field<StringGraphType>("sector").Resolve(c => c.Source.Sector);
        Field<StringGraphType>("organisation").Resolve(c => c.Source.Organisation);
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Resolve(c => c.Source.RecordedAt);
        Field<NonNullGraphType<BooleanGraphType>>("verified").Resolve(c => c.Source.IsVerified);
        Field<StringGraphType>("source").Description("Where the value came from when it was not typed into the passport, e.g. \"Imported from Trelawny Surgery\" (FHIR import); null otherwise.").Resolve(c => c.Source.Source);
    }
}
