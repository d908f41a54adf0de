using Vigil.Matching;
using Vigil.Web.Screening;

namespace Vigil.Tests;

/// <summary>The engine's reasons on the screening pages, in French: every phrasing it writes, with its values kept.</summary>
public sealed class ReasonWordsTests
{
    private static string InFrench(string reasons) => FrenchResources.Say(t => ReasonWords.Localize(reasons, t));

    public static TheoryData<string, string> Reasons => new()
    {
        { "name 1.00", "nom 1.00" },
        { "name 0.94 (Mohamed~Muhammad, Abd al-Rahman unmatched)", "nom 0.94 (Mohamed~Muhammad, Abd al-Rahman sans correspondance)" },
        { "name 0.88 (Usman~Ousmane) with the alias Ousmane Bah", "nom 0.88 (Usman~Ousmane) avec l'alias Ousmane Bah" },
        { "names differ", "noms différents" },
        { "birth dates differ (1980-01-02 vs 1981-05-06)", "dates de naissance différentes (1980-01-02 / 1981-05-06)" },
        { "birth date 1900-01-01 on the roster set aside (not plausible)", "date de naissance 1900-01-01 de la liste écartée (invraisemblable)" },
        { "birth date 2024 on record set aside (not plausible)", "date de naissance 2024 du registre écartée (invraisemblable)" },
        { "nationality agrees", "nationalité concordante" },
        { "nationality differs (RWA vs PAK)", "nationalité différente (RWA / PAK)" },
        { "common name: about 1,200 others would agree this well by chance", "nom courant : environ 1,200 autres personnes concorderaient autant par hasard" },
        { "identifier P123456 agrees", "identifiant P123456 concordant" },
        { "identifiers of the same kind differ", "identifiants de même type différents" },
        // A phrasing not known to the pages is shown as the engine wrote it, and the others around it still translated.
        { "name 0.91; a reason added later; nationality agrees", "nom 0.91; a reason added later; nationalité concordante" },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void EngineReason_InFrench(string english, string french) => Assert.Equal(french, InFrench(english));

    [Fact]
    public void EveryBirthDateReasonTheEngineWrites_IsAFixedPhraseWithAFrenchText()
    {
        foreach (var agreement in Enum.GetValues<BirthDateAgreement>())
        {
            if (BirthDateComparison.Describe(agreement) is { } phrase)
            {
                Assert.Contains(phrase, ReasonWords.Fixed);
                Assert.NotEqual(phrase, InFrench(phrase));
            }
        }
        Assert.All(ReasonWords.Fixed, phrase => Assert.NotEqual(phrase, InFrench(phrase)));
    }
}
