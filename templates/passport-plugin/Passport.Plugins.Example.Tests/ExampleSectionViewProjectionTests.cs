using JasperFx.Events;
using Passport.Plugins.Example.Notes;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Plugins.Example.Tests;

/// <summary>The view as the host keeps it: the module's projection applying the kit's events.</summary>
public class ExampleSectionViewProjectionTests
{
    private static readonly Guid PassportId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 9, 30, 0, TimeSpan.Zero);
    private static readonly Provenance Carer = new("carer-1", "Sam Carer", Viewer.CarerRole, null, null, Now, IsVerified: false);
    private static readonly Provenance Professional = new("pro-1", "Alex Professional", Viewer.ProfessionalRole, "example-sector", "Test Service", Now.AddDays(1), IsVerified: true);

    private static readonly ExampleSectionModule Module = new();
    private readonly RecordedItemsProjection<ExampleSectionView> _projection = Module.Declared.Projection();

    [Fact]
    public void A_first_note_creates_the_view_for_the_passport_with_who_recorded_it()
    {
        var note = Note("Weekly appointments", Professional);

        var view = Apply(null, new ItemRecorded<ExampleSectionNote>(ExampleSectionModule.Group, note));

        view.Id.ShouldBe(PassportId);
        var shown = view.Notes.ShouldHaveSingleItem();
        shown.Id.ShouldBe(note.Id);
        shown.Summary.ShouldBe("Weekly appointments");
        shown.RecordedBy.ShouldBe(Professional);
        shown.IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void Verifying_a_note_the_family_reported_keeps_who_recorded_it_and_shows_who_verified_it()
    {
        var note = Note("Prefers afternoon visits", Carer);
        var view = Apply(null, new ItemRecorded<ExampleSectionNote>(ExampleSectionModule.Group, note));
        view.Notes.ShouldHaveSingleItem().IsVerified.ShouldBeFalse();

        view = Apply(view, new ItemVerified(ExampleSectionModule.Group, note.Id, Professional));

        var shown = view.Notes.ShouldHaveSingleItem();
        shown.RecordedBy.ShouldBe(Carer);
        shown.VerifiedBy.ShouldBe(Professional);
        shown.IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void An_amended_note_keeps_its_id_and_an_ended_note_leaves_the_view()
    {
        var note = Note("Weekly appointments", Professional);
        var view = Apply(null, new ItemRecorded<ExampleSectionNote>(ExampleSectionModule.Group, note));

        view = Apply(view, new ItemAmended<ExampleSectionNote>(Guid.CreateVersion7(), ExampleSectionModule.Group, note with { Summary = "Fortnightly appointments" }));
        var amended = view.Notes.ShouldHaveSingleItem();
        amended.Id.ShouldBe(note.Id);
        amended.Summary.ShouldBe("Fortnightly appointments");

        view = Apply(view, new ItemEnded<ExampleSectionNote>(note.Id, ExampleSectionModule.Group, Professional));
        view.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Verifying_another_module_item_changes_nothing()
    {
        var view = Apply(null, new ItemRecorded<ExampleSectionNote>(ExampleSectionModule.Group, Note("Prefers afternoon visits", Carer)));

        view = Apply(view, new ItemVerified("health.emergency", Guid.CreateVersion7(), Professional));

        view.Notes.ShouldHaveSingleItem().VerifiedBy.ShouldBeNull();
    }

    /// <summary>A note as its record mutation would build it, with its rules checked.</summary>
    private static ExampleSectionNote Note(string summary, Provenance recordedBy) =>
        Module.Declared.Kind<ExampleSectionNote>().Read(new Dictionary<string, object?> { ["summary"] = summary }, recordedBy);

    private ExampleSectionView Apply<T>(ExampleSectionView? view, T change)
        where T : notnull =>
        _projection.Evolve(view, PassportId, new Event<T>(change) { StreamId = PassportId }).ShouldNotBeNull();
}
