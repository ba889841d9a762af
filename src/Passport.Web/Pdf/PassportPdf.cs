using System.Text.Json.Nodes;
using Passport.Sdk.Pages;
using Passport.Web.Infrastructure;
using Passport.Web.Pages.Passports;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Passport.Web.Pdf;

/// <summary>
/// The passport as a PDF, laid out like a hospital passport: the first page is what anyone must know
/// (things you must know about me, how I communicate, every block a module marks as leading the
/// page, and the emergency contacts); then the child's details, About me and every section. It is
/// drawn from the print view's model, after the print view's query (same access decision, same
/// access-log entry), so it shows exactly what the page shows the same viewer: a group the viewer
/// may not see is never in the model to be drawn.
/// </summary>
internal sealed class PassportPdf
{
    private const double Side = 50;
    private const double Top = 64;
    private const double Bottom = 56;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    // Fonts and brushes belong to one rendering: PDFsharp's drawing objects are not made to be shared between threads.
    private readonly XFont _title = Font(22, bold: true);
    private readonly XFont _lead = Font(12.5);
    private readonly XFont _heading2 = Font(14.5, bold: true);
    private readonly XFont _heading3 = Font(12, bold: true);
    private readonly XFont _body = Font(10);
    private readonly XFont _bodyBold = Font(10, bold: true);
    private readonly XFont _small = Font(8.5);
    private readonly XFont _smallBold = Font(8.5, bold: true);
    private readonly XBrush _text = new XSolidBrush(PageFlow.TextColour);
    private readonly XBrush _secondary = new XSolidBrush(PageFlow.SecondaryColour);
    private readonly XBrush _blue = new XSolidBrush(PageFlow.BlueColour);
    private readonly ViewPassportModel _page;

    /// <summary>The page's words (the web app's resources), in the language the PDF is asked for in.</summary>
    private string W(string key, params object[] arguments) => _page.Words[key, arguments];
    private readonly PageFlow _flow;

    private PassportPdf(ViewPassportModel page, PageFlow flow)
    {
        _page = page;
        _flow = flow;
    }

    /// <summary>The PDF of the passport the page model has read, printed at <paramref name="printedAt"/> by <paramref name="printedBy"/>.</summary>
    public static byte[] Render(ViewPassportModel page, DateTimeOffset printedAt, string printedBy)
    {
        ArgumentNullException.ThrowIfNull(page);
        var passport = page.Passport ?? throw new InvalidOperationException("The passport was not read.");
        using var document = new PdfDocument();
        document.Info.Title = page.Words["Print.Heading", page.ChildName];
        document.Info.Creator = page.Words["Pdf.Creator"];
        var printed = page.Words["Pdf.PrintedOn", Display.Time(printedAt), printedBy].Value;
        var version = passport["version"]?.ToString() ?? "";

        using (var flow = new PageFlow(document, Top, Bottom, Side))
        {
            var pdf = new PassportPdf(page, flow);
            pdf.FirstPage(printed);
            flow.NewPage();
            pdf.ChildDetails();
            pdf.AboutMe();
            foreach (var section in page.Sections)
            {
                pdf.Section(section);
            }

            var missingCharacters = flow.HasMissingCharacters;
            flow.Finish((graphics, number, count) => pdf.HeaderAndFooter(graphics, printed, version, number, count, missingCharacters));
        }

        using var bytes = new MemoryStream();
        document.Save(bytes, closeStream: false);
        return bytes.ToArray();
    }

    /// <summary>What anyone must know first, as the first screen of the passport page shows it.</summary>
    private void FirstPage(string printed)
    {
        _flow.Add(new(_flow.Wrap(_page.ChildName, _title, _text, _flow.Width), SpaceAfter: 4));
        if (_page.PreferredName is string preferred)
        {
            _flow.Add(new(_flow.Wrap(W("Passport.LikesToBeCalled", preferred), _lead, _text, _flow.Width), SpaceAfter: 2));
        }

        var identity = string.Join(" · ", new[] { _page.Born is null ? null : W("Passport.Born", _page.Born), _page.NhsNumber is null ? null : W("Passport.NhsNumber", _page.NhsNumber) }.OfType<string>());
        if (identity.Length > 0)
        {
            _flow.Add(new(_flow.Wrap(identity, _bodyBold, _text, _flow.Width), SpaceAfter: 2));
        }

        _flow.Add(new(_flow.Wrap(W("Pdf.CheckOnline", printed), _small, _secondary, _flow.Width), SpaceAfter: 8));

        if (_page.UnavailableSections is { Count: > 0 } unavailable)
        {
            Warning(W("FirstScreen.Unavailable"), W("FirstScreen.UnavailableBody", string.Join(", ", unavailable.Select(s => s.Title))));
        }

        var aboutMe = _page.Passport!["aboutMe"];
        if (_page.IsAboutMeDueForReview)
        {
            Warning(W("FirstScreen.ReviewDue"), W("FirstScreen.ReviewDueBody", Display.Date(aboutMe.Str("lastReviewed"))));
        }

        foreach (var (field, heading) in _page.FirstScreenAboutMe)
        {
            Heading(heading, _heading2);
            var value = aboutMe?[field]?.ToString();
            if (_page.Withheld("aboutMe"))
            {
                Inset(_page.WithheldText);
            }
            else if (string.IsNullOrEmpty(value))
            {
                Paragraph(W("Passport.NotRecordedYet"), _body, _secondary);
            }
            else
            {
                Paragraph(value, _lead, _text);
            }
        }

        foreach (var block in _page.LeadBlocks)
        {
            Block(block, _heading2);
        }

        Block(_page.EmergencyContacts, _heading2);
    }

