using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.AccessLog;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.GraphQL;

/// <summary>The <c>Passport</c> type: the core's sections plus every module's.</summary>
public sealed class PassportGraphType : ObjectGraphType<PassportNode>
{
    /// <summary>
    /// Fields of <c>Passport</c> that carry no child data and so need no field group, or that
    /// decide their group themselves (<c>careTeam</c>, <c>carers</c>: cut to the viewer's own entry
    /// rather than refused).
    /// </summary>
    public static readonly IReadOnlySet<string> StructuralFields = new HashSet<string>(StringComparer.Ordinal) { "id", "version", "localAuthority", "cursor", "careTeam", "sharing", "carers", "reviews", "withheldItems", "emergencyCard" };

    public PassportGraphType(PassportSchemaContributions contributions, Modules.ModuleCatalog catalog)
    {
        Name = "Passport";
        Description = "One child's passport, as far as the viewer may see it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<IntGraphType>>("version").Description("The passport's event-stream version; pass it as expectedVersion when editing.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("localAuthority").Description("ONS code of the child's home local authority.").Resolve(c => c.Source.LocalAuthority);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass it as myPassports' `after` to get the passports that follow this one.").Resolve(c => Paging.PassportCursor(c.Source.Id));
        Field<ChildGraphType>("child").Resolve(c => new ChildSection(c.Source, ViewOf(c)));
        Field<AboutMeGraphType>("aboutMe").InFieldGroup(CoreFieldGroups.AboutMe).Resolve(c =>
        {
            var view = ViewOf(c);
            if (view.AboutMe is null)
            {
                return null;
            }

            var lastReviewed = view.LastReviewed.GetValueOrDefault(CoreFieldGroups.AboutMe, view.AboutMe.RecordedBy.RecordedAt);
            return new AboutMeShown(view.AboutMe, lastReviewed, ReviewPolicy.IsDue(CoreFieldGroups.AboutMe, lastReviewed, Now(c)));
        });
        Field<ListGraphType<NonNullGraphType<ContactGraphType>>>("emergencyContacts")
            .InFieldGroup(CoreFieldGroups.EmergencyContacts)
            .Resolve(c => ViewOf(c).EmergencyContacts);

