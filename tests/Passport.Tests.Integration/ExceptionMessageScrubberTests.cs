using System.Diagnostics;
using Passport.Host.Telemetry;

namespace Passport.Tests.Integration;

/// <summary>In process: no host or database is needed to see what a recorded exception carries.</summary>
public class ExceptionMessageScrubberTests
{
    [Fact]
    public void An_exception_recorded_on_a_span_keeps_its_type_but_not_its_message()
    {
        ExceptionMessageScrubber.Start();
        using var source = new ActivitySource($"Passport.Tests.{Guid.NewGuid():N}");
        using var sdk = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(sdk);
        var passportId = Guid.NewGuid().ToString();

        using var activity = source.StartActivity("append")!;
        // The message Marten's append function raises on a version race.
        activity.AddException(new InvalidOperationException($"Stream version mismatch on '{passportId}': expected 3, actual 4"));

        var tags = activity.Events.Single().Tags.ToDictionary(t => t.Key, t => t.Value?.ToString());
        tags["exception.type"].ShouldBe(typeof(InvalidOperationException).FullName);
        tags.Values.ShouldAllBe(value => value == null || !value.Contains(passportId));
    }
}
