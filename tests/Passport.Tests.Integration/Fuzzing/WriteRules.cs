namespace Passport.Tests.Integration.Fuzzing;

/// <summary>
/// SPEC §4's "who may write" table as a necessary condition: a change accepted from a persona of a
/// kind or sector the table never allows is a defect, whatever the passport's state. (Whether an
/// allowed kind succeeds depends on state the fuzzer changes, so that is not judged here.)
/// </summary>
public static class WriteRules
{
    private const string Family = "family";
    private const string AnyProfessional = "professional";

    private static readonly Dictionary<string, string[]> Writers = new(StringComparer.Ordinal)
    {
        ["createPassport"] = [Family, AnyProfessional],
        ["updateAboutMe"] = [Family],
        ["addEmergencyContact"] = [Family, "health", "social-care"],
        ["amendEmergencyContact"] = [Family, "health", "social-care"],
        ["removeEmergencyContact"] = [Family, "health", "social-care"],
        ["updateChildDetails"] = [Family, "health", "social-care"],
        ["setNhsNumber"] = [Family, "health"],
        ["createShareCode"] = [Family],
        ["setSharing"] = [Family],
        ["removeCareTeamMember"] = [Family],
        ["redeemShareCode"] = [AnyProfessional],
        ["breakGlass"] = ["health"],
        ["addCareTeamColleague"] = [AnyProfessional],
        ["inviteCarer"] = [Family],
        ["acceptCarerInvitation"] = ["carer"],
        ["inviteYoungPerson"] = ["carer"],
        ["acceptYoungPersonInvitation"] = ["young-person"],
        ["takeControl"] = ["young-person"],
        ["setItemWithheld"] = ["young-person", AnyProfessional],
        ["setMyContactDetails"] = ["carer"],
        ["removeCarer"] = [Family, "social-care"],
        ["issueEmergencyCard"] = [Family],
        ["revokeEmergencyCard"] = [Family],
        ["setFamilyAccessFrozen"] = ["social-care"],
        ["verifyItem"] = [AnyProfessional],
        ["setModuleEnabled"] = ["la-admin"],
        ["markReviewed"] = [Family, AnyProfessional],
        ["setEducationSetting"] = [Family, "education"],
        ["endEducationSetting"] = [Family, "education"],
        ["setSenSupport"] = [Family, "education"],
        ["endSenSupport"] = [Family, "education"],
        ["addActivity"] = [Family, "leisure"],
        ["amendActivity"] = [Family, "leisure"],
        ["endActivity"] = [Family, "leisure"],
        ["setLegalStatus"] = ["social-care"],
        ["recordInvolvement"] = ["social-care"],
        ["endInvolvement"] = ["social-care"],
        ["addSafeguardingNote"] = ["social-care"],
        ["amendSafeguardingNote"] = ["social-care"],
        ["endSafeguardingNote"] = ["social-care"],
    };

    /// <summary>Null when the mutation is not in the table (e.g. one added later): not judged.</summary>
    public static bool? MayEverSucceed(string mutation, FuzzPersona persona)
    {
        string[]? writers;
        if (!Writers.TryGetValue(mutation, out writers))
        {
            // recordX / amendX / endX of the health module.
            if (mutation.StartsWith("record", StringComparison.Ordinal) || mutation.StartsWith("amend", StringComparison.Ordinal) || mutation.StartsWith("end", StringComparison.Ordinal))
            {
                writers = [Family, "health"];
            }
            else
            {
                return null;
            }
        }

        return persona.Kind switch
        {
            // A view-only carer may not change the child's passport (SPEC §4: carers need the edit right);
            // their own contact details, leaving it, creating a passport of their own and accepting an invitation are theirs.
            PersonaKind.ViewOnlyCarer => mutation is "setMyContactDetails" or "removeCarer" or "createPassport" or "acceptCarerInvitation",
            PersonaKind.Carer => writers.Contains(Family) || writers.Contains("carer"),
            PersonaKind.YoungPerson => writers.Contains(Family) || writers.Contains("young-person"),
            PersonaKind.Professional => writers.Contains(AnyProfessional) || writers.Contains(persona.Sector),
            PersonaKind.LocalAuthorityAdmin => writers.Contains("la-admin"),
            _ => false,
        };
    }
}
