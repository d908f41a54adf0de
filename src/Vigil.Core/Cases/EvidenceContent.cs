using System.IO.Compression;
using System.Text;

namespace Vigil.Core.Cases;

/// <summary>
/// What an evidence file is, judged by its bytes (magic numbers), never by the name or the type the
/// client declared. Only documents, pictures, audio and video that investigators need are accepted;
/// anything that can carry code is refused: executables, scripts, HTML and SVG (which a browser would
/// run), legacy Office files and macro-enabled Open XML (VBA), and any other ZIP archive.
/// </summary>
public static class EvidenceContent
{
    /// <summary>The accepted kinds, in words, for error messages.</summary>
    public const string Accepted = "PDF, JPEG, PNG, HEIC, plain text (UTF-8), MP4/MOV video, M4A/MP3/WAV/OGG audio, DOCX, XLSX, ODT or ODS";

    private const int OdfMimeTypeMaxLength = 100;
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngStart => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The content type the bytes prove, or null when they match none of the accepted kinds.</summary>
    public static string? Detect(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var b = bytes.AsSpan();
        if (b.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (b.StartsWith(JpegStart))
        {
            return "image/jpeg";
        }
        if (b.StartsWith(PngStart))
        {
            return "image/png";
        }
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoMediaType(Encoding.ASCII.GetString(b[8..12]));
        }
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }
        if (b.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }
        if (b.StartsWith("ID3"u8) || (b.Length >= 2 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0))
        {
            return "audio/mpeg";
        }
        if (b.StartsWith("PK\u0003\u0004"u8))
        {
            return OfficeDocumentType(bytes);
        }
        return IsPlainText(b) ? "text/plain; charset=utf-8" : null;
    }

    /// <summary>ISO base media files (MP4 family) by their major brand.</summary>
    private static string? IsoMediaType(string brand) => brand switch
    {
        "M4A " or "M4B " => "audio/mp4",
        "heic" or "heix" or "mif1" or "msf1" => "image/heic",
        "qt  " => "video/quicktime",
        "isom" or "iso2" or "mp41" or "mp42" or "avc1" or "M4V " or "MSNV" or "dash" => "video/mp4",
        _ when brand.StartsWith("3gp", StringComparison.Ordinal) => "video/3gpp",
        _ => null,
    };

    /// <summary>Open XML and OpenDocument text and spreadsheets: ZIP containers whose entries say what they are.</summary>
    private static string? OfficeDocumentType(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null; // macro-enabled, whatever the name says
            }
            if (names.Contains("[Content_Types].xml") && names.Contains("word/document.xml"))
            {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            if (names.Contains("[Content_Types].xml") && names.Contains("xl/workbook.xml"))
            {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            if (zip.GetEntry("mimetype") is { Length: > 0 and <= OdfMimeTypeMaxLength } entry)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() switch
                {
                    "application/vnd.oasis.opendocument.text" => "application/vnd.oasis.opendocument.text",
                    "application/vnd.oasis.opendocument.spreadsheet" => "application/vnd.oasis.opendocument.spreadsheet",
                    _ => null,
                };
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Valid UTF-8 (a byte-order mark allowed) with no control characters but tab, line breaks and form feed; and not markup a browser would render.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith(Utf8Bom))
        {
            b = b[3..];
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(b);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')))
        {
            return false;
        }
        var start = text.TrimStart();
        return !start.StartsWith('<') && !start.StartsWith("#!", StringComparison.Ordinal);
    }
}
