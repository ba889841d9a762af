namespace Passport.Host.Identity;

/// <summary>The development default's demo people, one per kind of user (SPEC §2).</summary>
internal static class DemoPersonas
{
    public const string Cornwall = "E06000052";

    public static IReadOnlyDictionary<string, TokenClaims> All { get; } = new Dictionary<string, TokenClaims>(StringComparer.Ordinal)
    {
        ["carer"] = new("demo-carer", "Alex Morgan", "alex.morgan", ["carer"], LocalAuthority: Cornwall),
        ["second-carer"] = new("demo-second-carer", "Jordan Morgan", "jordan.morgan", ["carer"], LocalAuthority: Cornwall),
        ["young-person"] = new("demo-young-person", "Riley Morgan", "riley.morgan", ["young-person"], LocalAuthority: Cornwall),
        ["health"] = new("demo-health", "Dr Priya Shah", "priya.shah", ["professional"], "health", "Royal Cornwall Hospitals NHS Trust"),
        ["social-care"] = new("demo-social-care", "Tom Evans", "tom.evans", ["professional"], "social-care", "Cornwall Council Children's Services", Cornwall),
        ["education"] = new("demo-education", "Ms Laura Hughes", "laura.hughes", ["professional"], "education", "Truro Primary School"),
        ["leisure"] = new("demo-leisure", "Chris Penrose", "chris.penrose", ["professional"], "leisure", "Truro Leisure Centre"),
        ["la-admin"] = new("demo-la-admin", "Morwenna Trelawny", "morwenna.trelawny", ["la-admin"], Organisation: "Cornwall Council", LocalAuthority: Cornwall),
        ["auditor"] = new("demo-auditor", "Caldicott Guardian", "caldicott.guardian", ["auditor"], Organisation: "NHS South West"),
        ["commissioner"] = new("demo-commissioner", "Kerensa Pascoe", "kerensa.pascoe", ["commissioner"], Organisation: "NHS Cornwall and Isles of Scilly ICB"),
    };
}
