using System.Reflection;
using System.Runtime.Loader;
using JasperFx;
using Marten;
using Passport.Core;
using Passport.Core.AboutMe;
using Passport.Core.CareTeam;
using Passport.Core.Passports;
using Passport.Core.ShareCodes;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Benchmarks;

/// <summary>
/// Seeds passports straight into the event store with Marten, in the benchmark's own process
/// against the host's database. The events are the ones the host writes for a family that
/// creates a passport, fills in "About me", reports an allergy and shares the passport with a
/// health professional by share code (five events per passport); the store is configured exactly as the host configures it
/// (the core's Marten configuration, then each plugin's), so the inline projections
/// (<c>PassportView</c>, <c>HealthView</c>) are written as the host would write them.
/// </summary>
internal sealed class SeededRegion : IAsyncDisposable
{
    public const string Organisation = "Benchmark Community Health Trust";
    private const int BatchSize = 500;

    private static readonly string[] LocalAuthorityCodes =
    [
        "E06000052", "E06000053", "E10000008", "E06000026", "E06000027", "E06000066", "E06000024", "E06000022",
        "E06000023", "E06000025", "E10000013", "E06000030", "E06000054", "E06000059", "E06000058",
    ];

    private static readonly string[] GivenNames = ["Ellie", "Ava", "Noah", "Oliver", "Amelia", "Isla", "Leo", "Freya", "Arlo", "Mia"];
    private static readonly string[] FamilyNames = ["Morgan", "Penrose", "Trelawny", "Hughes", "Carter", "Nance", "Pascoe", "Williams"];

    private readonly DocumentStore _store;
    private readonly ConstructorInfo _allergy;
    private readonly Type _allergyRecorded;
    private readonly List<Guid> _passports = [];

    private SeededRegion(DocumentStore store, ConstructorInfo allergy, int professionals)
    {
        _store = store;
        _allergy = allergy;
        _allergyRecorded = typeof(ItemRecorded<>).MakeGenericType(allergy.DeclaringType!);
        Professionals = professionals;
    }

    /// <summary>How many health professionals share the care teams; passport <c>i</c> has professional <c>i % Professionals</c>.</summary>
    public int Professionals { get; }

    public IReadOnlyList<Guid> Passports => _passports;

    public static string ProfessionalSubject(int index) => $"bench-health-{index:D4}";

    public static string ProfessionalName(int index) => $"Bench Clinician {index}";

