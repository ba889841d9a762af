namespace Passport.Core.Retention;

/// <summary>
/// The tombstone the retention job leaves in the audit schema when it purges a passport: enough
/// to answer "what happened to passport X?" and to prove the purge, and nothing about the child
/// (no name, date of birth, closing day or NHS number: any of them would be the personal data the
/// purge removes). While it says the access log is kept, auditors still read that log.
/// </summary>
public sealed class PassportPurged
{
    /// <summary>The purged passport's id.</summary>
    public Guid Id { get; set; }

    public DateTimeOffset PurgedAt { get; set; }

    public string PurgedBy { get; set; } = RetentionJob.Actor;

    /// <summary>
    /// When the job deleted the passport's access log, <see cref="RetentionSettings.AccessLogYears"/>
    /// after the purge; until then auditors still read it.
    /// </summary>
    public DateTimeOffset? AccessLogDeletedAt { get; set; }
}
