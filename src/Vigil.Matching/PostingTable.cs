namespace Vigil.Matching;

/// <summary>
/// The blocking keys of a registry and, for each, the records that hold it: one open-addressing
/// table of 64-bit keys over a single array of record numbers (compressed rows), built in two
/// passes over the keys. A screening run builds it once for tens of thousands of records holding
/// over two million key occurrences; a dictionary of lists would allocate one list per key.
/// </summary>
/// <remarks>
/// A key, its first record and its count share one 16-byte entry, so a lookup costs one cache line
/// before the records themselves; the table is sized by the distinct keys (50,000 records: about
/// 310,000 distinct keys in 2.2 million occurrences), growing as it fills, not by the occurrences.
/// Sized by the occurrences with the four fields in separate arrays, it zeroed 180 MB per build and
/// missed the cache three or four times per lookup.
/// </remarks>
internal sealed class PostingTable
{
    private Entry[] _entries;
    private int _mask;
    private int _distinct;
    private readonly int[] _records;

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
        // A first guess of the distinct keys (names share most of theirs); the table doubles when half full.
        var capacity = 16;
        while (capacity < occurrences / 4)
        {
            capacity <<= 1;
        }
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        // Pass 1: the number of records per key.
        foreach (var keys in perRecord)
        {
            foreach (var key in keys)
            {
                // Not `_entries[Insert(key)]`: the array would be read before Insert grows it.
                var slot = Insert(key);
                _entries[slot].Count++;
            }
        }
        // Each key's range ends where the next begins; pass 2 fills each range from its end.
        var end = 0;
        for (var s = 0; s < _entries.Length; s++)
        {
            end += _entries[s].Count;
            _entries[s].Start = end;
        }
        _records = new int[occurrences];
        // Pass 2: records in reverse order, each placed just before the last one placed, so that each
        // key's records end up in record order and Start ends at the range's first.
        for (var r = perRecord.Length - 1; r >= 0; r--)
        {
            foreach (var key in perRecord[r])
            {
                ref var entry = ref _entries[Find(key)];
                _records[--entry.Start] = r;
            }
        }
    }

    /// <summary>The records holding <paramref name="key"/>, in record order; empty when none does.</summary>
    public ReadOnlySpan<int> this[ulong key]
    {
        get
        {
            var slot = Find(key);
            if (slot < 0)
            {
                return [];
            }
            var entry = _entries[slot];
            return _records.AsSpan(entry.Start, entry.Count);
        }
    }

    /// <summary>The slot of <paramref name="key"/> (linear probing from its mixed hash), or −1 when absent.</summary>
    private int Find(ulong key)
    {
        var slot = Home(key, _mask);
        while (_entries[slot].Count != 0)
        {
            if (_entries[slot].Key == key)
            {
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
        return -1;
    }

    /// <summary>The slot of <paramref name="key"/>, claimed when absent (the caller raises its count at once).</summary>
    private int Insert(ulong key)
    {
        while (true)
        {
            var slot = Home(key, _mask);
            while (_entries[slot].Count != 0)
            {
                if (_entries[slot].Key == key)
                {
                    return slot;
                }
                slot = (slot + 1) & _mask;
            }
            // At most half full, so that probes stay short; a new key past that grows the table and probes again.
            if ((_distinct + 1) * 2 <= _entries.Length)
            {
                _distinct++;
                _entries[slot].Key = key;
                return slot;
            }
            Grow();
        }
    }

    /// <summary>Doubles the table (only while counting, before any range is laid out).</summary>
    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Count != 0)
            {
                var slot = Home(entry.Key, _mask);
                while (_entries[slot].Count != 0)
                {
                    slot = (slot + 1) & _mask;
                }
                _entries[slot] = entry;
            }
        }
    }

    /// <summary>The keys are FNV hashes already; one multiply spreads their low bits.</summary>
    private static int Home(ulong key, int mask) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    /// <summary>A key, where its records start in the record array, and how many there are (0: an empty slot).</summary>
    private struct Entry
    {
        public ulong Key;
        public int Start;
        public int Count;
    }
}
