namespace Vigil.Tests.Infrastructure;

/// <summary>Values of the kinds that break parsers and handlers, for the random-input tests of the API and the forms.</summary>
public static class RandomValues
{
    /// <summary>Empty, blank, overlong, impossible dates, overflowing and negative numbers, other scripts, markup, control characters.</summary>
    public static string Scalar(Random draw) => draw.Next(15) switch
    {
        0 => "",
        1 => "   ",
        2 => new string('x', 25_000),
        3 => "2026-02-30",
        4 => "9999-99-99",
        5 => "-5",
        6 => "99999999999999999999",
        7 => "محمد عبد الرحمن",
        8 => "<script>alert(1)</script>",
        9 => "MINUSCA",
        10 => "substantiated",
        11 => "1.5",
        12 => "\u0000\u202E",
        13 => "\u202E\u0001",
        _ => "x",
    };
}
