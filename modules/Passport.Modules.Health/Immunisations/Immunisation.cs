using Passport.Sdk.Items;

namespace Passport.Modules.Health.Immunisations;

/// <summary>A vaccine given, and when.</summary>
public sealed record Immunisation(string Vaccine, DateOnly GivenOn) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, Immunisation> kind) => kind
        .Describe("an immunisation", "Immunisations", "Vaccines given, oldest first.")
        .Text("vaccine", "Vaccine", required: true, hint: "For example, MMR (1st dose)", description: "The vaccine, e.g. MMR (1st dose).")
        .Date("givenOn", "Date given", required: true, hint: "For example, 15 3 2024", description: "The day it was given: not in the future.")
        .Ordered(immunisations => immunisations.OrderBy(i => i.GivenOn))
        .Form("Add an immunisation", "Save immunisation", familyTitle: "Report an immunisation");
}
