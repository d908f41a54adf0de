using System.Text;

namespace Vigil.Core.Tests.Common;

/// <summary>The damage files suffer on their way (for the random-input tests of the file readers).</summary>
internal static class FileDamage
{
    /// <summary>How many kinds <see cref="Apply"/> knows.</summary>
    public const int Kinds = 8;

    /// <summary>One kind of damage: cut short, a byte changed (invalid UTF-8 included), bytes dropped, a line repeated, a quote or comma inserted, a BOM inside.</summary>
    public static byte[] Apply(byte[] bytes, int kind, int where)
    {
        var at = where % Math.Max(1, bytes.Length);
        var list = bytes.ToList();
        switch (kind)
        {
            case 0:
                return bytes[..at];
            case 1:
                list[at] = (byte)(where >> 8);
                break;
            case 2:
                list.RemoveRange(at, Math.Min(list.Count - at, 1 + ((where >> 8) % 40)));
                break;
            case 3:
                var lines = Encoding.UTF8.GetString(bytes).Split("\r\n").ToList();
                lines.Insert(1 + (where % Math.Max(1, lines.Count - 1)), lines[Math.Min(lines.Count - 1, 1 + ((where >> 8) % Math.Max(1, lines.Count - 1)))]);
                return Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
            case 4:
                list.Insert(at, (byte)'"');
                break;
            case 5:
                list.Insert(at, (byte)',');
                break;
            case 6:
                list.InsertRange(at, [0xEF, 0xBB, 0xBF]);
                break;
            default:
                list.InsertRange(at, [0xC3, 0x28, 0xFF]);
                break;
        }
        return [.. list];
    }

    /// <summary>Line breaks as CSV readers count them: CR LF, a lone CR or a lone LF.</summary>
    public static int LineBreaks(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length).Count(i => bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')));

}
