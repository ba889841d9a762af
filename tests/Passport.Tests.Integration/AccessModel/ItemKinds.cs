using System.Globalization;

namespace Passport.Tests.Integration.AccessModel;

/// <summary>A kind of list item and the public mutations that record, amend and end it.</summary>
internal sealed record ItemKind(
    string Name,
    string Group,
    string ListPath,
    string Record,
    string Amend,
    string End,
    string IdArgument,
    string InputArgument,
    string InputType,
    Func<int, object> Input)
{
    /// <summary>The list's ids, as a selection on Passport, e.g. <c>health { allergies { id } }</c>.</summary>
    public string IdSelection => Nest(ListPath, "{ id }");

    public static string Nest(string path, string leaf)
    {
        var steps = path.Split('.');
        return steps.Length == 1 ? $"{steps[0]} {leaf}" : $"{steps[0]} {{ {steps[1]} {leaf} }}";
    }

    private static string Past(int days) => PassportState.Today.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static readonly ItemKind Contact = new(
        "contact", Groups.Contacts, "emergencyContacts", "addEmergencyContact", "amendEmergencyContact", "removeEmergencyContact", "contactId", "input", "ContactInput!",
        n => new { name = $"Contact {n}", relationship = "Aunt", parentalResponsibility = false, phone = "01872 000" + (n % 1000).ToString("000", CultureInfo.InvariantCulture) });

    public static readonly ItemKind Allergy = new(
        "allergy", Groups.HealthEmergency, "health.allergies", "recordAllergy", "amendAllergy", "endAllergy", "itemId", "input", "AllergyInput!",
        n => new { substance = $"Substance {n}", severity = "MILD" });

    public static readonly ItemKind Alert = new(
        "alert", Groups.HealthEmergency, "health.alerts", "recordAlert", "amendAlert", "endAlert", "itemId", "input", "AlertInput!",
        n => new { title = $"Alert {n}" });

    public static readonly ItemKind Medication = new(
        "medication", Groups.HealthClinical, "health.medications", "recordMedication", "amendMedication", "endMedication", "itemId", "input", "MedicationInput!",
        n => new { name = $"Medicine {n}", dose = "5 mg" });

    public static readonly ItemKind Condition = new(
        "condition", Groups.HealthClinical, "health.conditions", "recordCondition", "amendCondition", "endCondition", "itemId", "input", "ConditionInput!",
        n => new { name = $"Condition {n}" });

    public static readonly ItemKind Growth = new(
        "growth", Groups.Growth, "health.growth", "recordGrowthMeasurement", "amendGrowthMeasurement", "endGrowthMeasurement", "itemId", "input", "GrowthMeasurementInput!",
        n => new { measuredOn = Past(30), heightCm = 100 + (n % 50) });

    public static readonly ItemKind Immunisation = new(
        "immunisation", Groups.Immunisations, "health.immunisations", "recordImmunisation", "amendImmunisation", "endImmunisation", "itemId", "input", "ImmunisationInput!",
        n => new { vaccine = $"Vaccine {n}", givenOn = Past(100) });

    public static readonly ItemKind Activity = new(
        "activity", Groups.Activities, "leisure.activities", "addActivity", "amendActivity", "endActivity", "activityId", "input", "ActivityInput!",
        n => new { name = $"Club {n}", supportNeeded = "1:1" });

    public static readonly ItemKind SafeguardingNote = new(
        "safeguarding note", Groups.Safeguarding, "socialCare.safeguarding", "addSafeguardingNote", "amendSafeguardingNote", "endSafeguardingNote", "noteId", "note", "String!",
        n => $"Safeguarding note {n}");

    public static readonly ItemKind[] All = [Contact, Allergy, Alert, Medication, Condition, Growth, Immunisation, Activity, SafeguardingNote];

    /// <summary>Kinds an item of which may be withheld from the family (safeguarding notes never reach the family anyway).</summary>
    public static readonly ItemKind[] Withholdable = [Contact, Allergy, Alert, Medication, Condition, Growth, Immunisation, Activity];
}

/// <summary>A single record of a passport (set and, for some, ended): it has an id that can be verified.</summary>
internal sealed record RecordKind(string Name, string Group, string Path, string Set, string? End, string InputType, Func<int, object> Input)
{
    public string IdSelection => ItemKind.Nest(Path, Name == LegalStatus.Name ? "{ id status }" : "{ id }");

    /// <summary>NONE is left out: whether it ends the record or shows as NONE is not part of these rules.</summary>
    public static readonly string[] Statuses = ["CHILD_IN_NEED", "CHILD_PROTECTION_PLAN", "LOOKED_AFTER"];

    public static readonly RecordKind Setting = new(
        "education setting", Groups.Setting, "education.setting", "setEducationSetting", "endEducationSetting", "EducationSettingInput!",
        n => new { name = $"School {n}", yearGroup = "Year 4" });

    public static readonly RecordKind Sen = new(
        "SEN support", Groups.Sen, "education.sen", "setSenSupport", "endSenSupport", "SenInput!",
        n => new { level = "SEN_SUPPORT", ehcpStatus = "NONE", needs = $"Needs {n}" });

    public static readonly RecordKind LegalStatus = new(
        "legal status", Groups.LegalStatus, "socialCare.legalStatus", "setLegalStatus", null, "LegalStatusInput!",
        n => new { status = Statuses[n % Statuses.Length] });

    public static readonly RecordKind Involvement = new(
        "involvement", Groups.Involvement, "socialCare.involvement", "recordInvolvement", null, "InvolvementInput!",
        n => new { allocatedWorker = $"Worker {n}" });

    public static readonly RecordKind Plan = new(
        "short breaks plan", Groups.ShortBreaksPlan, "shortBreaks.plan", "recordShortBreaksPlan", "endShortBreaksPlan", "ShortBreaksPlanInput!",
        n => new { eligibilityAssessed = true, hoursPerYear = 100 + (n % 100), provider = $"Provider {n}" });

    public static readonly RecordKind[] All = [Setting, Sen, LegalStatus, Involvement, Plan];
}
