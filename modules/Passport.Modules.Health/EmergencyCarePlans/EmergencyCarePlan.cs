using Passport.Sdk.Items;

namespace Passport.Modules.Health.EmergencyCarePlans;

/// <summary>What to do in an emergency (e.g. a seizure plan). Every change is told to the care team.</summary>
public sealed record EmergencyCarePlan(string Title, string Plan) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, EmergencyCarePlan> kind) => kind
        .Describe("an emergency care plan", "Emergency care plans", "What to do in an emergency, e.g. a seizure plan.")
        .Text("title", "What the plan is for", required: true, hint: "For example, seizures", description: "What the plan is for, e.g. Seizure plan.")
        .LongText("plan", "What to do", required: true, hint: "Step by step", description: "What to do, step by step.")
        .Notify((plan, change) => $"Emergency care plan {change}: {plan.Title}")
        .Form("Add an emergency care plan", "Save plan", familyTitle: "Report an emergency care plan")
        .LeadsPage();
}
