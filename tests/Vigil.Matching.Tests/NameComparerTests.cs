namespace Vigil.Matching.Tests;

public sealed class NameComparerTests
{
    private static readonly NameComparer Comparer = new(NamePartFrequencies.Uniform);

    private static double Score(string a, string b) => Comparer.Compare(PersonName.Parse(a), PersonName.Parse(b)).Score;

    [Theory]
    [InlineData("Mamadou Diallo", "DIALLO, Mamadou", 1.0, 1.0)]
    [InlineData("Mohamed Abdelrahman", "Muhammad Abd al-Rahman", 0.9, 1.0)]
    [InlineData("Abdoulaye Traore", "Abdullahi Traoré", 0.9, 1.0)]
    [InlineData("Ousmane Sow", "Usman Sow", 0.9, 1.0)]
    [InlineData("Ibrahima Keita", "Ibrahim Keita", 0.9, 1.0)]
    [InlineData("محمد حسن", "Mohamed Hassan", 0.85, 1.0)]
    [InlineData("Владимир Путин", "Vladimir Putin", 1.0, 1.0)]
    [InlineData("Vladmir Putin", "Vladimir Putin", 0.9, 1.0)]
    [InlineData("Mohammad Jawad Waziri", "Mohammad Jawad Hamid Waziri", 0.85, 1.0)]
    [InlineData("M. Diallo", "Mamadou Diallo", 0.8, 0.95)]
    [InlineData("AlisherUsmanov", "Alisher Usmanov", 1.0, 1.0)]
    [InlineData("Mohammadhasni Khan", "Mohammad Hasni Khan", 0.9, 1.0)]
    [InlineData("Abdul Saifullah Tokhi", "Saifullah Tokhi", 0.8, 1.0)]
    [InlineData("Ben Netanyahu", "Benjamin Netanyahu", 0.9, 1.0)]
    [InlineData("Ig0r Sech1n", "Igor Sechin", 1.0, 1.0)]
    // The prefix dropped on one side, nothing else in its place; abd + abbas is not abda + bbas (b is no sun letter).
    [InlineData("Mohammad Abdul Abbas Akhund", "Mohammad Abbas Akhund", 0.85, 1.0)]
    [InlineData("Maj. Aisha Mahmoud al-Sayed", "Aisha Mahmoud el-Sayed", 1.0, 1.0)]
    [InlineData("BOUBACAR BouKARY KALLO", "Boubacar Boukary Kallo", 1.0, 1.0)]
    [InlineData("Abdoulayje Deiallo", "Abdoulaye Diallo", 0.8, 1.0)]
    // The article joined on one side, written apart or in Arabic script on the other.
    [InlineData("Mohamed Elamin", "Mohamed Al-Amin", 0.9, 1.0)]
    [InlineData("Ahmed Elsheikh", "Ahmed Al-Sheikh", 0.9, 1.0)]
    [InlineData("Ahmed Elsheikh", "أحمد الشيخ", 0.8, 1.0)]
    [InlineData("Osman Elhassan Ahmed", "عثمان الحسن أحمد", 0.8, 1.0)]
    public void Compare_Variants_ScoreHigh(string a, string b, double min, double max)
    {
        var score = Score(a, b);
        Assert.InRange(score, min, max);
        Assert.Equal(score, Score(b, a), 6);
    }

    [Theory]
    [InlineData("Bassirou Diomaye Sarr", "Bassirou Diomaye Faye", 0.7)]
    [InlineData("Boris Vekselberg", "Viktor Vekselberg", 0.6)]
    [InlineData("Ibrahima Diallo", "Mamadou Ibrahima Tall", 0.6)]
    [InlineData("ABDUL HAMID QURISHI", "ABDUL GHANI QURISHI", 0.7)]
    [InlineData("Abdullah bin Omar", "Omar bin Abdullah", 0.3)]
    [InlineData("Ahmad bin Hasan al-Ubaidi", "Hasan bin Ahmad al-Ubaidi", 0.5)]
    [InlineData("Khawla Barzan Ibrahim Hasan al-Mashhadani", "Khawla Barzan Ibrahim Hasan al-Tikriti", 0.64)]
    [InlineData("N. N.", "Nursultan Nazarbayev", 0.5)]
    [InlineData("Sahid Kumar", "Dembele Sow", 0.0)]
    // The servant prefix stands for another word on the other side: two different fathers.
    [InlineData("Akhtar Mohammad Mansour Abdul Mohammed", "Akhtar Mohammad Mansour Shah Mohammed", 0.64)]
    [InlineData("Nik Mohammad Abdul Mohammad", "Nik Mohammad Dost Mohammad", 0.64)]
    // al- and el- also begin names: only an article written apart (or in Arabic script) lets the rest be compared.
    [InlineData("Albert Hoffmann", "Bert Hoffmann", 0.8)]
    public void Compare_DifferentPeople_ScoreLow(string a, string b, double max) => Assert.InRange(Score(a, b), 0, max);

