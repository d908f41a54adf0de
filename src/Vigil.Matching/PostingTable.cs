namespace Vigil.Matching;

/// <summary>
/// The blocking keys of a registry and, for each, the records that hold it: one open-addressing
/// table of 64-bit keys over a single array of record numbers (compressed rows), built in two
/// passes over the keys. A screening run builds it once for tens of thousands of records holding
/// over a million keys; a dictionary of lists would allocate one list per key.
/// </summary>
internal sealed class PostingTable
{
    private readonly ulong[] _keys;
    private readonly bool[] _used;
    private readonly int[] _start;
    private readonly int[] _records;
    private readonly int _mask;

    /// <summary>Builds the table; <paramref name="keysOf"/> lists each record's keys (a key once per record).</summary>
    public PostingTable(int recordCount, Func<int, ulong[]> keysOf)
    {
        var perRecord = new ulong[recordCount][];
        Parallel.For(0, recordCount, r => perRecord[r] = keysOf(r));
        long occurrences = 0;
        foreach (var keys in perRecord)
        {
            occurrences += keys.Length;
        }
        var capacity = 16;
        while (capacity < occurrences * 2)
        {
            capacity <<= 1;
        }
        _keys = new ulong[capacity];
        _used = new bool[capacity];
        _mask = capacity - 1;
        // Pass 1: the number of records per key (in _start, shifted by one slot for the prefix sum).
        var counts = new int[capacity];
        foreach (var keys in perRecord)
        {
            foreach (var key in keys)
            {
                counts[Slot(key, insert: true)]++;
            }
        }
        _start = new int[capacity + 1];
        for (var s = 0; s < capacity; s++)
        {
            _start[s + 1] = _start[s] + counts[s];
        }
        // Pass 2: the record numbers, in record order within each key.
        _records = new int[occurrences];
        Array.Clear(counts);
        for (var r = 0; r < perRecord.Length; r++)
        {
            foreach (var key in perRecord[r])
            {
                var slot = Slot(key, insert: false);
                _records[_start[slot] + counts[slot]++] = r;
            }
        }
    }

    /// <summary>The records holding <paramref name="key"/>, in record order; empty when none does.</summary>
    public ReadOnlySpan<int> this[ulong key]
    {
        get
        {
            var slot = Slot(key, insert: false);
            return slot < 0 ? [] : _records.AsSpan(_start[slot], _start[slot + 1] - _start[slot]);
        }
    }

    /// <summary>The slot of <paramref name="key"/> (linear probing from its mixed hash), or −1 when absent and not inserting.</summary>
    private int Slot(ulong key, bool insert)
    {
        // The keys are FNV hashes already; one multiply spreads their low bits.
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & _mask;
        while (_used[slot])
        {
            if (_keys[slot] == key)
            {
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
        if (!insert)
        {
            return -1;
        }
        _used[slot] = true;
        _keys[slot] = key;
        return slot;
    }
}
