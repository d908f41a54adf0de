namespace Vigil.Core.Import;

/// <summary>
/// The kinds of reference-data file that <see cref="ReferenceImporter"/> reads, in the order they are
/// imported: each kind may refer to rows of the kinds before it.
/// </summary>
public enum ImportKind
{
    Missions,
    Sites,
    Contingents,
    Personnel,
    Officers,
    Officials,
}

public static class ImportKinds
{
    /// <summary>The conventional file name, e.g. <c>missions.csv</c>; also the name of the CLI option without dashes.</summary>
    public static string DefaultFileName(this ImportKind kind) => kind switch
    {
        ImportKind.Missions => "missions.csv",
        ImportKind.Sites => "sites.csv",
        ImportKind.Contingents => "contingents.csv",
        ImportKind.Personnel => "personnel.csv",
        ImportKind.Officers => "officers.csv",
        ImportKind.Officials => "officials.csv",
    };
}
