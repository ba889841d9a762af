using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Passport.Web.Pdf;

/// <summary>A piece of text on a line, <see cref="X"/> points in from the left of its block's text.</summary>
internal sealed record PdfRun(double X, string Text, XFont Font, XBrush Brush);

/// <summary>One line of a block: its height and the text on it (a label and its value share a line).</summary>
internal sealed record PdfLine(double Height, IReadOnlyList<PdfRun> Runs);

/// <summary>How a block is set off from the rest: a card's border, an inset's bar, a warning's background, a rule under a title.</summary>
internal enum PdfFrame
{
    None,
    Card,
    Inset,
    Warning,
    Rule,
}

/// <summary>
/// Lines laid out together. <see cref="KeepTogether"/>: moved whole to the next page when it does not
/// fit, unless it is longer than a third of a page (then it flows on, split between lines).
/// <see cref="KeepWithNext"/>: never the last thing on a page, as a heading.
/// </summary>
internal sealed record PdfBlock(IReadOnlyList<PdfLine> Lines, PdfFrame Frame = PdfFrame.None, bool KeepTogether = false, bool KeepWithNext = false, double SpaceBefore = 0, double SpaceAfter = 0);

/// <summary>
/// Flows blocks of wrapped text down A4 pages: breaks lines at spaces (and inside a word longer than
/// the line), breaks pages between lines, keeps headings with what follows and small blocks whole,
/// and draws each block's frame around the part of it on each page. PDFsharp's XTextFormatter draws
/// into one fixed rectangle and silently drops what does not fit; a care plan must never be cut off.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    /// <summary>NHS.UK colours: text, secondary text, blue, borders, warning background.</summary>
    public static readonly XColor TextColour = XColor.FromArgb(0x21, 0x2b, 0x32);
    public static readonly XColor SecondaryColour = XColor.FromArgb(0x4c, 0x62, 0x72);
    public static readonly XColor BlueColour = XColor.FromArgb(0x00, 0x5e, 0xb8);
    public static readonly XColor BorderColour = XColor.FromArgb(0xd8, 0xdd, 0xe0);
    public static readonly XColor WarningColour = XColor.FromArgb(0xff, 0xf9, 0xc4);
    public static readonly XColor WarningBorderColour = XColor.FromArgb(0xff, 0xeb, 0x3b);

    /// <summary>Lines a little apart, as on the page: dense print is hard to read in a hurry.</summary>
    private const double LineSpacing = 1.2;

    private readonly PdfDocument _document;
    private readonly double _top;
    private readonly double _bottom;
    private readonly double _side;
    private readonly List<PdfBlock> _headings = [];
    private XGraphics _graphics;
    private double _y;

    /// <param name="document">The document pages are added to.</param>
    /// <param name="top">Where text starts on a page, in points from its top (what is above is the header's).</param>
    /// <param name="bottom">Where text ends, in points from the page's bottom (what is below is the footer's).</param>
    /// <param name="side">The left and right margins, in points.</param>
    public PageFlow(PdfDocument document, double top, double bottom, double side)
    {
        _document = document;
        _top = top;
        _side = side;
        var page = AddPage();
        _bottom = page.Height.Point - bottom;
        _graphics = XGraphics.FromPdfPage(page);
        _y = _top;
    }

    /// <summary>The width text may take on a page, in points.</summary>
    public double Width => _document.Pages[0].Width.Point - (2 * _side);

    /// <summary>True when some text has a character the font cannot draw: the reader must be told (it is not in this PDF).</summary>
    public bool HasMissingCharacters { get; private set; }

    private bool AtTop => _y <= _top;

    private double PageHeight => _bottom - _top;

    /// <summary>The width left for text inside a frame.</summary>
    public double InnerWidth(PdfFrame frame)
    {
        var (left, right, _, _) = Padding(frame);
        return Width - left - right;
    }

    /// <summary>Text broken into lines of at most <paramref name="width"/> points, keeping its own line breaks; starting <paramref name="x"/> points in.</summary>
    public List<PdfLine> Wrap(string text, XFont font, XBrush brush, double width, double x = 0)
    {
        NoteMissingCharacters(text, font);
        var height = font.GetHeight() * LineSpacing;
        var lines = new List<PdfLine>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Replace('\t', ' ').Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Measure(candidate, font) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(new(height, [new(x, line.ToString(), font, brush)]));
                    line.Clear();
                }

                var rest = word;
                while (Measure(rest, font) > width && rest.Length > 1)
                {
                    var fits = LongestPrefixThatFits(rest, font, width);
                    lines.Add(new(height, [new(x, rest[..fits], font, brush)]));
                    rest = rest[fits..];
                }

                line.Append(rest);
            }

            lines.Add(new(height, line.Length == 0 ? [] : [new(x, line.ToString(), font, brush)]));
        }

        return lines;
    }

    /// <summary>A label and its value side by side, as a summary list's row: each wraps in its own column.</summary>
    public List<PdfLine> Pair(string label, XFont labelFont, XBrush labelBrush, string value, XFont valueFont, XBrush valueBrush, double width)
    {
        const double Gap = 8;
        var labelWidth = Math.Round(width * 0.34);
        var labels = Wrap(label, labelFont, labelBrush, labelWidth);
        var values = Wrap(value, valueFont, valueBrush, width - labelWidth - Gap, labelWidth + Gap);
        return Enumerable.Range(0, Math.Max(labels.Count, values.Count))
            .Select(i => (Label: i < labels.Count ? labels[i] : null, Value: i < values.Count ? values[i] : null))
            .Select(l => new PdfLine(
                Math.Max(l.Label?.Height ?? 0, l.Value?.Height ?? 0),
                [.. l.Label?.Runs ?? [], .. l.Value?.Runs ?? []]))
            .ToList();
    }

    /// <summary>Places a block after what is already there, starting a page where the rules say so.</summary>
    public void Add(PdfBlock block)
    {
        if (block.Lines.Count == 0)
        {
            return;
        }

        if (block.KeepWithNext)
        {
            _headings.Add(block);
            return;
        }

        // A long block (a care plan of many steps) flows on from where it starts rather than leave a gap.
        var needed = block.KeepTogether && Height(block) <= PageHeight / 3 ? Height(block) : LeadHeight(block);
        needed += _headings.Sum(h => Height(h) + h.SpaceBefore);
        if (!AtTop && _y + block.SpaceBefore + needed > _bottom)
        {
            NewPage();
        }

        foreach (var heading in _headings)
        {
            Place(heading);
        }

        _headings.Clear();
        Place(block);
    }

    /// <summary>Starts a new page (unless the current one is still empty).</summary>
    public void NewPage()
    {
        if (AtTop)
        {
            return;
        }

        _graphics.Dispose();
        _graphics = XGraphics.FromPdfPage(AddPage());
        _y = _top;
    }

    /// <summary>Ends the flow, then lets <paramref name="decorate"/> draw on each page knowing how many there are (headers, footers).</summary>
    public void Finish(Action<XGraphics, int, int> decorate)
    {
        foreach (var heading in _headings)
        {
            Place(heading);
        }

        _headings.Clear();
        _graphics.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            decorate(graphics, i + 1, count);
        }
    }

    public void Dispose() => _graphics.Dispose();

    private PdfPage AddPage()
    {
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        return page;
    }

    private static (double Left, double Right, double Top, double Bottom) Padding(PdfFrame frame) => frame switch
    {
        PdfFrame.Card => (8, 8, 6, 6),
        PdfFrame.Inset => (14, 0, 3, 3),
        PdfFrame.Warning => (12, 10, 8, 8),
        PdfFrame.Rule => (0, 0, 0, 6),
        _ => (0, 0, 0, 0),
    };

    private static double Height(PdfBlock block)
    {
        var (_, _, top, bottom) = Padding(block.Frame);
        return top + bottom + block.Lines.Sum(l => l.Height);
    }

    /// <summary>Enough of a block that a heading above it is not left alone: its first two lines.</summary>
    private static double LeadHeight(PdfBlock block)
    {
        var (_, _, top, bottom) = Padding(block.Frame);
        return top + bottom + block.Lines.Take(2).Sum(l => l.Height);
    }

    private void Place(PdfBlock block)
    {
        if (!AtTop)
        {
            _y += block.SpaceBefore;
        }

        var (left, _, top, bottom) = Padding(block.Frame);
        var i = 0;
        while (i < block.Lines.Count)
        {
            var available = _bottom - _y - top - bottom;
            var j = i;
            var height = 0.0;
            while (j < block.Lines.Count && height + block.Lines[j].Height <= available)
            {
                height += block.Lines[j].Height;
                j++;
            }

            if (j == i && !AtTop)
            {
                NewPage();
                continue;
            }

            if (j == i)
            {
                // A single line taller than a page cannot happen with these fonts; place it rather than loop.
                height = block.Lines[i].Height;
                j = i + 1;
            }

            DrawFrame(block.Frame, _y, height + top + bottom);
            var y = _y + top;
            for (var k = i; k < j; k++)
            {
                foreach (var run in block.Lines[k].Runs)
                {
                    _graphics.DrawString(run.Text, run.Font, run.Brush, _side + left + run.X, y, XStringFormats.TopLeft);
                }

                y += block.Lines[k].Height;
            }

            _y += height + top + bottom;
            i = j;
            if (i < block.Lines.Count)
            {
                NewPage();
            }
        }

        _y += block.SpaceAfter;
    }

    private void DrawFrame(PdfFrame frame, double y, double height)
    {
        switch (frame)
        {
            case PdfFrame.Card:
                _graphics.DrawRectangle(new XPen(BorderColour, 0.75), _side, y, Width, height);
                break;
            case PdfFrame.Inset:
                _graphics.DrawRectangle(new XSolidBrush(BorderColour), _side, y, 4, height);
                break;
            case PdfFrame.Warning:
                _graphics.DrawRectangle(new XPen(WarningBorderColour, 1), new XSolidBrush(WarningColour), _side, y, Width, height);
                break;
            case PdfFrame.Rule:
                _graphics.DrawLine(new XPen(BlueColour, 1.5), _side, y + height - 2, _side + Width, y + height - 2);
                break;
        }
    }

    private double Measure(string text, XFont font) => _graphics.MeasureString(text, font).Width;

    private int LongestPrefixThatFits(string word, XFont font, double width)
    {
        var fits = 1;
        while (fits < word.Length && Measure(word[..(fits + 1)], font) <= width)
        {
            fits++;
        }

        // Never between the two halves of a character outside the Basic Multilingual Plane.
        return char.IsHighSurrogate(word[fits - 1]) && fits < word.Length ? fits + 1 : fits;
    }

    private void NoteMissingCharacters(string text, XFont font)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune) && GlyphHelper.GlyphIndexFromCodePoint(rune.Value, font) == 0)
            {
                HasMissingCharacters = true;
                return;
            }
        }
    }
}
