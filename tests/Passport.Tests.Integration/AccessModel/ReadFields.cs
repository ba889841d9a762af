using System.Text.Json.Nodes;

namespace Passport.Tests.Integration.AccessModel;

/// <summary>One field of <c>passport(id)</c> a read trial may select: where it sits and which group it needs.</summary>
internal sealed record ReadField(string Key, string Section, string Selection, string? Group, ItemKind? Items = null, RecordKind? Record = null)
{
    /// <summary>The GraphQL path of the field, e.g. passport.health.allergies.</summary>
    public string Path => Section.Length == 0 ? $"passport.{Key}" : $"passport.{Section}.{Key}";

    public static readonly ReadField[] All =
    [
        new("givenName", "child", "givenName", Groups.IdentityBasic),
        new("dateOfBirth", "child", "dateOfBirth", Groups.IdentityBasic),
        new("nhsNumber", "child", "nhsNumber", Groups.NhsNumber),
        new("isControlledByYoungPerson", "", "isControlledByYoungPerson", Groups.IdentityBasic),
        new("closesOn", "", "closesOn", Groups.IdentityBasic),
        new("aboutMe", "", "aboutMe { likes }", Groups.AboutMe),
        new("emergencyContacts", "", "emergencyContacts { id }", Groups.Contacts, ItemKind.Contact),
        new("allergies", "health", "allergies { id }", Groups.HealthEmergency, ItemKind.Allergy),
        new("alerts", "health", "alerts { id }", Groups.HealthEmergency, ItemKind.Alert),
        new("medications", "health", "medications { id }", Groups.HealthClinical, ItemKind.Medication),
        new("conditions", "health", "conditions { id }", Groups.HealthClinical, ItemKind.Condition),
        new("growth", "health", "growth { id }", Groups.Growth, ItemKind.Growth),
        new("immunisations", "health", "immunisations { id }", Groups.Immunisations, ItemKind.Immunisation),
        new("legalStatus", "socialCare", "legalStatus { id status }", Groups.LegalStatus, Record: RecordKind.LegalStatus),
        new("involvement", "socialCare", "involvement { id }", Groups.Involvement, Record: RecordKind.Involvement),
        new("safeguarding", "socialCare", "safeguarding { id }", Groups.Safeguarding, ItemKind.SafeguardingNote),
        new("setting", "education", "setting { id }", Groups.Setting, Record: RecordKind.Setting),
        new("sen", "education", "sen { id }", Groups.Sen, Record: RecordKind.Sen),
        new("activities", "leisure", "activities { id }", Groups.Activities, ItemKind.Activity),
        new("plan", "shortBreaks", "plan { id }", Groups.ShortBreaksPlan, Record: RecordKind.Plan),
        new("careTeam", "", "careTeam { subject }", Groups.CareTeam),
        new("carers", "", "carers { subject }", Groups.Carers),
        new("withheldItems", "", "withheldItems { itemId from }", null),
        new("sharing", "", "sharing { sector }", null),
    ];

    /// <summary>The query for a selection of fields, each section written once.</summary>
    public static string Query(IReadOnlyList<ReadField> fields) =>
        "query($id: ID!) { passport(id: $id) { id " +
        string.Join(' ', fields.GroupBy(f => f.Section).Select(section => section.Key.Length == 0
            ? string.Join(' ', section.Select(f => f.Selection))
            : $"{section.Key} {{ {string.Join(' ', section.Select(f => f.Selection))} }}")) +
        " } }";

    public JsonNode? ValueIn(JsonNode? passport) =>
        Section.Length == 0 ? passport?[Key] : passport?[Section]?[Key];
}

/// <summary>What the model expects of one selected field: an error with one of some codes, a value, or (where DESIGN is silent) anything.</summary>
internal sealed record FieldExpectation(string Rule, IReadOnlySet<string>? Errors, Func<JsonNode?, string?>? Check)
{
    public static FieldExpectation Error(string rule, params string[] codes) => new(rule, codes.ToHashSet(), null);

    /// <summary><paramref name="check"/> returns null when the value is as expected, otherwise what differs.</summary>
    public static FieldExpectation Value(string rule, Func<JsonNode?, string?> check) => new(rule, null, check);

    public static FieldExpectation Anything(string rule) => new(rule, null, null);

    public bool IsAnything => Errors is null && Check is null;

    public string Expected => Errors is { } codes ? string.Join(" or ", codes.Order(StringComparer.Ordinal)) : IsAnything ? "anything" : "a value";
}
