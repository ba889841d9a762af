using System.Security.Cryptography;
using System.Text;
using Passport.Core.EmergencyCards;

namespace Passport.Tests.Unit;

public class EmergencyCardTokenTests
{
    [Fact]
    public void A_token_is_22_url_safe_characters_of_fresh_randomness()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => EmergencyCardToken.New()).ToList();
        tokens.ShouldAllBe(t => t.Length == 22 && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
        tokens.Distinct().Count().ShouldBe(1000);

        // 22 base64url characters decode to the 16 random bytes: 128 bits, nothing else.
        Convert.FromBase64String(tokens[0].Replace('-', '+').Replace('_', '/') + "==").Length.ShouldBe(16);
    }

    [Fact]
    public void Its_stored_form_is_its_sha256()
    {
        var token = EmergencyCardToken.New();
        EmergencyCardToken.HashOf(token).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")] // 21
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")] // 23
    [InlineData("AAAAAAAAAA+AAAAAAAAAAA")] // base64, not base64url
    [InlineData("AAAAAAAAAA AAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAéAAAAAAAAAAA")]
    public void Anything_that_could_not_be_a_token_has_no_stored_form(string? text) =>
        EmergencyCardToken.HashOf(text).ShouldBeNull();

    [Theory]
    [InlineData("https://passport.example.nhs.uk", "http://10.0.0.5:8080", "https://passport.example.nhs.uk/card/T")]
    [InlineData("https://passport.example.nhs.uk/", null, "https://passport.example.nhs.uk/card/T")]
    [InlineData(null, "http://127.0.0.1:5080", "http://127.0.0.1:5080/card/T")]
    [InlineData("", "http://127.0.0.1:5080/", "http://127.0.0.1:5080/card/T")]
    public void The_link_is_on_the_public_address_when_one_is_set(string? publicUrl, string? requestOrigin, string expected) =>
        EmergencyCardToken.Url(publicUrl, requestOrigin, "T").ShouldBe(expected);
}
