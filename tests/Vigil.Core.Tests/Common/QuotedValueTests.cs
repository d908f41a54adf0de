using Vigil.Core.Common;

namespace Vigil.Core.Tests.Common;

/// <summary>The one way a typed value is quoted back (the CLI's option errors, the web lists' page notice).</summary>
public sealed class QuotedValueTests
{
    [Theory]
    [InlineData("abc", 5, "abc")]
    [InlineData("abcde", 5, "abcde")]
    [InlineData("abcdef", 5, "abcde…")]
    [InlineData("a\u001b[2Jb", 10, "a?[2Jb")]
    [InlineData("line\nforged", 20, "line?forged")]
    [InlineData("", 5, "")]
    // A surrogate pair is never cut in half: the high surrogate at the edge goes with it.
    [InlineData("abcd\U0001F600", 5, "abcd…")]
    [InlineData("abc\U0001F600", 5, "abc\U0001F600")]
    public void Shown_ReplacesControlCharacters_AndCutsWithoutSplittingAPair(string text, int max, string expected) =>
        Assert.Equal(expected, QuotedValue.Shown(text, max));
}