    [Theory]
    [InlineData("mohamed", "muhammad", 0.95)]
    [InlineData("diallo", "diallo", 1.0)]
    [InlineData("diallo", "tall", 0.0)]
    [InlineData("m", "mamadou", 0.75)]
    [InlineData("m", "diallo", 0.0)]
    [InlineData("elamin", "al-amin", 0.95)]
    [InlineData("alamin", "el amin", 0.95)]
    public void PartSimilarity_FollowsTheRules(string a, string b, double expected) =>
        Assert.Equal(expected, NameComparer.PartSimilarity(PersonName.Parse(a).Parts[0], PersonName.Parse(b).Parts[0]), 6);

    [Fact]
    public void Compare_RarePartsCountMoreThanCommonOnes()
    {
        IEnumerable<PersonName>[] people = [.. Enumerable.Range(0, 50).Select(i => new[] { PersonName.Parse($"Mohamed Person{i}") })];
        var comparer = new NameComparer(NamePartFrequencies.Build(people));
        var commonAgrees = comparer.Compare(PersonName.Parse("Mohamed Ndayishimiye"), PersonName.Parse("Mohamed Kiprono")).Score;
        var rareAgrees = comparer.Compare(PersonName.Parse("Ali Ndayishimiye"), PersonName.Parse("Mohamed Ndayishimiye")).Score;
        Assert.True(rareAgrees > commonAgrees, $"{rareAgrees} > {commonAgrees}");
    }

    [Theory]
    // A common word replaced by another (another father) costs as much as its share of the words, not only of the weight.
    [InlineData("Tariq Anwar Sayed Mohamed", "Tariq Anwar Sayed Ahmed", 0.75)]
    [InlineData("Noureddine Mohamed Belkassem", "Noureddine Ali Belkassem", 0.65)]
    public void Compare_CommonWordReplaced_CostsItsShareOfWords(string a, string b, double max)
    {
        IEnumerable<PersonName>[] people = [.. Enumerable.Range(0, 150).Select(i => new[] { PersonName.Parse($"{(i % 3 == 0 ? "Mohamed" : i % 3 == 1 ? "Ahmed" : "Ali")} Person{i}") })];
        var comparer = new NameComparer(NamePartFrequencies.Build(people));
        Assert.InRange(comparer.Compare(PersonName.Parse(a), PersonName.Parse(b)).Score, 0, max);
    }

    [Fact]
    public void Describe_NamesTheVariantsAndTheMissingParts()
    {
        var text = Comparer.Compare(PersonName.Parse("Mohamed Abdelrahman Hamid"), PersonName.Parse("Muhammad Abd al-Rahman")).Describe();
        Assert.StartsWith("name 0.", text, StringComparison.Ordinal);
        Assert.Contains("Mohamed~Muhammad", text, StringComparison.Ordinal);
        Assert.Contains("Abdelrahman~Abd al-Rahman", text, StringComparison.Ordinal);
        Assert.Contains("Hamid unmatched", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EmptyName_ScoresZero() => Assert.Equal(0, Score("", "Ali"));

    [Fact]
    public void Constructor_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new NameComparer(null!));

    [Theory]
    // A word split on one side, beside a middle name the other side lacks.
    [InlineData("Nikolai Patr ushev", "Nikolai Platonovich Patrushev", 0.65, 1.0)]
    // Doubled and undoubled letters, short words too.
    [InlineData("Kim Jong-uun", "Kim Jong-un", 0.85, 1.0)]
    // Chinese characters, Hangul or kana written differently: a syllable differs, however alike the romanisations.
    [InlineData("习近朋", "习近平", 0.0, 0.6)]
    [InlineData("高石早苗", "高市早苗", 0.0, 0.65)]
    [InlineData("김종은", "김정은", 0.0, 0.6)]
    [InlineData("习近平", "习近平", 1.0, 1.0)]
    public void Compare_SplitWordsDoubledLettersAndSyllables(string a, string b, double min, double max) =>
        Assert.InRange(Score(a, b), min, max);

    [Theory]
    [InlineData("un", "uun", true)]
    [InlineData("hasan", "hassan", true)]
    [InlineData("mohamed", "mohammed", true)]
    [InlineData("hasan", "hasna", false)]
    [InlineData("un", "u", false)]
    [InlineData("abba", "aba", true)]
    [InlineData("", "", true)]
    public void SameButDoubledLetters_ReadsARunOfOneLetterAsOne(string a, string b, bool expected)
    {
        Assert.Equal(expected, NameComparer.SameButDoubledLetters(a, b));
        Assert.Equal(expected, NameComparer.SameButDoubledLetters(b, a));
    }

    [Fact]
    public void Compare_NamesOfMoreThan64Parts_UseTheHeap()
    {
        // 100 parts of three letters (300 characters): past the parts kept on the stack.
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}"));
        var name = PersonName.Parse(text);
        Assert.True(name.Parts.Length > 64, $"{name.Parts.Length} parts");
        Assert.Equal(1.0, Comparer.Compare(name, name).Score, 3);
    }
}
