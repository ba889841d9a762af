using System.Collections.Concurrent;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>How each request of a load was answered, by the key that names it.</summary>
public sealed class Outcomes
{
    private int _sent;
    private int _refused;

    /// <summary>Requests that reached a host.</summary>
    public int Sent => _sent - _refused;

    /// <summary>Connections refused while no host was listening.</summary>
    public int Refused => _refused;

    /// <summary>Answered 200 with data and no error.</summary>
    public ConcurrentBag<string> Acknowledged { get; } = [];

    /// <summary>No answer at all (the host was killed with the request in flight, or was down): in doubt.</summary>
    public ConcurrentBag<string> Unanswered { get; } = [];

    /// <summary>503 with Retry-After and SERVICE_UNAVAILABLE or AUDIT_UNAVAILABLE: in doubt, and told to retry.</summary>
    public ConcurrentBag<string> Unavailable { get; } = [];

    /// <summary>Anything else, such as INTERNAL_ERROR: a failure of the test.</summary>
    public ConcurrentBag<string> Wrong { get; } = [];

    public async Task SendAsync(string key, Func<Task<Answer>> send)
    {
        Interlocked.Increment(ref _sent);
        Answer answer;
        try
        {
            answer = await send();
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
        {
            // Nobody listening (the host is down): never sent. The load goes on once the next host is up.
            Interlocked.Increment(ref _refused);
            await Task.Delay(50);
            return;
        }
        catch (HttpRequestException)
        {
            Unanswered.Add(key);
            return;
        }

        if (answer.IsAcknowledged)
        {
            Acknowledged.Add(key);
        }
        else if (answer.IsRetryableUnavailable)
        {
            Unavailable.Add(key);
        }
        else
        {
            Wrong.Add($"{key}: {answer}");
        }
    }
}
