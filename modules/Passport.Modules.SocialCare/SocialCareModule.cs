using GraphQL;
using JasperFx.Events.Projections;
using Marten;
using Passport.Modules.SocialCare.Involvements;
using Passport.Modules.SocialCare.LegalStatuses;
using Passport.Modules.SocialCare.Safeguarding;
using Passport.Sdk;

namespace Passport.Modules.SocialCare;

/// <summary>The social-care sector's module: involvement, legal status and safeguarding notes.</summary>
public sealed class SocialCareModule : PassportModule
{
    public const string InvolvementGroup = ISocialCareInvolvementEnded.Group;
    public const string LegalStatusGroup = "socialCare.legalStatus";
    public const string SafeguardingGroup = "socialCare.safeguarding";

    public override ModuleManifest Manifest { get; } = new(
        Name: "social-care",
        Sector: Sectors.SocialCare,
        IsRequired: true,
        FieldGroups:
        [
            new(InvolvementGroup, "Allocated social worker or key worker and services received"),
            new(LegalStatusGroup, "Child in need, child protection plan, looked after or none"),
            new(SafeguardingGroup, "Safeguarding notes; never shown to the family"),
        ],
        DatabaseSchema: "social_care");

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventType<LegalStatusSet>();
        options.Events.AddEventType<InvolvementRecorded>();
        options.Events.AddEventType<InvolvementEnded>();
        options.Events.AddEventType<SafeguardingNoteAdded>();
        options.Events.AddEventType<SafeguardingNoteAmended>();
        options.Events.AddEventType<SafeguardingNoteEnded>();
        options.Events.AddEventType<ItemVerified>();
        options.Projections.Add<SocialCareViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<SocialCareView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override void PurgePassport(IDocumentSession session, Guid passportId) => session.Delete<SocialCareView>(passportId);

    public override async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        SocialCareItems.GroupOf(await session.LoadAsync<SocialCareView>(passportId, cancellationToken).ConfigureAwait(false), itemId);

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<SocialCareGraphType>(
            "socialCare",
            "The social-care section: involvement, legal status and safeguarding, recorded by social-care professionals.",
            (passport, context) => context.Loader<SocialCareView>().Load(passport.Id).Then(view => new SocialCareSection(passport, view)));
        schema.AddMutations(mutation =>
        {
            SetLegalStatusMutation.Define(mutation, schema.PassportType);
            RecordInvolvementMutation.Define(mutation, schema.PassportType);
            EndInvolvementMutation.Define(mutation, schema.PassportType);
            AddSafeguardingNoteMutation.Define(mutation, schema.PassportType);
            AmendSafeguardingNoteMutation.Define(mutation, schema.PassportType);
            EndSafeguardingNoteMutation.Define(mutation, schema.PassportType);
        });
    }
}
