namespace Vigil.Matching.Tests;

public sealed class SimilarityCacheTests
{
    [Fact]
    public void Slot_NewKey_IsNotFoundThenKeepsTheValueWritten()
    {
        var cache = new SimilarityCache();
        ref var slot = ref cache.Slot(42, out var found);
        Assert.False(found);
        slot = 0.75;
        Assert.Equal(0.75, cache.Slot(42, out found));
        Assert.True(found);
        Assert.Equal(0.0, cache.Slot(43, out found));
        Assert.False(found);
    }

    [Fact]
    public void Slot_ManyKeys_EachKeepsItsOwnValueUntilTheCacheEmpties()
    {
        // Consecutive keys land in every part of the table, so many share a home slot and are probed past.
        var cache = new SimilarityCache();
        const int keys = 400_000;
        for (var k = 1UL; k <= keys; k++)
        {
            cache.Slot(k, out _) = k / 1e6;
        }
        for (var k = 1UL; k <= keys; k++)
        {
            Assert.Equal(k / 1e6, cache.Slot(k, out var found));
            Assert.True(found);
        }
        // Past half the table it empties: an old key is then reported missing (and recomputed), never stale.
        for (var k = keys + 1UL; k <= 1_100_000; k++)
        {
            cache.Slot(k, out _) = 1;
        }
        cache.Slot(1, out var kept);
        Assert.False(kept);
    }

    [Theory]
    // The cached similarity equals the uncached one, including the Arabic-script flag that is part of the key.
    [InlineData("Mohamed Diallo", "Muhammad Diallo")]
    [InlineData("محمد ديالو", "Mohamed Diallo")]
    [InlineData("Ousmane Sow", "Usman Sow")]
    public void Compare_TwiceOnOneThread_GivesTheSameScore(string first, string second)
    {
        var comparer = new NameComparer(NamePartFrequencies.Uniform);
        var a = PersonName.Parse(first);
        var b = PersonName.Parse(second);
        var cold = comparer.Compare(a, b).Score;
        Assert.Equal(cold, comparer.Compare(a, b).Score);
        Assert.Equal(cold, comparer.Compare(PersonName.Parse(first), PersonName.Parse(second)).Score);
    }
}
