using Passport.Sdk;

namespace Passport.Core.AccessLog;

/// <summary>One read of one passport: who, when, on what basis, which groups were returned.</summary>
public sealed class AccessLogEntry
{
    public Guid Id { get; set; }
    public Guid PassportId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Subject { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Sector { get; set; }
    public string? Organisation { get; set; }
    public AccessBasis Basis { get; set; }
    public List<string> Groups { get; set; } = [];
}