    private void ChildDetails()
    {
        Heading(W("Child.Heading"), _heading2);
        var child = _page.Passport!["child"];
        if (_page.Withheld("child"))
        {
            Inset(_page.WithheldText);
            return;
        }

        if (child is null)
        {
            return;
        }

        var shown = _page.ChildFieldsShown;
        foreach (var (field, label) in shown)
        {
            Row(label, _page.Withheld("child", field) ? _page.WithheldText : ViewPassportModel.ChildValue(field, child[field]));
        }

        NotRecordedYet(_page.ChildFields.Except(shown).Select(f => f.Label));
    }

    private void AboutMe()
    {
        Heading(W("AboutMe.Heading"), _heading2, spaceBefore: 14);
        if (_page.Withheld("aboutMe"))
        {
            Inset(_page.WithheldText);
            return;
        }

        var aboutMe = _page.Passport!["aboutMe"];
        var shown = _page.AboutMeFieldsShown;
        foreach (var (field, label) in shown)
        {
            Row(label, aboutMe![field]!.ToString());
        }

        if (aboutMe is not null)
        {
            Row(W("AboutMe.LastReviewed"), Display.Date(aboutMe.Str("lastReviewed")));
        }

        NotRecordedYet(_page.AboutMeFields.Except(shown).Select(f => f.Label));
        if (aboutMe?["recordedBy"] is JsonNode recordedBy)
        {
            Paragraph(W("Passport.RecordedBy", _page.PageWords.Provenance(recordedBy)), _small, _secondary);
        }
    }

    private void Section(PageSection section)
    {
        _flow.Add(new(_flow.Wrap(section.Title, _heading2, _blue, _flow.Width), PdfFrame.Rule, KeepWithNext: true, SpaceBefore: 18, SpaceAfter: 6));
        if (_page.IsUnavailable(section))
        {
            Warning(W("Section.Unavailable"), W("Section.UnavailableBody"));
            return;
        }

        if (_page.Withheld(section.Field))
        {
            Inset(_page.WithheldText);
            return;
        }

        var (leading, shown, empty) = _page.ContentOf(section);
        if (leading.Count > 0)
        {
            Paragraph(W(leading.Count == 1 ? "Section.LeadingOne" : "Section.LeadingMany", string.Join(", ", leading.Select(b => b.Item.Heading))), _small, _secondary);
        }

        foreach (var block in shown)
        {
            Block(block, _heading3);
        }

        NotRecordedYet(empty.Select(b => b.Item.Heading));
    }

    /// <summary>One block as <c>_Block.cshtml</c> shows it: withheld, unavailable, none recorded, or its items as cards.</summary>
    private void Block(PageBlock block, XFont heading)
    {
        Heading(block.Item.Heading, heading);
        var node = _page.At(block.Path);
        if (_page.Withheld(block.Path))
        {
            Inset(_page.WithheldText);
        }
        else if (node is null && _page.ErrorAt(block.Path) is PageError error)
        {
            Inset($"{W("Block.NotAvailable")} {error.Message}");
        }
        else if (node is null || node is JsonArray { Count: 0 })
        {
            Paragraph(W("Block.NoneRecorded"), _body, _text);
        }
        else
        {
            foreach (var item in node is JsonArray list ? list.OfType<JsonNode>() : [node])
            {
                Item(block, item);
            }
        }
    }

