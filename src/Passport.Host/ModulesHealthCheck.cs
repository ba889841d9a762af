using Microsoft.Extensions.Diagnostics.HealthChecks;
using Passport.Core.Modules;

namespace Passport.Host;

/// <summary>Ready but degraded while an optional plugin failed to load: its data answers MODULE_UNAVAILABLE.</summary>
internal sealed class ModulesHealthCheck(ModuleCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = catalog.Entries.Where(e => e.Status == ModuleLoadStatus.Failed).Select(e => e.Name).ToList();
        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy($"{catalog.Entries.Count} modules loaded")
            : HealthCheckResult.Degraded($"Plugins failed to load: {string.Join(", ", failed)}"));
    }
}
