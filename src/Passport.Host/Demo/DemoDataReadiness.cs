using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Passport.Host.Demo;

/// <summary>
/// In the development default, /health/ready waits for the demo data: the host answers HTTP while
/// it seeds, and someone who opens the demo the moment it is ready should find the demo passports.
/// </summary>
internal sealed class DemoDataReadiness : IHealthCheck
{
    private volatile bool _isSeeded;

    public void Seeded() => _isSeeded = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_isSeeded ? HealthCheckResult.Healthy("Demo data in place") : HealthCheckResult.Unhealthy("Seeding demo data"));
}
