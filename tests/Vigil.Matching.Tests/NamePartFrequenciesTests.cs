namespace Vigil.Matching.Tests;

public sealed class NamePartFrequenciesTests
{
    private static IEnumerable<PersonName> Names(params string[] names) => names.Select(PersonName.Parse);

    [Fact]
    public void WeightOf_CommonPartsWeighLessThanRareOnes()
    {
        var frequencies = NamePartFrequencies.Build([Names("Mohamed Diallo"), Names("Muhammad Sow"), Names("Mohammed Kane"), Names("Zainab Ndayishimiye")]);
        var mohamed = PersonName.Parse("Mohamed").Parts[0];
        var rare = PersonName.Parse("Ndayishimiye").Parts[0];
        Assert.Equal(3, frequencies.CountOf(mohamed.Key));
        Assert.True(frequencies.WeightOf(mohamed) < frequencies.WeightOf(rare));
        Assert.True(frequencies.WeightOf(mohamed) >= 1);
    }

    [Fact]
    public void Build_CountsAPartOncePerPerson()
    {
        var frequencies = NamePartFrequencies.Build([Names("Ali Sow", "Ali S. Sow")]);
        Assert.Equal(1, frequencies.CountOf(PersonName.Parse("Ali").Parts[0].Key));
        Assert.Equal(1, frequencies.People);
    }

    [Fact]
    public void Uniform_WeighsEveryPartOne() => Assert.Equal(1, NamePartFrequencies.Uniform.WeightOf(PersonName.Parse("Diallo").Parts[0]));

    [Fact]
    public void Build_Null_Throws() => Assert.Throws<ArgumentNullException>(() => NamePartFrequencies.Build(null!));
}
