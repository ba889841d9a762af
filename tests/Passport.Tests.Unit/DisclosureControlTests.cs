using Passport.Core.Impact;

namespace Passport.Tests.Unit;

/// <summary>Statistical disclosure control of the impact measures (docs/impact.md).</summary>
public class DisclosureControlTests
{
    [Fact]
    public void Counts_under_5_are_hidden()
    {
        // The hidden ones add up to 5, so the region's 25 minus the 20 shown says nothing of either.
        var hidden = DisclosureControl.Suppressed(new Dictionary<string, int> { ["a"] = 4, ["b"] = 1, ["c"] = 20, ["d"] = 0 });
        hidden.Order().ShouldBe(["a", "b", "d"]);
    }

    [Fact]
    public void A_single_small_count_takes_the_smallest_shown_one_with_it()
    {
        // Region 31: without "d" hidden too, 31 - 20 - 7 would give "a"'s 4 back.
        DisclosureControl.Suppressed(new Dictionary<string, int> { ["a"] = 4, ["b"] = 20, ["c"] = 0, ["d"] = 7 })
            .Order().ShouldBe(["a", "c", "d"]);
    }

    [Fact]
    public void Ties_for_the_second_hidden_count_go_to_the_lower_code()
    {
        DisclosureControl.Suppressed(new Dictionary<string, int> { ["E2"] = 5, ["E1"] = 5, ["E3"] = 1 })
            .Order().ShouldBe(["E1", "E3"]);
    }

    [Fact]
    public void Hidden_counts_that_add_up_to_5_or_more_or_to_nothing_need_no_more()
    {
        DisclosureControl.Suppressed(new Dictionary<string, int> { ["a"] = 3, ["b"] = 2, ["c"] = 9 }).Order().ShouldBe(["a", "b"]);
        DisclosureControl.Suppressed(new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 9 }).Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Whatever_is_shown_the_region_minus_it_is_never_1_to_4()
    {
        var random = new Random(15);
        for (var run = 0; run < 2000; run++)
        {
            var counts = Enumerable.Range(0, 15).ToDictionary(i => $"E{i:00}", _ => random.Next(0, 3) == 0 ? random.Next(0, 5) : random.Next(0, 40));
            var hidden = DisclosureControl.Suppressed(counts);
            var left = counts.Where(c => hidden.Contains(c.Key)).Sum(c => c.Value);
            hidden.ShouldAllBe(a => counts[a] >= 0);
            counts.Where(c => c.Value < DisclosureControl.Threshold).ShouldAllBe(c => hidden.Contains(c.Key));
            (left is 0 or >= DisclosureControl.Threshold || counts.Values.Sum() < DisclosureControl.Threshold).ShouldBeTrue(string.Join(",", counts.Values));
        }
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(7, 5)]
    [InlineData(8, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    public void States_are_rounded_to_the_nearest_5(int count, int shown) => DisclosureControl.Rounded(count).ShouldBe(shown);

    [Fact]
    public void The_median_of_an_even_number_of_days_rounds_half_up() =>
        ImpactReports.Median([1, 2, 4, 9]).ShouldBe(3);
}
