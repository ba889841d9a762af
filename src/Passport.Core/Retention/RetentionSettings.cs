using Microsoft.Extensions.Configuration;

namespace Passport.Core.Retention;

/// <summary>
/// <c>Passport__Retention__PurgeAfter</c>: how long a closed passport is kept before it is purged
/// (default 30 days: see docs/adr/0009-closure-and-retention.md).
/// <c>Passport__Retention__Interval</c>: how often the retention job looks (default 1 hour).
/// </summary>
public sealed record RetentionSettings(TimeSpan PurgeAfter, TimeSpan Interval)
{
    public static readonly TimeSpan DefaultPurgeAfter = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static RetentionSettings From(IConfiguration configuration)
    {
        var purgeAfter = configuration.GetValue("Passport:Retention:PurgeAfter", DefaultPurgeAfter);
        var interval = configuration.GetValue("Passport:Retention:Interval", DefaultInterval);
        if (purgeAfter < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Passport__Retention__PurgeAfter cannot be negative.");
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Passport__Retention__Interval must be positive.");
        }

        return new RetentionSettings(purgeAfter, interval);
    }
}
