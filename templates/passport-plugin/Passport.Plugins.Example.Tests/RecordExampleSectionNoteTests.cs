using Passport.Plugins.Example.Notes;
using Passport.Sdk;

namespace Passport.Plugins.Example.Tests;

public class RecordExampleSectionNoteTests
{
    [Fact]
    public void A_note_is_trimmed_and_empty_details_become_none()
    {
        var details = ExampleSectionNoteDetails.From(new ExampleSectionNoteInput { Summary = "  Weekly appointments ", Details = "   " });

        details.Summary.ShouldBe("Weekly appointments");
        details.Details.ShouldBeNull();
    }

    [Fact]
    public void A_note_without_a_summary_is_refused_naming_the_field()
    {
        var error = Should.Throw<PassportException>(() => ExampleSectionNoteDetails.From(new ExampleSectionNoteInput { Summary = " " }));

        error.Code.ShouldBe(ErrorCodes.ValidationFailed);
        error.Extensions!["field"].ShouldBe("input.summary");
    }

    [Fact]
    public void Oversized_text_is_refused_naming_the_field()
    {
        Should.Throw<PassportException>(() => ExampleSectionNoteDetails.From(new ExampleSectionNoteInput { Summary = new string('a', InputRules.ShortText + 1) }))
            .Extensions!["field"].ShouldBe("input.summary");
        Should.Throw<PassportException>(() => ExampleSectionNoteDetails.From(new ExampleSectionNoteInput { Summary = "Plan", Details = new string('a', InputRules.LongText + 1) }))
            .Extensions!["field"].ShouldBe("input.details");
    }

    [Fact]
    public void The_manifest_declares_the_group_and_is_an_extra_module()
    {
        var manifest = new ExampleSectionModule().Manifest;

        manifest.IsRequired.ShouldBeFalse();
        manifest.FieldGroups.Select(g => g.Name).ShouldBe([ExampleSectionModule.Group]);
        manifest.DatabaseSchema.ShouldBe("example_schema");
    }
}