        Field<DateScalar>("closesOn")
            .Description("The day this passport closes: the 25th birthday, or the 26th when social care's involvement ended when the child was 17. From that day nobody sees or changes it (PASSPORT_CLOSED), and it is purged after the retention period. Needs identity.basic and socialCare.involvement, since the day can reveal the involvement.")
            .InFieldGroup(CoreFieldGroups.IdentityBasic)
            .Resolve(c => c.Source.Access.MaySee(ISocialCareInvolvement.Group)
                ? ViewOf(c).ClosesOn
                : throw new PassportException(ErrorCodes.FieldNotPermitted, $"This information ('{ISocialCareInvolvement.Group}') is not shared with you."));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareTeamMemberGraphType>>>>("careTeam")
            .Description("The professionals with a standing relationship to this passport: all of them for a viewer who may see the careTeam group, otherwise only the viewer's own entry (a family whose access is frozen sees no one else).")
            // A frozen family's grant holds no group, so they see only themselves: who is involved in the enquiry stays hidden.
            .Resolve(c => ListInGroup(c, CoreFieldGroups.CareTeam, ViewOf(c).CareTeam, member => member.Subject));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CarerGraphType>>>>("carers")
            .Description("The carers linked to this passport and their rights: all of them for a viewer who may see the family.carers group, otherwise only the viewer's own entry. Each carer's own address and phone are private unless they share them.")
            .Resolve(c => ListInGroup(c, CoreFieldGroups.Carers, ViewOf(c).Carers, carer => carer.Subject)
                .Select(carer => new CarerEntry(carer, c.Source.Access.Viewer, ViewOf(c))).ToList());
        Field<BooleanGraphType>("isControlledByYoungPerson")
            .Description("True once the young person (16 or over) has taken control of their passport.")
            .InFieldGroup(CoreFieldGroups.IdentityBasic)
            .Resolve(c => ViewOf(c).IsControlledByYoungPerson);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SectionReviewGraphType>>>>("reviews")
            .Description("When each group you may see was last changed or confirmed, and whether it is due for review (About me: 6 months; others: a year).")
            .Resolve(c => PassportViewProjection.ReviewDatesFor(ViewOf(c), c.Source.Access)
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new SectionReview(r.Key, r.Value, ReviewPolicy.IsDue(r.Key, r.Value, Now(c))))
                .ToList());
        Field<ListGraphType<NonNullGraphType<SharingSettingGraphType>>>("sharing")
            .Description("Who sees what, sector by group, for the family. Null with FORBIDDEN for anyone else.")
            .Resolve(c => c.Source.Access.Basis is AccessBasis.Carer or AccessBasis.YoungPerson && !IsFrozenFamily(c)
                ? c.RequestServices!.GetRequiredService<AccessDecision>().SharingOf(ViewOf(c)).ToList()
                : throw PassportException.Forbidden("Only the family sees the sharing settings."));

        Field<ListGraphType<NonNullGraphType<WithheldItemGraphType>>>("withheldItems")
            .Description("Which items are withheld, for those who may withhold them: a care-team professional sees the withheld items of groups they may see; the young person sees those they withheld from carers. Null with FORBIDDEN for anyone else.")
            .Resolve(c => c.Source.Access.Basis switch
            {
                AccessBasis.CareTeam => ViewOf(c).WithheldItems
                    .Where(w => ViewOf(c).WithheldBy.TryGetValue(w.Key, out var by) && c.Source.Access.MaySee(by.Group))
                    .Select(w => new WithheldItem(w.Key, w.Value)).ToList(),
                AccessBasis.YoungPerson when !IsFrozenFamily(c) => ViewOf(c).WithheldItems.Where(w => w.Value == WithheldFrom.Carers).Select(w => new WithheldItem(w.Key, w.Value)).ToList(),
                _ => throw PassportException.Forbidden("Only the care team and the young person see which items are withheld."),
            });
        EmergencyCards.EmergencyCardFields.DefineStatus(this);

        foreach (var section in contributions.Sections)
        {
            AddField(section);
        }

        // A plugin that failed to load keeps its section, which always answers MODULE_UNAVAILABLE.
        foreach (var (section, manifest) in catalog.UnavailableSections.Where(s => !HasField(s.Key)))
        {
            AddField(new FieldType
            {
                Name = section,
                Description = $"{manifest.SectionTitle}: the {manifest.Name} module could not be loaded; its information is unavailable.",
                Type = typeof(UnavailableModuleGraphType),
                Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object?>(_ => null),
            }.OwnedByModule(manifest.Name));
        }
    }

    /// <summary>
    /// A list that is a field group of its own (who is involved is itself information): the whole
    /// list for a viewer who may see the group, noted for the access log; for anyone else only
    /// their own entry, so nobody is refused the fact of their own involvement.
    /// </summary>
    private static List<T> ListInGroup<T>(IResolveFieldContext<PassportNode> context, string group, IEnumerable<T> entries, Func<T, string> subjectOf)
    {
        var passport = context.Source;
        if (!passport.Access.MaySee(group))
        {
            return entries.Where(entry => subjectOf(entry) == passport.Access.Viewer.Subject).ToList();
        }

        context.RequestServices!.GetRequiredService<AccessLogCollector>().Returned(passport, group);
        return entries.ToList();
    }

    /// <summary>During a safeguarding enquiry the family must not learn who is involved.</summary>
    private static bool IsFrozenFamily(IResolveFieldContext<PassportNode> context) =>
        context.Source.Access.Basis is AccessBasis.Carer or AccessBasis.YoungPerson && ViewOf(context).IsFamilyAccessFrozen;

    private static DateTimeOffset Now(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();

    private static PassportView ViewOf(IResolveFieldContext<PassportNode> context) =>
        context.RequestServices!.GetRequiredService<PassportAccess>().ViewOf(context.Source);
}

/// <summary>The child's identity: basic details and, separately, the NHS number.</summary>
public sealed record ChildSection(PassportNode Passport, PassportView View) : IPassportScoped;

