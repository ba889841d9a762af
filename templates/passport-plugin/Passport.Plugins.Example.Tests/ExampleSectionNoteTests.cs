using System.Globalization;
using Passport.Plugins.Example.Notes;
using Passport.Sdk;
using Passport.Sdk.Items;
using Passport.Sdk.Pages;

namespace Passport.Plugins.Example.Tests;

/// <summary>The note kind as declared: the rules its mutations check, and the form the web app offers.</summary>
public class ExampleSectionNoteTests
{
    private static readonly ExampleSectionModule Module = new();
    private static readonly ItemKind<ExampleSectionView, ExampleSectionNote> Notes = Module.Declared.Kind<ExampleSectionNote>();
    private static readonly Provenance Carer = new("carer-1", "Sam Carer", Viewer.CarerRole, null, null, DateTimeOffset.UtcNow, IsVerified: false);

    [Fact]
    public void A_note_is_trimmed_and_empty_details_become_none()
    {
        var note = Notes.Read(Input(summary: "  Weekly appointments ", details: "   "), Carer);

        note.Summary.ShouldBe("Weekly appointments");
        note.Details.ShouldBeNull();
        note.RecordedBy.ShouldBe(Carer);
        note.IsVerified.ShouldBeFalse();
    }

    [Fact]
    public void A_note_without_a_summary_is_refused_naming_the_field()
    {
        var error = Should.Throw<PassportException>(() => Notes.Read(Input(summary: " "), Carer));

        error.Code.ShouldBe(ErrorCodes.ValidationFailed);
        error.Extensions!["field"].ShouldBe("input.summary");
    }

    [Fact]
    public void Oversized_text_is_refused_naming_the_field()
    {
        Should.Throw<PassportException>(() => Notes.Read(Input(summary: new string('a', InputRules.ShortText + 1)), Carer))
            .Extensions!["field"].ShouldBe("input.summary");
        Should.Throw<PassportException>(() => Notes.Read(Input(summary: "Plan", details: new string('a', InputRules.LongText + 1)), Carer))
            .Extensions!["field"].ShouldBe("input.details");
    }

    /// <summary>
    /// Every text the module shows has its words in each language the region offers (docs/plugin-guide.md,
    /// "Translating a module"): a label added in English without its translation fails here.
    /// </summary>
    [Theory]
    [InlineData("pl")]
    [InlineData("ro")]
    public void Every_text_the_module_shows_is_translated(string language)
    {
        var folder = Path.GetDirectoryName(typeof(ExampleSectionModule).Assembly.Location)!;

        ModuleWords.ReadFrom(folder).Untranslated(Module.Manifest, Module.Page, CultureInfo.GetCultureInfo(language)).ShouldBeEmpty();
    }

    [Fact]
    public void The_manifest_beside_the_assembly_names_the_module_its_section_and_the_group_the_code_uses()
    {
        var manifest = Module.Manifest;

        manifest.Name.ShouldBe("example-module");
        manifest.Section.ShouldBe("exampleSection");
        manifest.FieldGroups.Select(g => g.Name).ShouldBe([ExampleSectionModule.Group]);
        manifest.DatabaseSchema.ShouldBe("example_schema");
    }

    [Fact]
    public void The_web_app_offers_a_form_that_records_amends_and_ends_notes()
    {
        var block = Module.Page.ShouldNotBeNull().Blocks.Single(b => b.Field == "notes");

        block.Group.ShouldBe(ExampleSectionModule.Group);
        block.IsList.ShouldBeTrue();
        block.Fields.Select(f => (f.Name, f.Required)).ShouldBe([("summary", true), ("details", false)]);
        var form = block.Form.ShouldNotBeNull();
        form.Mutation.ShouldBe("recordExampleSectionNote");
        form.AmendMutation.ShouldBe("amendExampleSectionNote");
        form.InputType.ShouldBe("ExampleSectionNoteInput");
        form.FamilyTitle.ShouldNotBeNull("the group lets the family report notes");
        block.EndMutation.ShouldBe("endExampleSectionNote");
    }

    private static Dictionary<string, object?> Input(string summary, string? details = null) =>
        new() { ["summary"] = summary, ["details"] = details };
}