    public static SeededRegion Open(string connectionString, string pluginsPath, int professionals)
    {
        var modules = LoadModules(pluginsPath);
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
            // The host created the schema at its start; the benchmark only writes rows.
            options.AutoCreateSchemaObjects = AutoCreate.None;
            PassportCoreRegistration.ConfigureCoreMarten(options);
            foreach (var module in modules)
            {
                module.ConfigureMarten(options);
            }
        });

        // The health module is a plugin: the benchmark knows it only as the host does, by loading it.
        var health = modules.SingleOrDefault(m => m.Manifest.Name == "health")
            ?? throw new InvalidOperationException($"The health module is not in {pluginsPath}; build the solution first.");
        // An allergy is a kind of the recorded-item kit: the event is the kit's ItemRecorded<Allergy>.
        var allergy = health.GetType().Assembly.GetType("Passport.Modules.Health.Allergies.Allergy", throwOnError: true)!;
        var constructor = allergy.GetConstructors().Single(c => c.GetParameters().Length == 4);
        return new SeededRegion(store, constructor, professionals);
    }

    /// <summary>Appends passports until there are <paramref name="target"/>; two sessions at a time, 500 passports per transaction.</summary>
    public async Task SeedUpToAsync(int target, Action<string> log)
    {
        var first = _passports.Count;
        if (target <= first)
        {
            return;
        }

        var ids = Enumerable.Range(first, target - first).Select(_ => Guid.CreateVersion7()).ToArray();
        _passports.AddRange(ids);
        var batches = Enumerable.Range(0, (ids.Length + BatchSize - 1) / BatchSize).ToArray();
        var done = 0;
        var lastReport = DateTime.UtcNow;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, cancellationToken) =>
        {
            await using var session = _store.LightweightSession();
            var start = batch * BatchSize;
            for (var offset = start; offset < Math.Min(start + BatchSize, ids.Length); offset++)
            {
                var index = first + offset;
                session.Events.StartStream<PassportView>(ids[offset], EventsOfPassport(ids[offset], index));
            }

            await session.SaveChangesAsync(cancellationToken);
            var total = Interlocked.Add(ref done, Math.Min(BatchSize, ids.Length - start));
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = DateTime.UtcNow;
                log($"  seeded {first + total:N0} of {target:N0}");
            }
        });
    }

    private object[] EventsOfPassport(Guid id, int index)
    {
        var at = DateTimeOffset.UtcNow;
        var carer = new Provenance($"bench-carer-{index}", $"Carer {index}", Viewer.CarerRole, null, null, at, IsVerified: false);
        var professional = index % Professionals;
        var clinician = new Provenance(ProfessionalSubject(professional), ProfessionalName(professional), Viewer.ProfessionalRole, Sectors.Health, Organisation, at, IsVerified: true);
        return
        [
            new PassportCreated(
                id,
                GivenNames[index % GivenNames.Length],
                FamilyNames[index / GivenNames.Length % FamilyNames.Length],
                null,
                new DateOnly(2008, 1, 1).AddDays(index % 6000),
                NhsNumberFor(index),
                LocalAuthorityCodes[index % LocalAuthorityCodes.Length],
                carer),
            new AboutMeUpdated(
                "I use some Makaton signs and short sentences. Give me time to answer.",
                "My dog Biscuit, my big sister, swimming on Saturdays.",
                "Trains, the colour yellow, singing.",
                "Loud hand dryers, being rushed.",
                "Sudden noises and changes to plans without warning.",
                "Tell me what is going to happen next, speak calmly, let me hold my sensory toy.",
                "I go quiet and rub my ear. I may not say that it hurts.",
                "Severe peanut allergy: adrenaline pen is in my bag.",
                carer),
            AllergyRecorded(carer),
            new ShareCodeIssued(Sectors.Health, at.AddMinutes(30), carer),
            new CareTeamMemberJoined(clinician.Subject, clinician.DisplayName, Sectors.Health, Organisation, "share code", clinician),
        ];
    }

    /// <summary>A severe peanut allergy (substance, reaction, severity SEVERE, status ACTIVE) the carer reported.</summary>
    private object AllergyRecorded(Provenance carer)
    {
        var parameters = _allergy.GetParameters();
        var allergy = (RecordedItem)_allergy.Invoke(["Peanuts", "Anaphylaxis", Enum.ToObject(parameters[2].ParameterType, 2), Enum.ToObject(parameters[3].ParameterType, 0)]);
        return Activator.CreateInstance(_allergyRecorded, "health.emergency", allergy with { Id = Guid.CreateVersion7(), RecordedBy = carer })!;
    }

    /// <summary>A distinct valid NHS number per passport: candidates 11 apart per index, so at most one of each block fails Modulus 11.</summary>
    internal static string NhsNumberFor(int index)
    {
        for (var candidate = 500_000_000L + (index * 11L); ; candidate++)
        {
            var digits = candidate.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }

            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            return digits + (check == 11 ? 0 : check).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static List<PassportModule> LoadModules(string pluginsPath)
    {
        var modules = new List<PassportModule>();
        foreach (var folder in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            var assemblyPath = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
            if (!File.Exists(assemblyPath))
            {
                continue;
            }

            // As the host does (ADR 1): the default context, so Marten and the SDK unify; private dependencies from the plugin's folder.
            var resolver = new AssemblyDependencyResolver(assemblyPath);
            AssemblyLoadContext.Default.Resolving += (context, name) =>
                resolver.ResolveAssemblyToPath(name) is { } path ? context.LoadFromAssemblyPath(path) : null;
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
            var moduleType = assembly.GetExportedTypes().Single(t => t.IsSubclassOf(typeof(PassportModule)) && !t.IsAbstract);
            modules.Add((PassportModule)Activator.CreateInstance(moduleType)!);
        }

        return modules;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