public sealed class ChildGraphType : ObjectGraphType<ChildSection>
{
    public ChildGraphType()
    {
        Name = "Child";
        Field<StringGraphType>("givenName").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.GivenName);
        Field<StringGraphType>("familyName").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.FamilyName);
        Field<StringGraphType>("preferredName").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.PreferredName);
        Field<DateScalar>("dateOfBirth").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.DateOfBirth);
        Field<StringGraphType>("pronouns").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.Pronouns);
        Field<StringGraphType>("firstLanguage").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.FirstLanguage);
        Field<BooleanGraphType>("interpreterNeeded").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.IsInterpreterNeeded);
        Field<StringGraphType>("photoReference").InFieldGroup(CoreFieldGroups.IdentityBasic).Resolve(c => c.Source.View.PhotoReference);
        Field<StringGraphType>("localAuthority").InFieldGroup(CoreFieldGroups.IdentityBasic).Description("ONS code of the child's home local authority.").Resolve(c => c.Source.View.LocalAuthority);
        Field<BooleanGraphType>("dueForAdultTransition")
            .Description("True from the 18th birthday: the passport is due for transition to adult services.")
            .InFieldGroup(CoreFieldGroups.IdentityBasic)
            .Resolve(c => c.Source.View.DateOfBirth.AddYears(18) <= DateOnly.FromDateTime(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        Field<StringGraphType>("nhsNumber").InFieldGroup(CoreFieldGroups.NhsNumber).Description("Ten digits, no spaces.").Resolve(c => c.Source.View.NhsNumber);
    }
}

/// <summary>About me with its review state.</summary>
public sealed record AboutMeShown(AboutMeSection Content, DateTimeOffset LastReviewed, bool IsReviewDue);

public sealed class AboutMeGraphType : ObjectGraphType<AboutMeShown>
{
    public AboutMeGraphType()
    {
        Name = "AboutMe";
        Description = "How to know and help me, in my family's and my own words.";
        Field<StringGraphType>("communication").Resolve(c => c.Source.Content.Communication);
        Field<StringGraphType>("importantToMe").Resolve(c => c.Source.Content.ImportantToMe);
        Field<StringGraphType>("likes").Resolve(c => c.Source.Content.Likes);
        Field<StringGraphType>("dislikes").Resolve(c => c.Source.Content.Dislikes);
        Field<StringGraphType>("whatUpsetsMe").Resolve(c => c.Source.Content.WhatUpsetsMe);
        Field<StringGraphType>("howToHelpMe").Resolve(c => c.Source.Content.HowToHelpMe);
        Field<StringGraphType>("howIShowPain").Resolve(c => c.Source.Content.HowIShowPain);
        Field<StringGraphType>("mustKnow").Resolve(c => c.Source.Content.MustKnow);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.Content.RecordedBy);
        Field<NonNullGraphType<DateScalar>>("lastReviewed")
            .Description("When About me was last written or confirmed as still correct.")
            .Resolve(c => DateOnly.FromDateTime(c.Source.LastReviewed.UtcDateTime));
        Field<NonNullGraphType<BooleanGraphType>>("reviewDue")
            .Description("True when About me has not been reviewed for 6 months: check it with the family before relying on it.")
            .Resolve(c => c.Source.IsReviewDue);
    }
}

public sealed class ContactGraphType : ObjectGraphType<EmergencyContact>
{
    public ContactGraphType()
    {
        Name = "Contact";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("relationship").Resolve(c => c.Source.Relationship);
        Field<NonNullGraphType<BooleanGraphType>>("parentalResponsibility").Resolve(c => c.Source.HasParentalResponsibility);
        Field<NonNullGraphType<StringGraphType>>("phone").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<IntGraphType>>("preferredOrder").Resolve(c => c.Source.PreferredOrder);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified").Resolve(c => c.Source.RecordedBy.IsVerified || c.Source.VerifiedBy is not null);
        Field<ProvenanceGraphType>("verifiedBy").Resolve(c => c.Source.VerifiedBy);
    }
}

/// <summary>The section of a plugin that failed to load: never resolved, its field answers MODULE_UNAVAILABLE.</summary>
public sealed class UnavailableModuleGraphType : ObjectGraphType
{
    public UnavailableModuleGraphType()
    {
        Name = "UnavailableModule";
        Field<StringGraphType>("status").Resolve(_ => "unavailable");
    }
}
