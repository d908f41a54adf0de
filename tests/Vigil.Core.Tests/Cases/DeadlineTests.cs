using Vigil.Core.Cases;

namespace Vigil.Core.Tests.Cases;

public sealed class DeadlineTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-02", 10, "2026-03-16")] // Monday + 10 working days = Monday two weeks on
    [InlineData("2026-03-06", 1, "2026-03-09")]  // Friday + 1 = Monday
    [InlineData("2026-03-07", 1, "2026-03-09")]  // Saturday + 1 = Monday
    [InlineData("2026-03-08", 5, "2026-03-13")]  // Sunday + 5 = Friday
    [InlineData("2026-03-02", 0, "2026-03-02")]
    [InlineData("2026-12-24", 3, "2026-12-29")]
    public void AddWorkingDays_SkipsWeekends(string start, int days, string expected) =>
        Assert.Equal(D(expected), WorkingDays.Add(D(start), days));

    [Fact]
    public void AddWorkingDays_SkipsHolidays()
    {
        var holidays = new HashSet<DateOnly> { D("2026-03-04"), D("2026-03-05") };
        Assert.Equal(D("2026-03-10"), WorkingDays.Add(D("2026-03-02"), 4, holidays));
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-16", 10)]
    [InlineData("2026-03-16", "2026-03-02", -10)]
    [InlineData("2026-03-06", "2026-03-09", 1)]
    [InlineData("2026-03-07", "2026-03-08", 0)]
    public void Between_CountsWorkingDays(string from, string to, int expected) =>
        Assert.Equal(expected, WorkingDays.Between(D(from), D(to)));

    [Fact]
    public void Policy_Defaults_AreTheDomainClocks()
    {
        var policy = new DeadlinePolicy();
        Assert.Equal(D("2026-03-16"), policy.NioAnswerDue(D("2026-03-02")));
        Assert.Equal(D("2026-05-31"), policy.InvestigationDue(D("2026-03-02"), sexualExploitationOrAbuse: true));
        Assert.Equal(D("2026-09-02"), policy.InvestigationDue(D("2026-03-02"), sexualExploitationOrAbuse: false));
    }

    [Theory]
    [InlineData("RWA", new int[0], new[] { "RWA" }, null, true)]
    [InlineData("KEN", new int[0], new[] { "RWA", "PAK" }, null, false)]
    [InlineData("KEN", new[] { 7 }, new[] { "RWA" }, 7, true)]
    [InlineData("KEN", new[] { 8 }, new[] { "RWA" }, 7, false)]
    [InlineData(null, new int[0], new[] { "RWA" }, 7, false)]
    public void Recusal_KeepsOffCoNationalsAndOfficersPostedAtTheSite(string? nationality, int[] sites, string[] subjects, int? caseSite, bool recused) =>
        Assert.Equal(recused, Recusal.Reason(nationality, sites, subjects, caseSite) is not null);
}
