using System.ComponentModel;
using System.Diagnostics;

namespace Passport.Tests.Browser.Infrastructure;

/// <summary>
/// Reads a PDF as a person would: its text through <c>pdftotext</c> and a page as a picture through
/// <c>pdftoppm</c>, both from Debian's poppler-utils (which .ci/run installs).
/// </summary>
internal static class Poppler
{
    /// <summary>The PDF's text laid out as on its pages; only page 1 when <paramref name="firstPageOnly"/>.</summary>
    public static Task<string> TextAsync(string pdf, bool firstPageOnly = false) =>
        RunAsync("pdftotext", firstPageOnly ? ["-layout", "-f", "1", "-l", "1", pdf, "-"] : ["-layout", pdf, "-"]);

    /// <summary>Page 1 as a PNG at <paramref name="png"/> (80 dots per inch).</summary>
    public static async Task FirstPageAsPngAsync(string pdf, string png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        await RunAsync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, Path.ChangeExtension(png, null)]);
        File.Exists(png).ShouldBeTrue($"pdftoppm wrote no {png}");
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed: these tests read the PDF with Debian's poppler-utils (apt-get install -y poppler-utils; .ci/run installs it).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', arguments)} failed: {await errors}");
            return await output;
        }
    }
}
