namespace Vigil.Core.Import;

/// <summary>Collects errors in the order found; keeps the first <c>limit</c> and counts the rest.</summary>
internal sealed class ImportErrors(int limit)
{
    private readonly List<ImportError> _kept = [];

    public int Count { get; private set; }

    public IReadOnlyList<ImportError> Kept => _kept;

    public void Add(ImportError error)
    {
        Count++;
        if (_kept.Count < limit)
        {
            _kept.Add(error);
        }
    }
}
