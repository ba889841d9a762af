using System.Diagnostics;

namespace Passport.Host.Telemetry;

/// <summary>
/// Library spans record exceptions with their message, and messages can name data: Marten's
/// "Stream version mismatch on '…'" carries the passport id. Every exception recorded through
/// <see cref="Activity.AddException"/> (Npgsql, Marten, Wolverine) keeps its type and stack
/// frames, never its message.
/// </summary>
internal static class ExceptionMessageScrubber
{
    public const string Withheld = "(withheld: exception messages may contain personal data)";

    private static int _started;

    // Lives as long as the process.
    private static readonly ActivityListener Listener = new()
    {
        ShouldListenTo = _ => true,
        // Sampling is left to the OpenTelemetry SDK's own listener.
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
        ExceptionRecorder = (Activity _, Exception exception, ref TagList tags) =>
        {
            tags.Add("exception.message", Withheld);
            tags.Add("exception.stacktrace", $"{exception.GetType().FullName}{Environment.NewLine}{exception.StackTrace}");
        },
    };

    /// <summary>Idempotent: the listener is added once for the life of the process.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            ActivitySource.AddActivityListener(Listener);
        }
    }
}
