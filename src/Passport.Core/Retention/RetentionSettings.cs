using Microsoft.Extensions.Configuration;

namespace Passport.Core.Retention;

/// <summary>
/// <c>Passport__Retention__PurgeAfter</c>: how long a closed passport is kept, from the day the
/// retention job first sees it closed, before it is purged (default 30 days: see
/// docs/adr/0009-closure-and-retention.md).
/// <c>Passport__Retention__AccessLogYears</c>: how many years a purged passport's access log is
/// kept after the purge, for auditors (default 8).
/// <c>Passport__Retention__Interval</c>: how often the retention job looks (default 1 hour).
/// </summary>
public sealed record RetentionSettings(TimeSpan PurgeAfter, TimeSpan Interval, int AccessLogYears = RetentionSettings.DefaultAccessLogYears)
{
    public static readonly TimeSpan DefaultPurgeAfter = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);
    public const int DefaultAccessLogYears = 8;

    public static RetentionSettings From(IConfiguration configuration)
    {
        var purgeAfter = configuration.GetValue("Passport:Retention:PurgeAfter", DefaultPurgeAfter);
        var interval = configuration.GetValue("Passport:Retention:Interval", DefaultInterval);
        var accessLogYears = configuration.GetValue("Passport:Retention:AccessLogYears", DefaultAccessLogYears);
        if (purgeAfter < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Passport__Retention__PurgeAfter cannot be negative.");
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Passport__Retention__Interval must be positive.");
        }

        if (accessLogYears is < 0 or > 100)
        {
            throw new InvalidOperationException("Passport__Retention__AccessLogYears must be a whole number of years from 0 to 100.");
        }

        return new RetentionSettings(purgeAfter, interval, accessLogYears);
    }
}
