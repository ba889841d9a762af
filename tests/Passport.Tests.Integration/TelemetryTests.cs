using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class TelemetryTests(PassportFixture fixture)
{
    [Fact]
    public async Task The_host_exports_traces_and_passport_metrics_over_OTLP_without_any_personal_data()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/');
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "300";
        await using var host = await HostProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Everything a person could be recognised by, made unique so that a hit cannot be chance.
        var unique = Guid.NewGuid().ToString("N")[..10];
        var givenName = $"Tilly{unique}";
        var familyName = $"Marchbank{unique}";
        var nhsNumber = NhsNumbers.Next();
        var reason = $"Collapsed at school {unique}, anaphylaxis suspected";
        var carer = Persona.Carer($"Carer Name {unique}");
        var doctor = Persona.Professional("health", $"Organisation {unique}");
        var nurse = Persona.Professional("health");
        var strangerId = Guid.NewGuid().ToString();

        // The child's name and NHS number as literals in the document, so a recorded document would show them.
        var id = (await PassportFixture.GraphQLAsync(http, fixture.Token(carer),
                $"mutation CreateChild {{ createPassport(input: {{ givenName: \"{givenName}\", familyName: \"{familyName}\", dateOfBirth: \"2017-03-09\", nhsNumber: \"{nhsNumber}\", localAuthority: \"E06000052\" }}) {{ id }} }}"))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();
        (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "query ReadChild($id: ID!) { passport(id: $id) { child { givenName familyName nhsNumber } } }", new { id })).Ok();
        var code = (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await PassportFixture.GraphQLAsync(http, fixture.Token(doctor), "mutation Redeem($c: String!) { redeemShareCode(code: $c) { child { givenName } } }", new { c = code })).Ok();
        (await PassportFixture.GraphQLAsync(http, fixture.Token(nurse), "mutation($id: ID!, $r: String!) { breakGlass(passportId: $id, reason: $r) { child { familyName } } }", new { id, r = reason })).Ok();
        (await PassportFixture.GraphQLAsync(http, fixture.Token(doctor), "query($id: ID!) { passport(id: $id) { id } }", new { id = strangerId }))
            .ErrorCodes.ShouldBe(["NOT_FOUND"]);
        // Guessing share codes: five misses, then the sixth attempt is refused.
        var guesser = Persona.Professional("health");
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await PassportFixture.GraphQLAsync(http, fixture.Token(guesser), "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = "ZZZZ-ZZZZ" });
        }

        (await PassportFixture.GraphQLAsync(http, fixture.Token(guesser), "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = "ZZZZ-ZZZZ" }))
            .ErrorCodes.ShouldBe(["RATE_LIMITED"]);
        (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "query LastCall($id: ID!) { accessLog(passportId: $id) { basis } }", new { id })).Ok();

        await collector.WaitForAsync(
        [
            // Resource: service name and version.
            ("traces", "passport-host"),
            ("traces", "service.version"),
            // The HTTP request, GraphQL.NET's operation span, PostgreSQL through Npgsql, Wolverine and our access-log write.
            ("traces", "POST /graphql"),
            ("traces", "graphql.operation.type"),
            ("traces", "LastCall"),
            ("traces", "db.query.text"),
            ("traces", "postgresql"),
            ("traces", "messaging.message_type"),
            ("traces", "access_log write"),
            // The passport's own metrics, with their attribute values.
            ("metrics", "passport.reads"),
            ("metrics", "care-team"),
            ("metrics", "break-glass"),
            ("metrics", "passport.access_log.entries"),
            ("metrics", "passport.break_glass.uses"),
            ("metrics", "passport.code_redemption.failures"),
            ("metrics", "rate-limited"),
            ("metrics", "passport.graphql.operations"),
            ("metrics", "passport.graphql.errors"),
            ("metrics", "NOT_FOUND"),
            ("metrics", "RATE_LIMITED"),
            // Library metrics: ASP.NET Core, Npgsql, Marten and Wolverine.
            ("metrics", "http.server.request.duration"),
            ("metrics", "db.client.operation.duration"),
            ("metrics", "marten.event.append"),
            ("metrics", "Wolverine:Passport.Host"),
        ], TimeSpan.FromSeconds(60));

        string[] personal =
        [
            id, id.Replace("-", ""), strangerId, givenName, familyName, nhsNumber, reason, unique, code, code.Replace("-", ""),
            carer.Subject, doctor.Subject, nurse.Subject, guesser.Subject, carer.Claims.Name,
        ];
        collector.Find(personal).ShouldBeEmpty();
    }
}
