using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Vigil.Tests;

/// <summary>
/// Every text a page asks the localiser for by a literal key is translated: a key missing from the French resources shows
/// English to a French user, and a key of the "prefix:value" form missing from either shows the raw key (finding:barred).
/// </summary>
public sealed partial class PageTextTests
{
    [Fact]
    public void EveryLiteralKeyOnAPage_IsInTheFrenchResources_AndEveryPrefixedKeyInTheEnglishToo()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vigil.slnx")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var src = Path.Combine(root.FullName, "src", "Vigil");
        static HashSet<string> Names(string path) =>
            [.. XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
        var english = Names(Path.Combine(src, "Resources", "SharedResource.resx"));
        var french = Names(Path.Combine(src, "Resources", "SharedResource.fr.resx"));
        var missing = new List<string>();
        var pages = Directory.GetFiles(Path.Combine(src, "Pages"), "*.cshtml", SearchOption.AllDirectories);
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            foreach (Match m in LiteralKey().Matches(File.ReadAllText(page)))
            {
                var key = m.Groups[1].Value;
                if (!french.Contains(key) || (PrefixedKey().IsMatch(key) && !english.Contains(key)))
                {
                    missing.Add($"{Path.GetRelativePath(src, page)}: {key}");
                }
            }
        }
        Assert.Empty(missing);
    }

    // T["key"], and T.Label("key") (the term with its colon, Typography.Label).
    [GeneratedRegex("""T(?:\[|\.Label\()"([^"]+)"[\])]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("^[a-z-]+:[A-Za-z-]+$")]
    private static partial Regex PrefixedKey();
}
