using System.Text.RegularExpressions;
using Npgsql;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>What PostgreSQL holds after a fault: read directly, so nothing in the host can hide a loss.</summary>
public static partial class Evidence
{
    /// <summary>The display name of every access-log entry whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<List<string>> AccessLogNamesAsync(FaultRig rig, string prefix)
    {
        await using var connection = await rig.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select data ->> 'DisplayName' from audit.mt_doc_accesslogentry where data ->> 'DisplayName' like @prefix", connection);
        command.Parameters.AddWithValue("prefix", prefix + "%");
        return await ReadStringsAsync(command);
    }

    /// <summary>The substance each emergency-information notification to <paramref name="recipient"/> tells of, one entry per notification.</summary>
    public static async Task<List<string>> NotifiedSubstancesAsync(FaultRig rig, string recipient)
    {
        await using var connection = await rig.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select data ->> 'Message' from passport.mt_doc_notification where data ->> 'Recipient' = @recipient", connection);
        command.Parameters.AddWithValue("recipient", recipient);
        return (await ReadStringsAsync(command)).Select(message => SevereAllergy().Match(message).Groups[1].Value).ToList();
    }

    private static async Task<List<string>> ReadStringsAsync(NpgsqlCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    [GeneratedRegex(@"Severe allergy recorded: (\S+)")]
    private static partial Regex SevereAllergy();
}
