using System.Globalization;
using Vigil.Bench.Screening;

// Usage: dotnet run -c Release --project bench/Vigil.Bench.Screening -- [quality|scale|postgres|all] [--data DIR] [--roster N] [--registry N] [--threads N] [--misses]
var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "quality";
string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
var data = Option("--data", FindDataDirectory());
var rosterSize = int.Parse(Option("--roster", "100000"), CultureInfo.InvariantCulture);
var registrySize = int.Parse(Option("--registry", "50000"), CultureInfo.InvariantCulture);
var threads = int.Parse(Option("--threads", "2"), CultureInfo.InvariantCulture);
var misses = args.Contains("--misses");
var output = Console.Out;

if (mode is "quality" or "all")
{
    output.WriteLine(Metrics.Header);
    Quality.OpenSanctions(data, output);
    Quality.SyntheticSet(registrySize: 5000, rosterSize: 10000, seed: 7, output, misses);
    output.WriteLine();
    Quality.ArabicToEnglish(data, output, misses);
}
if (mode is "dump")
{
    Dump.Run(int.Parse(Option("--registry", "5000"), CultureInfo.InvariantCulture), int.Parse(Option("--roster", "10000"), CultureInfo.InvariantCulture), int.Parse(Option("--seed", "3"), CultureInfo.InvariantCulture),
        double.Parse(Option("--share", "0.05"), CultureInfo.InvariantCulture), double.Parse(Option("--threshold", "0"), CultureInfo.InvariantCulture), Option("--out", "candidates.csv"));
}
if (mode is "timing")
{
    Timing.Run(output);
}
if (mode is "errors")
{
    Quality.OpenSanctionsErrors(data, double.Parse(Option("--threshold", "0.65"), CultureInfo.InvariantCulture), int.Parse(Option("--half", "0"), CultureInfo.InvariantCulture), output);
}
if (mode is "explain")
{
    // explain "NAME 1" "NAME 2": the parts, keys and comparison, for tuning.
    foreach (var text in args[1..3])
    {
        var parsed = Vigil.Matching.PersonName.Parse(text);
        output.WriteLine($"{text}: {string.Join("  ", parsed.Parts.Select(p => $"{p.Surface}={p.Normalized}/{p.Canonical}/{p.Key}/{p.Stem}"))}");
    }
    output.WriteLine(new Vigil.Matching.NameComparer(Vigil.Matching.NamePartFrequencies.Uniform).Compare(Vigil.Matching.PersonName.Parse(args[1]), Vigil.Matching.PersonName.Parse(args[2])).Describe());
    var found = Vigil.Matching.Screener.Screen([new Vigil.Matching.ScreeningSubject("P", args[1])], [new Vigil.Matching.ScreeningSubject("R", args[2])], new Vigil.Matching.ScreeningOptions { Threshold = 0 });
    output.WriteLine(found.Count == 0 ? "not a candidate" : $"{found[0].Score:0.000} {found[0].Reasons}");
}
if (mode is "scale" or "all")
{
    Scale.Run(rosterSize, registrySize, threads, output);
}
if (mode is "postgres" or "all")
{
    await PostgresBaseline.RunAsync(Option("--pg-roster", "2000"), registrySize, output);
}
return 0;

// ../shared/data/names relative to the repository root (the data are read in place, never copied).
static string FindDataDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "names"));
        }
    }
    return Path.GetFullPath(Path.Combine("..", "shared", "data", "names"));
}
