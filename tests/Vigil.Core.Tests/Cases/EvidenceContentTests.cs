using System.IO.Compression;
using System.Text;
using Vigil.Core.Cases;

namespace Vigil.Core.Tests.Cases;

public sealed class EvidenceContentTests
{
    public static TheoryData<string, byte[], string?> Samples => new()
    {
        { "pdf", "%PDF-1.7\n%synthetic"u8.ToArray(), "application/pdf" },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], "image/jpeg" },
        { "png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { "mp4", IsoMedia("isom"), "video/mp4" },
        { "m4a", IsoMedia("M4A "), "audio/mp4" },
        { "heic", IsoMedia("heic"), "image/heic" },
        { "mov", IsoMedia("qt  "), "video/quicktime" },
        { "unknown ftyp brand", IsoMedia("zzzz"), null },
        { "wav", "RIFF\u0024\0\0\0WAVEfmt "u8.ToArray(), "audio/wav" },
        { "mp3 with tag", "ID3\u0004\0\0\0\0\0\0"u8.ToArray(), "audio/mpeg" },
        { "ogg", "OggS\0\u0002"u8.ToArray(), "audio/ogg" },
        { "text", "Statement of the focal point, page 1.\r\nSigned."u8.ToArray(), "text/plain; charset=utf-8" },
        { "text with BOM, accents, Arabic", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Déclaration — إفادة\n")], "text/plain; charset=utf-8" },
        { "docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "odt", Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")), "application/vnd.oasis.opendocument.text" },
        { "docm (macros)", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "VBA")), null },
        { "other zip", Zip(("payload.exe", "MZ")), null },
        { "truncated zip", "PK\u0003\u0004\u0014\0\0\0"u8.ToArray(), null },
        { "windows executable", "MZ\u0090\0\u0003\0\0\0"u8.ToArray(), null },
        { "elf executable", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], null },
        { "legacy office (OLE)", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], null },
        { "html", "<!DOCTYPE html><script>alert(1)</script>"u8.ToArray(), null },
        { "svg", "  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), null },
        { "shell script", "#!/bin/sh\nrm -rf /\n"u8.ToArray(), null },
        { "binary with NUL", "abc\0def"u8.ToArray(), null },
        { "invalid UTF-8", [(byte)'a', 0xC3, 0x28], null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_JudgesByBytes(string kind, byte[] bytes, string? expected) =>
        Assert.True(expected == EvidenceContent.Detect(bytes), $"{kind}: expected {expected ?? "refused"}, got {EvidenceContent.Detect(bytes) ?? "refused"}");

    private static byte[] IsoMedia(string brand) => [0, 0, 0, 0x18, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0];

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    [Theory]
    [InlineData(@"C:\Users\someone\Documents\statement.pdf", "statement.pdf")]
    [InlineData("/home/someone/photo.jpg", "photo.jpg")]
    [InlineData("statement.pdf", "statement.pdf")]
    [InlineData(@"..\..\x.txt", "x.txt")]
    public void EvidenceName_KeepsTheFileName_NotTheUploadersFolders(string sent, string kept) =>
        Assert.Equal(kept, CaseEvidence.BareName(sent));
}
