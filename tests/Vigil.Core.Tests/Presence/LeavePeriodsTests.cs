using Vigil.Core.Presence;

namespace Vigil.Core.Tests.Presence;

public sealed class LeavePeriodsTests
{
    public static TheoryData<string, string, int, int[]> Cases => new()
    {
        // leave (first..last day), months per period, periods unavailable in a 4-period horizon from 2027-01-01
        { "2027-01-01..2027-01-31", "", 1, [0] },                      // a whole month
        { "2027-01-17..2027-01-31", "", 1, [] },                       // 15 of 31 days: less than half
        { "2027-01-16..2027-01-31", "", 1, [0] },                      // 16 of 31: half or more
        { "2027-02-15..2027-02-28", "", 1, [1] },                      // 14 of 28 days: exactly half
        { "2027-01-25..2027-02-05", "", 1, [] },                       // straddles two months, under half of each
        { "2027-01-10..2027-03-20", "", 1, [0, 1, 2] },
        { "2027-01-01..2027-01-10", "2027-01-11..2027-01-20", 1, [0] }, // two spans add up in one period
        { "2027-01-01..2027-02-14", "", 3, [0] },                      // quarters: 45 of 90 days, exactly half
        { "2027-01-01..2027-02-13", "", 3, [] },                       // 44 of 90
        { "2026-12-01..2026-12-31", "", 1, [] },                       // before the horizon
        { "2027-05-01..2027-05-31", "", 1, [] },                       // after it
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Periods_HalfOrMoreOnLeave_AreUnavailable(string first, string second, int periodMonths, int[] expected)
    {
        var spans = new[] { first, second }.Where(s => s.Length > 0).Select(s => s.Split("..")).Select(p => (DateOnly.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, OfficerLeaves.UnavailablePeriods(spans, new DateOnly(2027, 1, 1), 4, periodMonths));
    }
}
