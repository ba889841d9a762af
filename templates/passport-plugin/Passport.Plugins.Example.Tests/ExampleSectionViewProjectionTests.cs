using JasperFx.Events;
using Passport.Plugins.Example.Notes;
using Passport.Sdk;

namespace Passport.Plugins.Example.Tests;

public class ExampleSectionViewProjectionTests
{
    private static readonly Guid PassportId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 9, 30, 0, TimeSpan.Zero);
    private static readonly Provenance Carer = new("carer-1", "Sam Carer", Viewer.CarerRole, null, null, Now, IsVerified: false);
    private static readonly Provenance Professional = new("pro-1", "Alex Professional", Viewer.ProfessionalRole, "example-sector", "Test Service", Now.AddDays(1), IsVerified: true);

    [Fact]
    public void A_first_note_creates_the_view_for_the_passport_with_who_recorded_it()
    {
        var recorded = Note("Weekly appointments", Professional);

        var view = ExampleSectionViewProjection.Create(new Event<ExampleSectionNoteRecorded>(recorded) { StreamId = PassportId });

        view.Id.ShouldBe(PassportId);
        var note = view.Notes.ShouldHaveSingleItem();
        note.Id.ShouldBe(recorded.NoteId);
        note.Summary.ShouldBe("Weekly appointments");
        note.RecordedBy.ShouldBe(Professional);
        note.IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void A_note_the_family_reports_is_shown_as_not_verified()
    {
        var view = ExampleSectionViewProjection.Apply(Note("Prefers afternoon visits", Carer), new ExampleSectionView { Id = PassportId });

        var note = view.Notes.ShouldHaveSingleItem();
        note.IsVerified.ShouldBeFalse();
        note.VerifiedBy.ShouldBeNull();
    }

    [Fact]
    public void Verifying_a_reported_note_keeps_who_recorded_it_and_shows_who_verified_it()
    {
        var recorded = Note("Prefers afternoon visits", Carer);
        var view = ExampleSectionViewProjection.Apply(recorded, new ExampleSectionView { Id = PassportId });

        view = ExampleSectionViewProjection.Apply(new ItemVerified(ExampleSectionModule.Group, recorded.NoteId, Professional), view);

        var note = view.Notes.ShouldHaveSingleItem();
        note.RecordedBy.ShouldBe(Carer);
        note.VerifiedBy.ShouldBe(Professional);
        note.IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void Verifying_another_module_item_changes_nothing()
    {
        var view = ExampleSectionViewProjection.Apply(Note("Prefers afternoon visits", Carer), new ExampleSectionView { Id = PassportId });

        view = ExampleSectionViewProjection.Apply(new ItemVerified("health.emergency", Guid.CreateVersion7(), Professional), view);

        view.Notes.ShouldHaveSingleItem().VerifiedBy.ShouldBeNull();
        ExampleSectionViewProjection.Create(new Event<ItemVerified>(new ItemVerified("health.emergency", Guid.CreateVersion7(), Professional)) { StreamId = PassportId })
            .Notes.ShouldBeEmpty();
    }

    [Fact]
    public void The_module_finds_the_group_of_its_own_notes_only()
    {
        var recorded = Note("Weekly appointments", Professional);
        var view = ExampleSectionViewProjection.Apply(recorded, new ExampleSectionView { Id = PassportId });

        ExampleSectionView.GroupOf(view, recorded.NoteId).ShouldBe(ExampleSectionModule.Group);
        ExampleSectionView.GroupOf(view, Guid.CreateVersion7()).ShouldBeNull();
        ExampleSectionView.GroupOf(null, recorded.NoteId).ShouldBeNull();
    }

    private static ExampleSectionNoteRecorded Note(string summary, Provenance recordedBy) =>
        new(Guid.CreateVersion7(), summary, null, recordedBy);
}