    /// <summary>One item as <c>_Item.cshtml</c> shows it, in a card: what names it, its fields, who recorded it and whether it is verified.</summary>
    private void Item(PageBlock block, JsonNode item)
    {
        var width = _flow.InnerWidth(PdfFrame.Card);
        var lines = new List<PdfLine>();
        if (ViewPassportModel.NamingField(block.Item, item) is { } naming)
        {
            lines.AddRange(_flow.Wrap(Display.Value(naming, item[naming.Name]), _heading3, _text, width));
        }

        foreach (var (field, text) in ViewPassportModel.Rows(block.Item, item))
        {
            if (field.Kind == FieldKind.LongText)
            {
                // Steps of a plan read down the whole width, under their label.
                lines.AddRange(_flow.Wrap(Display.ShortLabel(field.Label), _bodyBold, _text, width));
                lines.AddRange(_flow.Wrap(text, _body, _text, width));
            }
            else
            {
                lines.AddRange(_flow.Pair(Display.ShortLabel(field.Label), _bodyBold, _text, text, _body, _text, width));
            }
        }

        var recordedBy = _page.PageWords.Provenance(item["recordedBy"]);
        var verified = item["verified"]?.GetValue<bool>() == true
            ? (item["verifiedBy"] is JsonNode by ? W("Pdf.VerifiedBy", _page.PageWords.Provenance(by)) : W("Pdf.Verified"))
            : W("Pdf.NotVerified");
        lines.AddRange(_flow.Wrap(recordedBy.Length > 0 ? $"{W("Passport.RecordedBy", recordedBy)} {verified}" : verified, _small, _secondary, width));
        _flow.Add(new(lines, PdfFrame.Card, KeepTogether: true, SpaceAfter: 6));
    }

    private void Heading(string text, XFont font, double spaceBefore = 12) =>
        _flow.Add(new(_flow.Wrap(text, font, _text, _flow.Width), KeepWithNext: true, SpaceBefore: spaceBefore, SpaceAfter: 4));

    private void Paragraph(string text, XFont font, XBrush brush) =>
        _flow.Add(new(_flow.Wrap(text, font, brush, _flow.Width), SpaceAfter: 4));

    private void Row(string label, string value) =>
        _flow.Add(new(_flow.Pair(label, _bodyBold, _text, value, _body, _text, _flow.Width), KeepTogether: true, SpaceAfter: 4));

    private void Inset(string text) =>
        _flow.Add(new(_flow.Wrap(text, _body, _text, _flow.InnerWidth(PdfFrame.Inset)), PdfFrame.Inset, KeepTogether: true, SpaceAfter: 6));

    private void Warning(string title, string text)
    {
        var width = _flow.InnerWidth(PdfFrame.Warning);
        _flow.Add(new([.. _flow.Wrap(title, _bodyBold, _text, width), .. _flow.Wrap(text, _body, _text, width)], PdfFrame.Warning, KeepTogether: true, SpaceBefore: 4, SpaceAfter: 8));
    }

    private void NotRecordedYet(IEnumerable<string> labels)
    {
        var missing = labels.Select(Display.InSentence).ToList();
        if (missing.Count > 0)
        {
            Paragraph(W("Passport.NotRecordedYetList", string.Join(", ", missing)), _body, _secondary);
        }
    }

    /// <summary>
    /// Every page says whose passport it is (a page may be separated from the others), when and by
    /// whom it was printed, the passport's version, and page X of Y.
    /// </summary>
    private void HeaderAndFooter(XGraphics graphics, string printed, string version, int number, int count, bool missingCharacters)
    {
        var width = graphics.PageSize.Width;
        var height = graphics.PageSize.Height;
        if (number == 1)
        {
            graphics.DrawRectangle(new XSolidBrush(PageFlow.BlueColour), Side, 24, width - (2 * Side), 26);
            graphics.DrawString(W("Service.Name"), _heading3, XBrushes.White, Side + 10, 30, XStringFormats.TopLeft);
            graphics.DrawString(W("Pdf.Confidential"), _smallBold, XBrushes.White, width - Side - 10, 33, XStringFormats.TopRight);
        }
        else
        {
            var who = string.Join(" · ", new[] { _page.ChildName, _page.Born is null ? null : Display.InSentence(W("Passport.Born", _page.Born)), _page.NhsNumber is null ? null : W("Passport.NhsNumber", _page.NhsNumber) }.OfType<string>());
            graphics.DrawString(W("Print.Heading", who), _small, _secondary, Side, 30, XStringFormats.TopLeft);
            graphics.DrawString(W("Pdf.Confidential"), _smallBold, _secondary, width - Side, 30, XStringFormats.TopRight);
            graphics.DrawLine(new XPen(PageFlow.BorderColour, 0.75), Side, 44, width - Side, 44);
        }

        var footer = height - Bottom + 14;
        graphics.DrawLine(new XPen(PageFlow.BorderColour, 0.75), Side, footer, width - Side, footer);
        graphics.DrawString(printed, _small, _secondary, Side, footer + 6, XStringFormats.TopLeft);
        graphics.DrawString(W("Pdf.Footer", version, number, count), _small, _secondary, width - Side, footer + 6, XStringFormats.TopRight);
        if (missingCharacters)
        {
            graphics.DrawString(W("Pdf.MissingCharacters"), _smallBold, _text, Side, footer + 18, XStringFormats.TopLeft);
        }
    }

    private static XFont Font(double size, bool bold = false)
    {
        EmbeddedFonts.Use();
        return new XFont(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }
}
