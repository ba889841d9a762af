using System.Diagnostics;
using Passport.Tests.Integration.AccessModel;
using Passport.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Integration;

/// <summary>
/// A randomised model test of SPEC §4 as DESIGN (issue 11) fixes it. The model in
/// <c>AccessModel/</c> states the rules on its own; the trials run on the real host, with the
/// Short Breaks plugin loaded (on for Cornwall, off for Devon), so that module's rules are in the
/// model too. Set PASSPORT_MODEL_SEED to repeat a run; PASSPORT_MODEL_OPERATIONS=reads or writes
/// narrows it while debugging.
/// </summary>
[Collection(PassportCollection.Name)]
public class AccessModelPropertyTests(PassportFixture fixture, ShortBreaksPluginTests.PluginHost plugin, ITestOutputHelper output)
    : IClassFixture<ShortBreaksPluginTests.PluginHost>
{
    [Fact]
    public async Task Every_read_and_write_on_randomly_built_passports_gets_the_answer_the_access_rules_give()
    {
        var settings = ModelRun.SettingsFromEnvironment();
        Say($"Access model: seed {settings.Seed} (PASSPORT_MODEL_SEED={settings.Seed} repeats this run).");
        var started = Stopwatch.StartNew();
        var host = await plugin.StartAsync(fixture);
        Say($"Host with the Short Breaks plugin ready in {started.Elapsed.TotalSeconds:0.0} s.");

        var run = new ModelRun(host.Http, persona => fixture.Token(persona, TimeSpan.FromHours(2)), settings);
        var clock = Stopwatch.StartNew();
        await run.RunAsync();
        var report = run.Summary(clock.Elapsed);
        Say(report);
        output.WriteLine(run.Coverage());

        run.Trials.ShouldBeGreaterThanOrEqualTo(5000, "the model needs enough trials to reach the rarer states");
        if (run.Mismatches.Count > 0)
        {
            Assert.Fail(report);
        }
    }

    private void Say(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
