using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Passport.Web.Pdf;

/// <summary>
/// PDFsharp's fonts: Liberation Sans (SIL Open Font License 1.1, <c>Pdf/Fonts/OFL.txt</c>) from this
/// assembly's resources, for every family PDFsharp asks for. A fresh server may have no fonts at all,
/// and a PDF must not change with whatever fonts a machine happens to have (ADR 16).
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "Liberation Sans";

    private const string Regular = "LiberationSans-Regular";
    private const string Bold = "LiberationSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly EmbeddedFonts Instance = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private EmbeddedFonts()
    {
    }

    /// <summary>
    /// Makes these fonts PDFsharp's for the process. PDFsharp's setting is global and accepts only
    /// this same instance again once a font has been used, so every caller goes through here.
    /// </summary>
    public static void Use()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Passport.Web.Pdf.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not in Passport.Web's resources.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
