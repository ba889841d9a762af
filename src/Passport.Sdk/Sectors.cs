namespace Passport.Sdk;

/// <summary>The sector values that token claims, the policy file and the API use.</summary>
public static class Sectors
{
    /// <summary>GP, paediatrics, nursing, ambulance, health visiting.</summary>
    public const string Health = "health";

    /// <summary>Social workers and key workers.</summary>
    public const string SocialCare = "social-care";

    /// <summary>Schools, nurseries, SENCos.</summary>
    public const string Education = "education";

    /// <summary>Sports clubs, pools, holiday clubs.</summary>
    public const string Leisure = "leisure";
}
