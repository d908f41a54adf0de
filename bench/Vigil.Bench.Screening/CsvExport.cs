using System.Text;

namespace Vigil.Bench.Screening;

/// <summary>Writes a synthetic set as the spec's registry and roster CSV files, to time `vigil screen` itself on them.</summary>
internal static class CsvExport
{
    public static void Run(SyntheticSet set, string directory)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using (var registry = new StreamWriter(Path.Combine(directory, "registry.csv"), false, utf8))
        {
            registry.WriteLine("record_id,full_name,aliases,date_of_birth,nationality,id_numbers,finding");
            foreach (var p in set.Registry)
            {
                registry.WriteLine($"{p.Id},{Quote(p.FullName)},{Quote(string.Join('|', p.Aliases))},{p.BirthDate},{p.Nationality},{Quote(string.Join('|', p.Identifiers))},substantiated");
            }
        }
        using var roster = new StreamWriter(Path.Combine(directory, "roster.csv"), false, utf8);
        roster.WriteLine("person_id,full_name,date_of_birth,nationality,id_numbers");
        foreach (var p in set.Roster)
        {
            roster.WriteLine($"{p.Id},{Quote(p.FullName)},{p.BirthDate},{p.Nationality},{Quote(string.Join('|', p.Identifiers))}");
        }
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
