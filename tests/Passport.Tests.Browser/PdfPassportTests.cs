using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// The passport as a PDF (ADR 16), downloaded with the page's "Download as PDF" link by a signed-in
/// person and read back with poppler's pdftotext: what must be known is on page 1, each viewer gets
/// only what they may see, the read is in the access log, and a long plan is never cut off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PdfPassportTests(BrowserFixture fixture) : IDisposable
{
    /// <summary>Where this test's downloads go; deleted with them when the test ends.</summary>
    private readonly string _downloads = Directory.CreateTempSubdirectory("passport-pdf-").FullName;
    private const string MustKnow = "I have a VP shunt: any headache with vomiting is an emergency.";
    private const string Communication = "I use Makaton and a picture board.";
    private const string SafeguardingNote = "Strategy discussion held with the police in March.";
    private const string SenNeeds = "Needs a quiet workstation and visual prompts.";

    [Fact]
    public async Task The_familys_PDF_leads_with_what_must_be_known_on_page_one_and_says_when_by_whom_and_which_version()
    {
        var (id, nhsNumber) = await PassportWithEverySectorAsync("Elowen", "Penhale");
        var version = (await fixture.GraphQLAsync("carer", "query($id: ID!) { passport(id: $id) { version } }", new { id }))["passport"]!["version"]!.GetValue<int>();

        var carer = await fixture.SignInAsync("carer", width: BrowserFixture.DesktopWidth);
        await carer.GotoAsync($"/passports/{id}");
        var (pdf, fileName) = await DownloadAsync(carer);
        fileName.ShouldNotContain("Elowen");
        fileName.ShouldNotContain("Penhale");

        var firstPage = await Poppler.TextAsync(pdf, firstPageOnly: true);
        firstPage.ShouldContain("Elowen Penhale");
        firstPage.ShouldContain("Things you must know about me");
        firstPage.ShouldContain(MustKnow);
        firstPage.ShouldContain(Communication);
        firstPage.ShouldContain("Peanuts");
        firstPage.ShouldContain("Anaphylaxis");
        firstPage.ShouldContain("Shunt in place");
        firstPage.ShouldContain("Seizure plan");
        firstPage.ShouldContain("Buccal midazolam after 5 minutes");
        firstPage.ShouldContain("Jenna Penhale");
        firstPage.ShouldContain("01872 555010");
        firstPage.ShouldContain("Printed on");
        firstPage.ShouldContain("by Alex Morgan");
        firstPage.ShouldContain($"Passport version {version}");
        firstPage.ShouldContain("Page 1 of");

        // Then the rest, as the print view has it; clinical detail is not on the first page.
        firstPage.ShouldNotContain("Hydrocephalus");
        var all = await Poppler.TextAsync(pdf);
        all.ShouldContain($"NHS number {Spaced(nhsNumber)}");
        all.ShouldContain("Trains");
        all.ShouldContain("Hydrocephalus");
        all.ShouldContain("Levetiracetam");
        all.ShouldContain("Child in need");
        all.ShouldContain("Truro Primary School");
        all.ShouldContain(SenNeeds);
        all.ShouldContain("Saturday swimming");
        all.ShouldContain("Not verified");

        // Safeguarding is never shown to the family.
        all.ShouldNotContain(SafeguardingNote);

        await Poppler.FirstPageAsPngAsync(pdf, Path.Combine(BrowserFixture.ScreenshotFolder, "37-pdf-passport-first-page.png"));
    }

    [Fact]
    public async Task A_leisure_providers_PDF_holds_only_what_leisure_may_see_and_the_read_is_in_the_access_log()
    {
        var (id, nhsNumber) = await PassportWithEverySectorAsync("Tamsin", "Roskruge");

        var leisure = await fixture.SignInAsync("leisure", width: BrowserFixture.DesktopWidth);
        await leisure.GotoAsync($"/passports/{id}");
        var readsBefore = await ReadsByAsync(id, "Chris Penrose");
        var (pdf, _) = await DownloadAsync(leisure);

        var all = await Poppler.TextAsync(pdf);
        all.ShouldContain("Tamsin Roskruge");
        all.ShouldContain("Peanuts");
        all.ShouldContain("Jenna Penhale");
        all.ShouldContain("Saturday swimming");
        all.ShouldContain("by Chris Penrose");
        all.ShouldContain("Not shared with your sector");

        // Leisure never sees clinical detail, the NHS number or social care; education only if the family opts in.
        all.ShouldNotContain("Hydrocephalus");
        all.ShouldNotContain("Levetiracetam");
        all.ShouldNotContain(Spaced(nhsNumber));
        all.ShouldNotContain(nhsNumber);
        all.ShouldNotContain("Child in need");
        all.ShouldNotContain(SafeguardingNote);
        all.ShouldNotContain("Truro Primary School");
        all.ShouldNotContain(SenNeeds);

        // The download is one more read in the access log, with the groups it returned.
        var reads = await ReadsByAsync(id, "Chris Penrose");
        reads.Count.ShouldBe(readsBefore.Count + 1);
        var groups = reads[0]!["groups"]!.AsArray().Select(g => g!.ToString()).ToList();
        reads[0]!["basis"]!.ToString().ShouldBe("CARE_TEAM");
        groups.ShouldContain("leisure.activities");
        groups.ShouldContain("health.emergency");
        groups.ShouldNotContain("health.clinical");
        groups.ShouldNotContain("identity.nhsNumber");
    }

    [Fact]
    public async Task A_long_care_plan_flows_onto_the_next_page_and_none_of_it_is_cut_off()
    {
        var id = await fixture.NewPassportAsync("Kerenza", "Hosking");
        var steps = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Step {i}: give buccal midazolam if the seizure lasts over five minutes; call 999."));
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $p: String!) { recordEmergencyCarePlan(passportId: $id, input: { title: \"Seizure plan\", plan: $p }) { id } }", new { id, p = steps + " Stay with me until help arrives: PLAN-ENDS-HERE" });

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}/print");
        var (pdf, _) = await DownloadAsync(carer);

        var firstPage = await Poppler.TextAsync(pdf, firstPageOnly: true);
        firstPage.ShouldContain("Step 1:");
        firstPage.ShouldNotContain("PLAN-ENDS-HERE");
        var all = await Poppler.TextAsync(pdf);
        all.ShouldContain("Step 40:");
        all.ShouldContain("PLAN-ENDS-HERE");
        all.ShouldContain("Page 2 of");
    }

    [Fact]
    public async Task Text_in_a_script_the_PDFs_font_lacks_is_never_dropped_silently()
    {
        var id = await fixture.NewPassportAsync("Mei", "Lin");
        var version = (await fixture.GraphQLAsync("carer", "query($id: ID!) { passport(id: $id) { version } }", new { id }))["passport"]!["version"]!.GetValue<int>();
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $v: Int!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { communication: \"I speak Mandarin at home: 你好 means hello.\" }) { id } }", new { id, v = version });

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        var (pdf, _) = await DownloadAsync(carer);

        var firstPage = await Poppler.TextAsync(pdf, firstPageOnly: true);
        firstPage.ShouldContain("I speak Mandarin at home");
        firstPage.ShouldContain("Some characters cannot be shown in this PDF");
    }

    [Fact]
    public async Task The_PDF_is_a_download_never_cached_and_only_for_someone_signed_in_with_a_relationship()
    {
        var id = await fixture.NewPassportAsync("Lowena", "Trevail");
        var carer = await fixture.SignInAsync("carer");

        var response = await carer.APIRequest.GetAsync($"/passports/{id}/passport.pdf");
        response.Status.ShouldBe(200);
        response.Headers["content-type"].ShouldBe("application/pdf");
        response.Headers["content-disposition"].ShouldStartWith("attachment;");
        response.Headers["content-disposition"].ShouldNotContain("Lowena");
        response.Headers["cache-control"].ShouldBe("no-store");
        (await response.BodyAsync()).Take(5).ToArray().ShouldBe("%PDF-"u8.ToArray());

        // Signed out: the sign-in page, as for every page.
        using var anonymous = await fixture.Http.GetAsync(new Uri($"/passports/{id}/passport.pdf", UriKind.Relative));
        anonymous.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/sign-in");
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");

        // No relationship: not found, as the passport page answers; never a PDF of nothing.
        var stranger = await fixture.SignInAsync("education");
        var refused = await stranger.APIRequest.GetAsync($"/passports/{id}/passport.pdf");
        refused.Status.ShouldBe(404);
        refused.Headers.GetValueOrDefault("content-type", "").ShouldNotContain("pdf");
    }

    [Fact]
    public async Task A_closed_passport_says_it_is_closed_instead_of_giving_a_PDF_and_so_does_its_print_view()
    {
        var id = await fixture.NewPassportAsync("Demelza", "Angove", "2010-01-01");
        await fixture.RelateAsync(id, "health");
        var born25YearsAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-25).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var corrected = await fixture.GraphQLResponseAsync("health", "mutation($id: ID!, $d: Date!) { updateChildDetails(passportId: $id, input: { givenName: \"Demelza\", familyName: \"Angove\", dateOfBirth: $d, localAuthority: \"E06000052\" }, reason: \"Birth certificate seen at clinic\") { id } }", new { id, d = born25YearsAgo });
        corrected["errors"]![0]!["extensions"]!["code"]!.ToString().ShouldBe("PASSPORT_CLOSED");

        var carer = await fixture.SignInAsync("carer");
        foreach (var address in new[] { $"/passports/{id}/passport.pdf", $"/passports/{id}/print" })
        {
            var response = await carer.APIRequest.GetAsync(address);
            response.Headers["content-type"].ShouldStartWith("text/html", Case.Sensitive, address);
            (await response.TextAsync()).ShouldContain("This passport is closed", Case.Sensitive, address);
        }
    }

    /// <summary>Clicks "Download as PDF" and saves what the browser downloads; returns its path and suggested name.</summary>
    private async Task<(string Path, string FileName)> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('Download as PDF')"));
        var path = Path.Combine(_downloads, $"passport-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        download.SuggestedFilename.ShouldEndWith(".pdf");
        return (path, download.SuggestedFilename);
    }

    /// <summary>The access log's entries for one reader, newest first, as the family reads it.</summary>
    private async Task<List<JsonNode?>> ReadsByAsync(string id, string displayName)
    {
        var log = await fixture.GraphQLAsync("carer", "query($id: ID!) { accessLog(passportId: $id, first: 200) { at displayName basis groups } }", new { id });
        return log["accessLog"]!.AsArray()
            .Where(e => e!["displayName"]!.ToString() == displayName)
            .OrderByDescending(e => DateTimeOffset.Parse(e!["at"]!.ToString(), CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>
    /// Set-up: a passport with something in every sector: the family's About me, allergy, alert,
    /// emergency care plan and contact, then each sector's professional records their own facts.
    /// </summary>
    private async Task<(string Id, string NhsNumber)> PassportWithEverySectorAsync(string given, string family)
    {
        var id = await fixture.NewPassportAsync(given, family, "2015-11-02");
        var nhsNumber = NewNhsNumber();
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $n: String!) { setNhsNumber(passportId: $id, nhsNumber: $n) { id } }", new { id, n = nhsNumber });
        var version = (await fixture.GraphQLAsync("carer", "query($id: ID!) { passport(id: $id) { version } }", new { id }))["passport"]!["version"]!.GetValue<int>();
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $v: Int!, $m: String, $c: String) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { mustKnow: $m, communication: $c, likes: \"Trains\" }) { id } }", new { id, v = version, m = MustKnow, c = Communication });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", reaction: \"Anaphylaxis\", severity: SEVERE }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAlert(passportId: $id, input: { title: \"Shunt in place\", details: \"Headache with vomiting: call 999.\" }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordEmergencyCarePlan(passportId: $id, input: { title: \"Seizure plan\", plan: \"Buccal midazolam after 5 minutes, then call 999.\" }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Jenna Penhale\", relationship: \"Aunt\", parentalResponsibility: false, phone: \"01872 555010\" }) { id } }", new { id });

        foreach (var sector in new[] { "health", "social-care", "education", "leisure" })
        {
            await fixture.RelateAsync(id, sector);
        }

        await fixture.GraphQLAsync("health", "mutation($id: ID!) { recordCondition(passportId: $id, input: { name: \"Hydrocephalus\" }) { id } }", new { id });
        await fixture.GraphQLAsync("health", "mutation($id: ID!) { recordMedication(passportId: $id, input: { name: \"Levetiracetam\", dose: \"250 mg\", frequency: \"Twice a day\" }) { id } }", new { id });
        await fixture.GraphQLAsync("social-care", "mutation($id: ID!) { setLegalStatus(passportId: $id, input: { status: CHILD_IN_NEED, responsibleAuthority: \"Cornwall Council\" }) { id } }", new { id });
        await fixture.GraphQLAsync("social-care", "mutation($id: ID!, $n: String!) { addSafeguardingNote(passportId: $id, note: $n) { id } }", new { id, n = SafeguardingNote });
        await fixture.GraphQLAsync("education", "mutation($id: ID!) { setEducationSetting(passportId: $id, input: { name: \"Truro Primary School\", yearGroup: \"Year 5\" }) { id } }", new { id });
        await fixture.GraphQLAsync("education", "mutation($id: ID!, $n: String!) { setSenSupport(passportId: $id, input: { level: SEN_SUPPORT, ehcpStatus: NONE, needs: $n }) { id } }", new { id, n = SenNeeds });
        await fixture.GraphQLAsync("leisure", "mutation($id: ID!) { addActivity(passportId: $id, input: { name: \"Saturday swimming\", needsOneToOne: true }) { id } }", new { id });
        return (id, nhsNumber);
    }

    /// <summary>A valid NHS number (Modulus 11 check digit) that no other test's passport has.</summary>
    private static string NewNhsNumber()
    {
        while (true)
        {
            var nine = Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            var check = 11 - (nine.Select((c, i) => (c - '0') * (10 - i)).Sum() % 11);
            if (check != 10)
            {
                return nine + (check == 11 ? 0 : check);
            }
        }
    }

    private static string Spaced(string digits) => $"{digits[..3]} {digits[3..6]} {digits[6..]}";

    public void Dispose() => Directory.Delete(_downloads, recursive: true);
}
