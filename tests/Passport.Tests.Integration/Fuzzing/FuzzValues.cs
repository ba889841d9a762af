using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Passport.Tests.Integration.Fuzzing;

/// <summary>A generated input value, as a GraphQL literal and as the JSON of a variable.</summary>
public sealed record FuzzValue(string Literal, JsonNode? Json)
{
    public static readonly FuzzValue Null = new("null", null);

    public static FuzzValue Of(string text) => new(GraphQLString(text), JsonValue.Create(text));

    public static FuzzValue Of(long number) => new(number.ToString(CultureInfo.InvariantCulture), JsonValue.Create(number));

    public static FuzzValue Of(double number) => new(number.ToString("R", CultureInfo.InvariantCulture), JsonValue.Create(number));

    public static FuzzValue Of(bool value) => new(value ? "true" : "false", JsonValue.Create(value));

    public static FuzzValue Enum(string name) => new(name, JsonValue.Create(name));

    public static FuzzValue List(IEnumerable<FuzzValue> items)
    {
        var all = items.ToList();
        return new FuzzValue("[" + string.Join(", ", all.Select(i => i.Literal)) + "]", new JsonArray([.. all.Select(i => i.Json?.DeepClone())]));
    }

    public static FuzzValue Object(IEnumerable<(string Name, FuzzValue Value)> fields)
    {
        var all = fields.ToList();
        var json = new JsonObject();
        foreach (var (name, value) in all)
        {
            json[name] = value.Json?.DeepClone();
        }

        return new FuzzValue("{" + string.Join(", ", all.Select(f => $"{f.Name}: {f.Value.Literal}")) + "}", json);
    }

    /// <summary>A GraphQL string literal; sometimes a block string when the text allows one.</summary>
    public static string GraphQLString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>Strings, numbers and dates that probe input handling: empty, huge, unicode, control characters, injection-shaped.</summary>
public static class HostileText
{
    private static readonly string[] Samples =
    [
        "", " ", "   \t\n  ", "Sam", "Peanuts", "Zoë", "Siân", "Łukasz", "日本語のテキスト", "مرحبا بالعالم", "🧒🏽‍🦽", "e\u0301\u0301\u0301",
        "\u200B\u200B", "\u202Eevil", "\uFEFFbom", "nul\u0000byte", "line\nbreak", "tab\there", "\u0007bell", "' OR '1'='1", "\"; --",
        "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://example.invalid/a}", "..\\..\\boot.ini", "%00%0a", "\\u0000", "null", "undefined",
        "true", "0", "-1", "1e309", "NaN", "9999999999999999999999", "{\"a\":1}", "[]", "@@@", "$id", "#comment", "\"\"\"", "\\",
    ];

    /// <summary>Text the host might echo that must never look like an internal leak: the checker looks for these.</summary>
    public static readonly string[] LeakTokens =
    [
        "   at ", "Exception", "System.", "Npgsql", "Marten", "Wolverine", "JasperFx", "Weasel", "Passport.Core", "Passport.Host", "Passport.Sdk",
        "Passport.Modules", "Passport.Plugins", "Passport.LocalPostgres", ".cs:line", "/src/", "/work/", "/tmp/", "/home/", "/usr/", "/root/", "\\src\\",
        "SELECT ", "INSERT INTO", "DELETE FROM", "mt_doc", "mt_events", "mt_streams", "duplicate key value", "violates", "PostgreSQL", "postgres", "StackTrace", "stack trace",
    ];

    public static string Any(Random random)
    {
        while (true)
        {
            var text = Candidate(random);
            if (!LeakTokens.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)))
            {
                return text;
            }
        }
    }

    private static string Candidate(Random random) => random.Next(10) switch
    {
        < 4 => Samples[random.Next(Samples.Length)],
        4 => new string((char)random.Next(0x21, 0x7F), random.Next(1000, 20000)),
        5 => Printable(random, random.Next(1, 300)),
        6 => Unicode(random, random.Next(1, 60)),
        7 => Samples[random.Next(Samples.Length)] + Printable(random, random.Next(0, 20)),
        _ => "Fuzz " + random.Next(),
    };

    public static string Printable(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());

    /// <summary>Any code points but lone surrogates (which cannot be sent as UTF-8 at all).</summary>
    public static string Unicode(Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var codePoint = random.Next(4) switch
            {
                0 => random.Next(0, 0x20),
                1 => random.Next(0x80, 0x800),
                2 => random.Next(0x800, 0xD800),
                _ => random.Next(0x10000, 0x10FFFF),
            };
            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        return builder.ToString();
    }

    public static string Identifier(Random random) =>
        (char)('a' + random.Next(26)) + new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"[random.Next(63)]).ToArray());

    /// <summary>A date: well-formed (past, today, future, long ago, around a 16th birthday) or, for broken documents, malformed too.</summary>
    public static string Date(Random random, bool wellFormed)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return random.Next(wellFormed ? 10 : 16) switch
        {
            < 6 => today.AddDays(-random.Next(1, 20 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            6 => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            7 => today.AddDays(random.Next(1, 4000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            8 => today.AddYears(-random.Next(24, 40)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            9 => today.AddYears(-16).AddDays(random.Next(-3, 4)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            10 => "2019-02-30",
            11 => "2019-13-01",
            12 => "14/05/2016",
            13 => random.Next(2) == 0 ? "0001-01-01" : "9999-12-31",
            14 => "2016-05-14T00:00:00Z",
            _ => Any(random),
        };
    }
}
