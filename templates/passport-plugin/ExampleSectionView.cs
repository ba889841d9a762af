using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Plugins.Example.Notes;
using Passport.Sdk;

namespace Passport.Plugins.Example;

/// <summary>The plugin's read model of one passport, in its own PostgreSQL schema (<c>example_schema</c>).</summary>
public sealed class ExampleSectionView : IPassportView
{
    public Guid Id { get; set; }
    public List<ExampleSectionNote> Notes { get; set; } = [];

    /// <summary>The plugin's group when the passport has this note, else null (see <see cref="PassportModule.GroupOfItemAsync"/>).</summary>
    internal static string? GroupOf(ExampleSectionView? view, Guid itemId) =>
        view?.Notes.Exists(n => n.Id == itemId) == true ? ExampleSectionModule.Group : null;
}

/// <summary>Keeps <see cref="ExampleSectionView"/> in step with the passport's stream, in the same transaction as each change.</summary>
public sealed class ExampleSectionViewProjection : SingleStreamProjection<ExampleSectionView, Guid>
{
    public static ExampleSectionView Create(IEvent<ExampleSectionNoteRecorded> recorded) =>
        Apply(recorded.Data, new ExampleSectionView { Id = recorded.StreamId });

    /// <summary>Verification of an item this plugin does not hold changes nothing.</summary>
    public static ExampleSectionView Create(IEvent<ItemVerified> verified) => new() { Id = verified.StreamId };

    public static ExampleSectionView Apply(ExampleSectionNoteRecorded recorded, ExampleSectionView view)
    {
        view.Notes.Add(new ExampleSectionNote(recorded.NoteId, recorded.Summary, recorded.Details, recorded.RecordedBy));
        return view;
    }

    /// <summary>
    /// A professional of the owning sector verified a note the family reported: it keeps who
    /// recorded it and shows who verified it. Items of other modules are ignored.
    /// </summary>
    public static ExampleSectionView Apply(ItemVerified verified, ExampleSectionView view)
    {
        var index = view.Notes.FindIndex(n => n.Id == verified.ItemId);
        if (index >= 0)
        {
            view.Notes[index] = view.Notes[index] with { VerifiedBy = verified.RecordedBy };
        }

        return view;
    }
}

/// <summary>The plugin's section of one passport as GraphQL resolves it.</summary>
public sealed record ExampleSectionSection(PassportNode Passport, ExampleSectionView? View) : IPassportScoped;

public sealed class ExampleSectionGraphType : ObjectGraphType<ExampleSectionSection>
{
    public ExampleSectionGraphType()
    {
        Name = "ExampleSection";
        Description = "Notes kept by the example-sector service.";
        Field<ListGraphType<NonNullGraphType<ExampleSectionNoteGraphType>>>("notes")
            .Description("Notes about the child. An empty list means none recorded, never that they are hidden.")
            .InFieldGroup(ExampleSectionModule.Group)
            .Resolve(c => c.Source.View?.Notes ?? []);
    }
}
