namespace Passport.Sdk;

/// <summary>The fixed values of <c>errors[].extensions.code</c>.</summary>
public static class ErrorCodes
{
    /// <summary>No or invalid credentials.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>The viewer is known but may not do this.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>No such passport, or no relationship with it: the two are indistinguishable on purpose.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The viewer's sector may not see this field group of this passport.</summary>
    public const string FieldNotPermitted = "FIELD_NOT_PERMITTED";

    /// <summary>Input failed validation; the error names the field.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";

    /// <summary>The thing already exists (e.g. an NHS number that has a passport).</summary>
    public const string Duplicate = "DUPLICATE";

    /// <summary>The passport changed since the version the caller read.</summary>
    public const string VersionConflict = "VERSION_CONFLICT";

    /// <summary>The module is not enabled for the child's local authority.</summary>
    public const string ModuleNotEnabled = "MODULE_NOT_ENABLED";

    /// <summary>The module failed to load; its data cannot be shown (never shown as empty).</summary>
    public const string ModuleUnavailable = "MODULE_UNAVAILABLE";

    /// <summary>The query is too deep or too complex.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>Too many attempts.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>
    /// The passport is closed (SPEC §4: at the 25th birthday, or the 26th when social care's
    /// involvement ended at 17): it accepts no changes and is no longer shown. Only people with a
    /// relationship to it are told; anyone else gets <see cref="NotFound"/>.
    /// </summary>
    public const string PassportClosed = "PASSPORT_CLOSED";
}
