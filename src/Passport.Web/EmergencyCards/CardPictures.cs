using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using QRCoder;
using SkiaSharp;

namespace Passport.Web.EmergencyCards;

/// <summary>
/// The emergency card's pictures, drawn on the server: its QR code as SVG (the page and the printed
/// card) and the lock-screen image as a PNG sized for a phone (1080 × 1920). Both carry only the
/// card's link; the link carries no data about the child (ADR 18).
/// </summary>
public static class CardPictures
{
    public const int LockScreenWidth = 1080;
    public const int LockScreenHeight = 1920;

    private static readonly SKColor NhsBlue = new(0x00, 0x5e, 0xb8);
    private static readonly SKColor Text = new(0x21, 0x2b, 0x32);
    private static readonly Lazy<SKTypeface> Regular = new(() => Typeface("LiberationSans-Regular"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Typeface("LiberationSans-Bold"));

    /// <summary>
    /// The QR code's modules, quiet zone included. Error correction Q (a quarter of the code may be
    /// lost): a card lives in a wallet and gets scuffed.
    /// </summary>
    public static bool[][] Modules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    /// <summary>The QR code as an SVG image, one path of dark runs, named for assistive technology.</summary>
    public static string QrSvg(string url, string label)
    {
        var modules = Modules(url);
        var size = modules.Length;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!modules[y][x])
                {
                    continue;
                }

                var run = 1;
                while (x + run < size && modules[y][x + run])
                {
                    run++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }

        var name = HtmlEncoder.Default.Encode(label);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{name}\" shape-rendering=\"crispEdges\" focusable=\"false\"><title>{name}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }

    /// <summary>False when the embedded font has no glyph for a character of <paramref name="text"/>: it would be drawn as a box.</summary>
    public static bool CanDraw(string text)
    {
        using var font = new SKFont(Regular.Value);
        using var bold = new SKFont(Bold.Value);
        var letters = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return letters.Length == 0 || (font.ContainsGlyphs(letters) && bold.ContainsGlyphs(letters));
    }

    /// <summary>
    /// The lock-screen image: the top third left plain for the phone's clock, then the name, the
    /// things you must know and the QR code, large enough to scan from the screen.
    /// </summary>
    /// <returns>The image, and a preview a quarter as wide for the page (shown at half that, so it is sharp on high-density screens).</returns>
    public static (byte[] Png, byte[] PreviewPng) LockScreen(CardContent card, string url)
    {
        using var surface = SKSurface.Create(new SKImageInfo(LockScreenWidth, LockScreenHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(NhsBlue);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var dark = new SKPaint { Color = Text, IsAntialias = true };
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };

        const float margin = 80;
        const float inner = 60;
        var width = LockScreenWidth - (2 * margin);
        using var label = new SKFont(Bold.Value, 44);
        canvas.DrawText("EMERGENCY CARD", margin, 560, SKTextAlign.Left, label, white);
        using var name = new SKFont(Bold.Value, 104);
        while (name.MeasureText(card.FirstName) > width && name.Size > 40)
        {
            name.Size -= 4;
        }

        canvas.DrawText(card.FirstName, margin, 670, SKTextAlign.Left, name, white);

        // The white panel holds what a clinician reads, and the QR code on a plain background.
        var panel = new SKRect(margin - 20, 720, LockScreenWidth - margin + 20, LockScreenHeight - 70);
        canvas.DrawRoundRect(panel, 32, 32, white);
        const float qrSize = 440;
        var qrTop = panel.Bottom - inner - 56 - qrSize;
        if (card.Things.Count > 0)
        {
            using var heading = new SKFont(Bold.Value, 44);
            var y = panel.Top + inner + 40;
            canvas.DrawText("Things you must know about me", panel.Left + inner, y, SKTextAlign.Left, heading, dark);
            y += 24;

            // Every line is drawn: the text gets smaller until it all fits above the QR code.
            using var body = new SKFont(Regular.Value, 42);
            var textWidth = panel.Width - (2 * inner) - 40;
            var lines = card.Things.Select(thing => Wrap(thing, body, textWidth).ToList()).ToList();
            while (Height(lines, body) > qrTop - 40 - y && body.Size > 24)
            {
                body.Size -= 2;
                lines = card.Things.Select(thing => Wrap(thing, body, textWidth).ToList()).ToList();
            }

            foreach (var thing in lines)
            {
                foreach (var (text, isFirst) in thing)
                {
                    y += body.Size * 1.3f;
                    if (isFirst)
                    {
                        canvas.DrawCircle(panel.Left + inner + 10, y - (body.Size * 0.35f), body.Size * 0.2f, dark);
                    }

                    canvas.DrawText(text, panel.Left + inner + 40, y, SKTextAlign.Left, body, dark);
                }

                y += body.Size * 0.3f;
            }
        }

        var modules = Modules(url);
        var cell = MathF.Floor(qrSize / modules.Length);
        var left = MathF.Round((LockScreenWidth - (cell * modules.Length)) / 2);
        for (var row = 0; row < modules.Length; row++)
        {
            for (var column = 0; column < modules.Length; column++)
            {
                if (modules[row][column])
                {
                    canvas.DrawRect(left + (column * cell), qrTop + (row * cell), cell, cell, black);
                }
            }
        }

        using var caption = new SKFont(Bold.Value, 38);
        canvas.DrawText("Clinicians: scan for emergency access", LockScreenWidth / 2f, panel.Bottom - inner + 4, SKTextAlign.Center, caption, dark);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var bitmap = SKBitmap.FromImage(image);
        using var small = bitmap.Resize(new SKImageInfo(LockScreenWidth / 4, LockScreenHeight / 4), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var preview = small.Encode(SKEncodedImageFormat.Png, 100);
        return (png.ToArray(), preview.ToArray());
    }

    private static float Height(List<List<(string Text, bool IsFirst)>> lines, SKFont font) =>
        (lines.Sum(l => l.Count) * font.Size * 1.3f) + (lines.Count * font.Size * 0.3f);

    private static IEnumerable<(string Text, bool IsFirst)> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        var first = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                yield return (line, first);
                first = false;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            yield return (line, first);
        }
    }

    private static SKTypeface Typeface(string face)
    {
        using var stream = typeof(CardPictures).Assembly.GetManifestResourceStream($"Passport.Web.Pdf.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face} is not in Passport.Web's resources.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {face} could not be read.");
    }
}
