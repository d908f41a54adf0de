namespace Vigil.Matching.Tests;

public sealed class PostingTableTests
{
    /// <summary>
    /// Against a dictionary of lists, on key sets that make the table grow while it counts (a first
    /// version read the array before growing it and failed on a one-record registry) and on keys that
    /// share a home slot; every key's records in record order, absent keys empty.
    /// </summary>
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 3)]
    [InlineData(1, 40, 1)]
    [InlineData(7, 5, 11)]
    [InlineData(300, 20, 50)]
    [InlineData(5000, 30, 4000)]
    public void Lookup_ListsEachKeysRecordsInRecordOrder_AsADictionaryWould(int records, int keysPerRecord, int distinctKeys)
    {
        var random = new Random(records * 31 + keysPerRecord);
        // Keys that differ only in high bits share a home slot after the mixing multiply often enough to exercise probing.
        ulong KeyOf(int k) => ((ulong)(uint)k << 40) | (uint)(k % 7);
        var keysOf = new ulong[records][];
        var expected = new Dictionary<ulong, List<int>>();
        for (var r = 0; r < records; r++)
        {
            keysOf[r] = [.. Enumerable.Range(0, keysPerRecord).Select(_ => KeyOf(random.Next(distinctKeys))).Distinct()];
            foreach (var key in keysOf[r])
            {
                if (!expected.TryGetValue(key, out var list))
                {
                    expected[key] = list = [];
                }
                list.Add(r);
            }
        }

        var table = new PostingTable(records, r => keysOf[r]);

        foreach (var (key, list) in expected)
        {
            Assert.Equal(list, table[key].ToArray());
        }
        Assert.True(table[KeyOf(distinctKeys + 1)].IsEmpty);
        Assert.True(table[0xDEADBEEF].IsEmpty);
    }
}
