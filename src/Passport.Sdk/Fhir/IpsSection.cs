namespace Passport.Sdk.Fhir;

/// <summary>
/// A section of the International Patient Summary's Composition, identified by its LOINC code.
/// Modules put their resources into these; the core makes the Composition from the sections used.
/// </summary>
/// <param name="Code">The section's LOINC code.</param>
/// <param name="Display">The LOINC display name.</param>
/// <param name="Title">The title a reader sees.</param>
/// <param name="Order">Where it comes in the summary (IPS order: required sections first).</param>
public sealed record IpsSection(string Code, string Display, string Title, int Order)
{
    /// <summary>The LOINC code system.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>Allergies and intolerances (IPS: required).</summary>
    public static readonly IpsSection Allergies = new("48765-2", "Allergies and adverse reactions Document", "Allergies and intolerances", 1);
    /// <summary>Medication summary (IPS: required).</summary>
    public static readonly IpsSection Medications = new("10160-0", "History of Medication use Narrative", "Medication summary", 2);
    /// <summary>Problem list: conditions and diagnoses (IPS: required).</summary>
    public static readonly IpsSection Problems = new("11450-4", "Problem list - Reported", "Problem list", 3);
    /// <summary>Alerts: what anyone treating the child must know at once.</summary>
    public static readonly IpsSection Alerts = new("104605-1", "Alert", "Alerts", 4);
    /// <summary>Immunisations.</summary>
    public static readonly IpsSection Immunisations = new("11369-6", "History of Immunization Narrative", "Immunisations", 5);
    /// <summary>Medical devices: equipment that travels with the child.</summary>
    public static readonly IpsSection MedicalDevices = new("46264-8", "History of medical device use", "Medical devices", 6);
    /// <summary>Vital signs: growth measurements.</summary>
    public static readonly IpsSection VitalSigns = new("8716-3", "Vital signs", "Vital signs", 7);
    /// <summary>Plan of care: emergency care plans.</summary>
    public static readonly IpsSection PlanOfCare = new("18776-5", "Plan of care note", "Plan of care", 8);

    /// <summary>The person's own story: the passport's About me, as narrative.</summary>
    public static readonly IpsSection PatientStory = new("81338-6", "Patient Goals, preferences, and priorities for care experience", "About me", 9);
}
