using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace Passport.Core.Passports;

/// <summary>Recognises the store's refusals that callers must hear about as coded errors.</summary>
public static class StoreFailures
{
    public static bool IsVersionConflict(Exception exception) =>
        Chain(exception).Any(e => e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException);

    public static bool IsUniqueViolation(Exception exception) =>
        Chain(exception).Any(e => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or DocumentAlreadyExistsException);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
