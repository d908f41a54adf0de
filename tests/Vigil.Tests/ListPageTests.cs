using Vigil.Web.Platform;

namespace Vigil.Tests;

/// <summary>The page number of a web list as typed (ListPage): what is a page, what is named back, and when a notice shows.</summary>
public sealed class ListPageTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("  ", 1)]
    [InlineData("1", 1)]
    [InlineData("7", 7)]
    [InlineData("007", 7)]
    [InlineData("2147483647", int.MaxValue)]
    public void Read_APageNumber_IsThatPage_WithNothingRefused(string? text, int number)
    {
        var page = ListPage.Read(text);
        Assert.Equal(number, page.Number);
        Assert.Null(page.Refused);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-1", "-1")]
    [InlineData("+2", "+2")]
    [InlineData("abc", "abc")]
    [InlineData("1.5", "1.5")]
    [InlineData("2147483648", "2147483648")]
    [InlineData("99999999999999999999999", "99999999999999999999…")]
    [InlineData("a\u001bb\r\n", "a?b??")]
    public void Read_NotAPageNumber_IsPageOne_NamingTheValue_Shortened(string text, string refused)
    {
        var page = ListPage.Read(text);
        Assert.Equal(1, page.Number);
        Assert.Equal(refused, page.Refused);
        Assert.Equal(new PageNotice(refused, 1, null, "/x?page=1"), page.Notice(total: 120, pageSize: 50, shown: 50, "/x?page=1"));
    }

    [Theory]
    // A page with rows, or page 1 of an empty list: nothing to say.
    [InlineData("2", 120, 50, 50, null)]
    [InlineData("3", 120, 50, 20, null)]
    [InlineData(null, 0, 50, 0, null)]
    // Past the last page: where the last page is (1 for an empty list).
    [InlineData("4", 120, 50, 0, 3)]
    [InlineData("2", 0, 50, 0, 1)]
    [InlineData("2147483647", int.MaxValue, 200, 0, 10737419)]
    public void Notice_PastTheLastPage_NamesTheLastPage(string? text, int total, int pageSize, int shown, int? last)
    {
        var notice = ListPage.Read(text).Notice(total, pageSize, shown, "/x");
        Assert.Equal(last, notice?.LastPage);
        Assert.Null(notice?.Refused);
    }
}
