namespace Vigil.Matching.Tests;

public sealed class ScreenerTests
{
    [Fact]
    public void Screen_OrdersByPersonIdThenScore()
    {
        ScreeningSubject[] registry = [new("R1", "Ousmane Sow", birthDate: BirthDate.Parse("1975")), new("R2", "Usman Sow"), new("R3", "Fatoumata Keita")];
        ScreeningSubject[] roster = [new("P2", "Fatoumata Keïta"), new("P10", "Ousmane Sow", birthDate: BirthDate.Parse("1975-06-01")), new("P1", "Jean Dupont")];
        var found = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = 0.5 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["P10/R1", "P10/R2", "P2/R3"], found.Select(c => $"{c.PersonId}/{c.RecordId}"));
    }

    [Fact]
    public void Screen_ReportsProgressToTheEnd()
    {
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported);
        Screener.Screen([new ScreeningSubject("P1", "Ali Sow")], [new ScreeningSubject("R1", "Ali Sow")], new ScreeningOptions(), progress, TestContext.Current.CancellationToken);
        Assert.Equal([1], reported);
    }

    [Fact]
    public void Screen_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Screener.Screen([new ScreeningSubject("P1", "Ali Sow")], [], new ScreeningOptions(), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Screen_InvalidThreshold_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Screener.Screen([], [], new ScreeningOptions { Threshold = 2 }, cancellationToken: TestContext.Current.CancellationToken));

    [Fact]
    public void Screen_AHugeNameOnEitherSide_NeitherCrashesNorHangs()
    {
        // Once, a name of 500,000 words overflowed the stack and took the web server down with it.
        var huge = string.Concat(Enumerable.Repeat("Zebulon ", 500_000)) + "Quartermain";
        var found = Screener.Screen([new ScreeningSubject("P1", huge)], [new ScreeningSubject("R1", "Zebulon Quartermain", [huge])], new ScreeningOptions { Threshold = 0 },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(found, c => c.PersonId == "P1" && c.RecordId == "R1");
    }

    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value) => reported.Add(value);
    }
}
