namespace Passport.Tests.Integration.AccessModel;

internal enum OpKind
{
    UpdateAboutMe,
    UpdateChildDetails,
    SetNhsNumber,
    RecordItem,
    AmendItem,
    EndItem,
    SetRecord,
    EndRecord,
    MarkReviewed,
    VerifyItem,
    CreateShareCode,
    RedeemShareCode,
    SetSharing,
    RemoveCareTeamMember,
    AddCareTeamColleague,
    SetItemWithheld,
    InviteCarer,
    AcceptCarerInvitation,
    InviteYoungPerson,
    AcceptYoungPersonInvitation,
    TakeControl,
    SetFamilyAccessFrozen,
    BreakGlass,
}

/// <summary>One mutation the model sends, with what the model needs to predict and follow it.</summary>
internal sealed record WriteOp(OpKind Kind, string Mutation, string Document, Dictionary<string, object?> Variables, string Summary)
{
    public string? Group { get; init; }
    public ItemKind? ItemKind { get; init; }
    public RecordKind? RecordKind { get; init; }
    public ModelItem? Item { get; init; }
    public string? Sector { get; init; }

    /// <summary>shared (setSharing), withheld (setItemWithheld) or frozen (setFamilyAccessFrozen).</summary>
    public bool Flag { get; init; }

    public string? Code { get; init; }
    public Actor? Colleague { get; init; }
    public Member? Target { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? Reason { get; init; }
    public bool MayEdit { get; init; }
    public bool MayManageSharing { get; init; }
    public bool MayInvite { get; init; }
    public IReadOnlyList<string> Keep { get; init; } = [];
    public string? NhsNumber { get; init; }
    public string? LegalStatus { get; init; }
    public bool IsStaleVersion { get; init; }
}

/// <summary>What the host answered to a mutation: ok, or the code of the error at the mutation's path.</summary>
internal sealed record Outcome(string Code, string? Field, string? Message)
{
    public const string Ok = "ok";

    /// <summary>The request was refused before any resolver ran (e.g. an argument the schema does not have).</summary>
    public bool IsSchemaError { get; init; }

    public bool IsOk => Code == Ok;

    public override string ToString() => Field is null ? Code : $"{Code} ({Field})";
}

/// <summary>The outcomes the rules allow for one attempt, and the rule that decided.</summary>
internal sealed record Prediction(IReadOnlySet<string> Codes, string Rule, string? Field = null)
{
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string VersionConflict = "VERSION_CONFLICT";
    public const string ModuleNotEnabled = "MODULE_NOT_ENABLED";
    public const string PassportClosed = "PASSPORT_CLOSED";
    public const string FieldNotPermitted = "FIELD_NOT_PERMITTED";

    /// <summary>DESIGN leaves the answer open: anything is accepted and the state follows what happened.</summary>
    public bool IsOpen => Codes.Count == 0;

    public bool IsOk => Codes.Count == 1 && Codes.Contains(Outcome.Ok);

    public static Prediction Ok(string rule) => new(new HashSet<string> { Outcome.Ok }, rule);

    public static Prediction Refused(string code, string rule) => new(new HashSet<string> { code }, rule);

    public static Prediction Invalid(string field, string rule) => new(new HashSet<string> { ValidationFailed }, rule, field);

    public static Prediction OneOf(string rule, params string[] codes) => new(codes.ToHashSet(), rule);

    public static Prediction Open(string rule) => new(new HashSet<string>(), rule);

    /// <summary>Also accepts <paramref name="code"/>, where DESIGN does not order two refusals.</summary>
    public Prediction Or(string code, string? field = null) => IsOpen ? this : this with { Codes = Codes.Append(code).ToHashSet(), Field = Field ?? field };

    public bool Allows(Outcome outcome) =>
        IsOpen || (Codes.Contains(outcome.Code) && (outcome.Code != ValidationFailed || Field is null || outcome.Field == Field));

    public string Expected => IsOpen ? "anything" : string.Join(" or ", Codes.Order(StringComparer.Ordinal).Select(c => c == ValidationFailed && Field is not null ? $"{c} ({Field})" : c));
}
