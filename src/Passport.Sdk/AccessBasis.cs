namespace Passport.Sdk;

/// <summary>Why a viewer may see a passport at all. Recorded in every access-log entry.</summary>
public enum AccessBasis
{
    /// <summary>A carer linked to the passport.</summary>
    Carer,

    /// <summary>The young person whose passport it is.</summary>
    YoungPerson,

    /// <summary>A professional on the passport's care team.</summary>
    CareTeam,

    /// <summary>A health professional's emergency access, with a stated reason, for 24 hours.</summary>
    BreakGlass,

    /// <summary>An auditor reading access logs, never content.</summary>
    Auditor,
}
