using Passport.Sdk.Items;

namespace Passport.Modules.Health.Clinicians;

/// <summary>A key clinician or service involved in the child's care.</summary>
public sealed record Clinician(string Name, string? Role, string? Service, string? Contact) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, Clinician> kind) => kind
        .Describe("a key clinician or service", "Clinicians and services", "Key clinicians and services.")
        .Text("name", "Name of the clinician or service", required: true, hint: "For example, Dr Amara Okafor", description: "The clinician, or the service when no one person is named, e.g. Dr Amara Okafor.")
        .Text("role", "Role (optional)", hint: "For example, consultant paediatric neurologist", description: "e.g. Consultant paediatric neurologist.")
        .Text("service", "Service (optional)", hint: "For example, paediatric neurology, Royal Cornwall Hospital", description: "e.g. Paediatric neurology, Royal Cornwall Hospital.")
        .Text("contact", "How to contact them (optional)", hint: "For example, a phone number or a secretary's email address", description: "How to reach them, e.g. a phone number or secretary's email.")
        .Form("Add a clinician or service", "Save clinician or service", familyTitle: "Report a clinician or service");
}
