using System.Collections.Frozen;

namespace Vigil.Matching;

/// <summary>
/// A curated table of spelling families that no phonetic rule folds safely: the same given name in
/// its Arabic, West African (French and English), East African, Turkish and South Asian forms, and
/// common Slavic transliteration pairs, and English hypocorisms (Ben/Benjamin, Bill/William, Ted/Theodore). Each family has one canonical spelling; a word outside the
/// table is its own canonical form. Comparison treats two words with the same canonical form as
/// near-certain variants (see <see cref="NameComparer"/>).
/// </summary>
public static class NameVariants
{
    private static readonly FrozenDictionary<string, string> Canonical = Build(
    [
        ["mohamed", "muhammad", "mohammed", "mohamad", "mohammad", "muhamad", "muhammed", "mouhamed", "mouhamad", "mouhammad", "mohamud", "mohamoud", "mamadou", "mamadu", "mouhamadou", "muhamadu", "mohammadou", "mehmet", "mehmed", "maxamed", "mahamat", "mahamadou", "mhmd"],
        ["abdullah", "abdallah", "abdulla", "abdalla", "abdullahi", "abdallahi", "abdoulaye", "abdoulahi", "abdellah", "abdellahi", "abdulah", "abdoullah", "cabdullaahi", "cabdullaah", "abdlah", "abdalh", "abdlh"],
        ["usman", "ousmane", "othman", "uthman", "osman", "usmane", "ousman", "osmane", "outhman", "othmane", "uthmaan", "cusmaan", "athman", "uthmn", "athmn"],
        ["yusuf", "youssef", "yousef", "yousouf", "youssouf", "yusef", "yossef", "yousif", "yusif", "jusuf", "yousuf"],
        ["ibrahim", "ibrahima", "ebrahim", "brahim", "ibraheem", "ibrahime", "brahima", "ibrahimou", "ibrahem", "ibrahym"],
        ["ahmed", "ahmad", "ahmet", "amadou", "ahmadou", "amadu", "ahmadu", "ahamed", "axmed"],
        ["mustafa", "moustapha", "mustapha", "mostafa", "moustafa", "mostapha", "mustefa"],
        ["hussein", "husain", "hussain", "houssein", "hussien", "hosein", "hosseini", "housseini", "ousseini", "huseyin", "hossein", "husayn", "xuseen"],
        ["hassan", "hasan", "hassane", "hasane", "hassen", "xasan"],
        ["omar", "umar", "oumar", "omer", "cumar", "oumarou", "umaru"],
        ["ali", "aly", "aliou", "aliyu", "alioune", "cali"],
        ["abubakar", "aboubacar", "abubakr", "aboubakar", "boubacar", "aboubakr", "abubakari", "bubakar", "aboubakary", "abubaker"],
        ["suleiman", "souleymane", "sulayman", "suleyman", "soleiman", "sulaiman", "souleiman", "sulemana", "suleman", "sleiman", "slimane"],
        ["idris", "idriss", "driss", "idrissa", "edris"],
        ["khalid", "khaled", "khalide", "kaled", "xaalid"],
        ["musa", "moussa", "mousa", "mussa", "mousse"],
        ["issa", "isa", "eissa", "aissa"],
        ["yahya", "yaya", "yahia", "yahaya", "yehia"],
        ["fatima", "fatoumata", "fatimata", "fatma", "fatouma", "fatuma", "fadima", "fatimah"],
        ["aisha", "aissatou", "aicha", "aysha", "aishatu", "aishat", "ayesha", "aisatou", "aichatou"],
        ["mariam", "mariama", "maryam", "meryem", "miriam", "maryama", "mariame"],
        ["khadija", "kadiatou", "khadidja", "hadiza", "khadijah", "kadidia", "hadija", "khadidiatou"],
        ["zainab", "zeinab", "zaynab", "zenab", "zeynab", "zeinabou"],
        ["salif", "salifou", "salifu"],
        ["bakary", "bakari", "bakar"],
        ["abdelkader", "abdulkadir", "abdoulkader", "abdelkadir", "abdulqadir", "abdulkader", "abdoulkadri", "abdulqader"],
        ["abdulrahman", "abdelrahman", "abdurrahman", "abdourahmane", "abdirahman", "abdourahman", "abderrahmane", "abdulrahaman", "abdelrahmane", "cabdiraxmaan"],
        ["abdulaziz", "abdelaziz", "abdoulaziz", "abdulazeez", "abdelaziz", "abdiaziz"],
        ["abdulkarim", "abdelkarim", "abdoulkarim", "abdulkareem", "abdikarim"],
        ["seydou", "saidou", "seidou", "saydou"],
        ["said", "saeed", "sayed", "saied", "sayid", "sahid"],
        ["jibril", "djibril", "gibril", "jibrin", "jibreel", "jabril"],
        ["ismail", "ismael", "ismaila", "smail", "ismaili", "esmail"],
        ["yakubu", "yacouba", "yaqub", "yakub", "yacoub", "yaqoub", "jakub", "yaqoob"],
        ["daud", "dawud", "daouda", "dauda", "dawood", "daoud"],
        ["tijani", "tidiane", "tijjani", "tidjani"],
        ["sergei", "sergey", "serguei", "sergii", "serhiy", "sergej"],
        ["alexander", "aleksandr", "alexandre", "alexandr", "oleksandr", "aleksander", "alejandro", "alessandro"],
        ["yevgeny", "evgeny", "evgeniy", "yevgeniy", "evgenii", "jewgeni", "eugene"],
        ["dmitry", "dmitri", "dmitriy", "dmytro", "dmitrij"],
        ["yuri", "yury", "yuriy", "iouri", "jurij", "juri"],
        ["mikhail", "michail", "mykhailo", "mikhael"],
        ["vladimir", "wladimir", "volodymyr", "wolodymyr", "vladimer"],
        ["jean", "jan", "john", "juan", "joao", "giovanni", "johann", "johannes"],
        ["joseph", "josef", "jose", "giuseppe", "yosef"],
        ["peter", "pierre", "pedro", "pietro", "piotr", "petr", "pyotr"],
        ["paul", "pablo", "paolo", "pavel", "paulo"],
        // English hypocorisms: the short form a person goes by is often the one on a roster.
        ["benjamin", "ben", "benji", "benny"],
        ["theodore", "ted", "teddy", "theo"],
        ["william", "bill", "billy", "will", "willy", "wilhelm", "guillaume", "guillermo"],
        ["robert", "bob", "bobby", "rob", "robbie", "roberto"],
        ["richard", "rick", "ricky", "dick", "ricardo"],
        ["thomas", "tom", "tommy", "tomas"],
        ["james", "jim", "jimmy", "jamie"],
        ["michael", "mike", "mick", "mickey", "michel"],
        ["edward", "eddie", "ned", "eduardo", "edouard"],
        ["elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "elisabeth", "isabel"],
        ["katherine", "catherine", "kate", "katie", "kathy", "cathy", "ekaterina", "yekaterina", "katarina"],
        ["margaret", "maggie", "peggy", "meg", "margarita", "marguerite"],
    ]);

    /// <summary>
    /// The canonical spelling of <paramref name="word"/> (lower-case ASCII, as produced by
    /// <see cref="NameNormalizer"/>), or the word itself when it belongs to no family.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public static string CanonicalOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Canonical.TryGetValue(word, out var canonical) ? canonical : word;
    }

    /// <summary>Whether <paramref name="word"/> belongs to a family of the table.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public static bool IsKnown(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Canonical.ContainsKey(word);
    }

    /// <summary>
    /// Whether <paramref name="word"/> is one edit (a letter added, dropped or replaced) from a spelling of
    /// the table that starts with the same three letters: a mistyped known name (<c>abdoulayje</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public static bool IsNearKnown(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 4 || !ByPrefix.TryGetValue(word[..3], out var spellings))
        {
            return false;
        }
        foreach (var spelling in spellings)
        {
            if (Math.Abs(spelling.Length - word.Length) <= 1 && EditDistance.Distance(spelling, word) <= 1)
            {
                return true;
            }
        }
        return false;
    }

    // The spellings of the table by their first three letters, for IsNearKnown (about 500 words).
    private static readonly FrozenDictionary<string, string[]> ByPrefix = Canonical.Keys
        .Where(w => w.Length >= 4)
        .GroupBy(w => w[..3], StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Build(string[][] families)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            foreach (var spelling in family)
            {
                // A spelling listed twice keeps its first family: the table is read top-down.
                map.TryAdd(spelling, family[0]);
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
