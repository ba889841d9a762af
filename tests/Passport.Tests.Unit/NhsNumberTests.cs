using Passport.Core.Passports;

namespace Passport.Tests.Unit;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("4010232137")]
    [InlineData("9990000026")]
    public void Accepts_a_number_whose_check_digit_is_right(string text)
    {
        NhsNumber.TryParse(text, out var number).ShouldBeTrue();
        number.Digits.Length.ShouldBe(10);
    }

    [Fact]
    public void Is_shown_spaced_three_three_four() =>
        (NhsNumber.TryParse("9434765919", out var number) ? number.Formatted : null).ShouldBe("943 476 5919");

    [Theory]
    [InlineData("9434765918")] // check digit off by one
    [InlineData("9434765910")]
    [InlineData("1234567890")] // remainder gives 10: never issued
    [InlineData("943476591")]  // nine digits
    [InlineData("94347659190")]
    [InlineData("94347659l9")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) => NhsNumber.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void A_check_digit_of_eleven_is_written_as_zero()
    {
        // 100000006: weighted sum 10 + 2*6 = 22, divisible by 11, so the check digit is 0.
        NhsNumber.TryParse("1000000060", out _).ShouldBeTrue();
        NhsNumber.TryParse("1000000061", out _).ShouldBeFalse();
    }
}
