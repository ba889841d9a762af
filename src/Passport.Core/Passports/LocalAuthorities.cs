namespace Passport.Core.Passports;

/// <summary>The region's local authorities by ONS code (SPEC §5).</summary>
public static class LocalAuthorities
{
    /// <summary>ONS code → name.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["E06000052"] = "Cornwall",
        ["E06000053"] = "Isles of Scilly",
        ["E10000008"] = "Devon",
        ["E06000026"] = "Plymouth",
        ["E06000027"] = "Torbay",
        ["E06000066"] = "Somerset",
        ["E06000024"] = "North Somerset",
        ["E06000022"] = "Bath and North East Somerset",
        ["E06000023"] = "Bristol",
        ["E06000025"] = "South Gloucestershire",
        ["E10000013"] = "Gloucestershire",
        ["E06000030"] = "Swindon",
        ["E06000054"] = "Wiltshire",
        ["E06000059"] = "Dorset",
        ["E06000058"] = "Bournemouth, Christchurch and Poole",
    };

    /// <summary>True for a code of the region.</summary>
    /// <param name="code">An ONS code.</param>
    /// <returns>Whether the region has it.</returns>
    public static bool IsKnown(string? code) => code is not null && All.ContainsKey(code);
}
