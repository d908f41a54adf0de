using System.Globalization;
using Vigil.Core.Common;

namespace Vigil.Core.Tests.Common;

/// <summary>Messages kept as a format and values: the English text is what an interpolated string wrote; the format is the resource key.</summary>
public sealed class WordsTests
{
    [Fact]
    public void AnInterpolatedString_KeepsItsFormatAndValues()
    {
        var from = new DateOnly(2027, 2, 1);
        Words w = $"{"CDO-0042"} already has leave from {from:yyyy-MM-dd}, {3,4} days.";
        Assert.Equal("{0} already has leave from {1:yyyy-MM-dd}, {2,4} days.", w.Format);
        Assert.Equal(["CDO-0042", from, 3], w.Values);
        Assert.Equal("CDO-0042 already has leave from 2027-02-01,    3 days.", w.ToString());
    }

    [Fact]
    public void Braces_AreEscapedInTheFormat_AndWrittenOnceInTheText()
    {
        Words w = $"a {{literal}} and {7}";
        Assert.Equal("a {{literal}} and {0}", w.Format);
        Assert.Equal("a {literal} and 7", w.ToString());
        Words plain = "no {values} here";
        Assert.Equal("no {{values}} here", plain.Format);
        Assert.Empty(plain.Values);
        Assert.Equal("no {values} here", plain.ToString());
    }

    [Fact]
    public void TheEnglishText_IsWrittenInTheInvariantCulture_WhateverTheThreadsCulture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Words w = $"{1234567:N0} and {0.5}";
            Assert.Equal("1,234,567 and 0.5", w.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Errors_KeepTheFormatOfAnInterpolatedMessage_AndTheSameMessageAsBefore()
    {
        var code = "CDO-0042";
        var conflict = new ConflictError($"{code} is busy.");
        Assert.Equal("CDO-0042 is busy.", conflict.Message);
        Assert.Equal("{0} is busy.", conflict.Text.Format);
        Assert.Equal(new ConflictError($"{code} is busy."), conflict);

        var plain = new ForbiddenError("Only the conduct chief records leave.");
        Assert.Equal("Only the conduct chief records leave.", plain.Text.Format);
        Assert.Empty(plain.Text.Values);

        var missing = new NotFoundError();
        Assert.Equal("Not found.", missing.Text.ToString());
    }

    [Fact]
    public void ValidationErrors_KeepTheFormatOfEachFieldsMessage()
    {
        var days = 366;
        var one = ValidationError.For("to", $"At most {days} days at once.");
        Assert.Equal(["At most 366 days at once."], one.Fields["to"]);
        Assert.Equal("At most {0} days at once.", one.FieldText["to"][0].Format);

        // A conditional between two interpolated strings is a string unless each branch is cast: the cast keeps the format.
        var some = true;
        var many = new ValidationError(new Dictionary<string, Words[]>
        {
            ["from"] = [some ? (Words)$"{days} first" : (Words)$"{days} second"],
            ["note"] = ["plain"],
        });
        Assert.Equal("{0} first", many.FieldText["from"][0].Format);
        Assert.Equal(["366 first"], many.Fields["from"]);
        Assert.Equal("from: 366 first note: plain", many.Describe());

        // So does a switch whose arms are interpolated strings and messages: each arm converts to Words as written.
        var list = new List<Words>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            list.Add(n switch
            {
                1 => $"one {n}",
                2 => $"two {n}",
                _ => Words.FromText("other"),
            });
        }
        Assert.Equal(["one {0}", "two {0}", "other"], list.Select(w => w.Format));
        var joined = Words.Join("; ", list);
        Assert.Equal("{0}; {1}; {2}", joined.Format);
        Assert.Equal("one 1; two 2; other", joined.ToString());

        var fromText = new ValidationError(new Dictionary<string, string[]> { ["x"] = ["as {written}"] });
        Assert.Equal("as {written}", fromText.FieldText["x"][0].ToString());
    }
}
