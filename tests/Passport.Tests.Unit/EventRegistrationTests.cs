using Marten;
using Marten.Events;
using Passport.Core;
using Passport.Sdk;

namespace Passport.Tests.Unit;

public class EventRegistrationTests
{
    /// <summary>
    /// Every event the core appends is registered, as ConfigureCoreMarten intends: reading the
    /// history back must not depend on Marten meeting the type first by appending it.
    /// </summary>
    [Fact]
    public void Every_event_the_core_appends_is_registered_with_Marten()
    {
        var options = new StoreOptions();
        PassportCoreRegistration.ConfigureCoreMarten(options);
        var registered = ((EventGraph)options.Events).AllKnownEventTypes().Select(e => e.EventType).ToHashSet();

        var events = typeof(PassportCoreRegistration).Assembly.GetTypes()
            .Where(t => typeof(IPassportEvent).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });
        events.Where(t => !registered.Contains(t)).Select(t => t.FullName).ShouldBeEmpty();
    }
}
