using System.Text.Json;
using System.Text.RegularExpressions;

namespace Passport.Sdk;

/// <summary>
/// Reads <c>passport-plugin.json</c> member by member, so a mistake is reported by the member's
/// path (<c>fieldGroups[0].familyWrites</c>) rather than as a deserializer's exception, and an
/// unknown member (a misspelt <c>familyWrite</c>) is refused rather than silently ignored.
/// </summary>
internal static partial class ModuleManifestJson
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] Members = ["module", "sector", "section", "sectionTitle", "databaseSchema", "fieldGroups"];
    private static readonly string[] GroupMembers = ["name", "description", "familyWrites", "recordingSectors"];

    public static ModuleManifest Parse(string json, string folder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidManifestException(folder, null, $"it is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException(folder, null, "it must be a JSON object");
            }

            var members = MembersOf(root, "", Members, folder);
            var name = Text(members, "module", "", KebabName(), "must be lower-case letters, digits and hyphens, e.g. short-breaks", folder);
            var sector = Text(members, "sector", "", KebabName(), "must be lower-case letters, digits and hyphens, as token sector claims spell it, e.g. social-care", folder);
            var section = Text(members, "section", "", SectionField(), "must be a camelCase GraphQL field name, e.g. shortBreaks", folder);
            var sectionTitle = Text(members, "sectionTitle", "", null, "must be the section's name in words, e.g. Short breaks", folder);
            var databaseSchema = Text(members, "databaseSchema", "", SchemaName(), "must be a PostgreSQL schema name of lower-case letters, digits and underscores, e.g. short_breaks", folder);
            var groups = Required(members, "fieldGroups", "", folder);
            if (groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() == 0)
            {
                throw new InvalidManifestException(folder, "fieldGroups", "must be a list of at least one field group");
            }

            var fieldGroups = new List<FieldGroup>();
            foreach (var (group, index) in groups.EnumerateArray().Select((g, i) => (g, i)))
            {
                var fieldGroup = ParseGroup(group, $"fieldGroups[{index}]", folder);
                if (fieldGroups.Any(g => g.Name == fieldGroup.Name))
                {
                    throw new InvalidManifestException(folder, $"fieldGroups[{index}].name", $"repeats the group '{fieldGroup.Name}'");
                }

                fieldGroups.Add(fieldGroup);
            }

            return new ModuleManifest(name, sector, section, sectionTitle, fieldGroups, databaseSchema);
        }
    }

    private static FieldGroup ParseGroup(JsonElement group, string path, string folder)
    {
        if (group.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidManifestException(folder, path, "must be an object with name and description");
        }

        var members = MembersOf(group, path + ".", GroupMembers, folder);
        var name = Text(members, "name", path + ".", GroupName(), "must be a group name of camelCase words joined by dots, e.g. shortBreaks.plan", folder);
        var description = Text(members, "description", path + ".", null, "must describe the group in plain English for families", folder);
        var familyWrites = false;
        if (members.TryGetValue("familyWrites", out var writes))
        {
            familyWrites = writes.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InvalidManifestException(folder, path + ".familyWrites", "must be true or false"),
            };
        }

        var recordingSectors = new List<string>();
        if (members.TryGetValue("recordingSectors", out var sectors))
        {
            if (sectors.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidManifestException(folder, path + ".recordingSectors", "must be a list of sectors, e.g. [\"health\", \"social-care\"]");
            }

            foreach (var (sector, index) in sectors.EnumerateArray().Select((s, i) => (s, i)))
            {
                if (sector.ValueKind != JsonValueKind.String || sector.GetString() is not { } recording || !KebabName().IsMatch(recording))
                {
                    throw new InvalidManifestException(folder, $"{path}.recordingSectors[{index}]", "must be a sector of lower-case letters, digits and hyphens, e.g. social-care");
                }

                recordingSectors.Add(recording);
            }
        }

        return new FieldGroup(name, description)
        {
            FamilyWrites = familyWrites,
            RecordingSectors = recordingSectors,
        };
    }

    private static Dictionary<string, JsonElement> MembersOf(JsonElement element, string prefix, string[] known, string folder)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!known.Contains(member.Name, StringComparer.Ordinal))
            {
                throw new InvalidManifestException(folder, prefix + member.Name, $"is not a member of the manifest here (expected {string.Join(", ", known)})");
            }

            if (!members.TryAdd(member.Name, member.Value))
            {
                throw new InvalidManifestException(folder, prefix + member.Name, "appears twice");
            }
        }

        return members;
    }

    private static JsonElement Required(Dictionary<string, JsonElement> members, string name, string prefix, string folder) =>
        members.TryGetValue(name, out var value) ? value : throw new InvalidManifestException(folder, prefix + name, "is missing");

    private static string Text(Dictionary<string, JsonElement> members, string name, string prefix, Regex? shape, string expected, string folder)
    {
        var value = Required(members, name, prefix, folder);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) && (shape is null || shape.IsMatch(text))
            ? text
            : throw new InvalidManifestException(folder, prefix + name, expected);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabName();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex SectionField();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$")]
    private static partial Regex GroupName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
