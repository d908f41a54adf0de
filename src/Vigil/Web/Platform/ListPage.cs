using System.Globalization;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// The page a web list page was asked for, read from its page number as typed in the query string (or a
/// pager form). The JSON API answers 400 for a page out of range (<see cref="Paging.Check"/>); a person who
/// followed an old link or edited the address gets page 1 with a short notice naming the value instead,
/// as mature list pages do. Never a 500, never page 1's rows labelled with another number. A page past
/// the last one is valid and empty, as in the API, and the notice says where the last page is.
/// One helper for every web list (cases, personnel, audit log, adjudication queue, registry).
/// </summary>
public sealed record ListPage
{
    /// <summary>The longest value quoted back in the notice; longer ones are cut, with "…".</summary>
    private const int MaxShown = 20;

    private ListPage(int number, string? refused) => (Number, Refused) = (number, refused);

    /// <summary>The page to show, from 1: the page asked for, or 1 when the value was not a page number.</summary>
    public int Number { get; }

    /// <summary>
    /// The value as typed (control characters as '?', at most <see cref="MaxShown"/> characters) when it was not a
    /// page number: 0, negative, a word, a number too large for a page. Null when it was one, or when none was given.
    /// </summary>
    public string? Refused { get; }

    /// <summary>Reads a page number: absent or blank is page 1; digits only, from 1 to <see cref="int.MaxValue"/>.</summary>
    public static ListPage Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(1, null);
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? new(number, null)
            : new(1, Shown(text));
    }

    /// <summary>
    /// What to tell the reader above the list, or null when the page is simply the one asked for.
    /// <paramref name="shown"/> is the number of rows on this page; <paramref name="firstPage"/> a link to page 1 with the same filters.
    /// </summary>
    public PageNotice? Notice(int total, int pageSize, int shown, string firstPage)
    {
        if (Refused is not null)
        {
            return new PageNotice(Refused, Number, null, firstPage);
        }
        if (shown == 0 && Number > 1)
        {
            var last = (int)Math.Max(1, ((long)total + pageSize - 1) / pageSize);
            return new PageNotice(null, Number, last, firstPage);
        }
        return null;
    }

    private static string Shown(string text) => QuotedValue.Shown(text, MaxShown);
}

/// <summary>The notice above a web list (<c>Pages/Shared/_PageNotice.cshtml</c>).</summary>
/// <param name="Refused">The page value that was not a page number (page 1 is shown instead); null for a page past the last.</param>
/// <param name="Number">The page shown: 1 when refused, else the page asked for.</param>
/// <param name="LastPage">For a page past the last: the last page that has rows (1 for an empty list).</param>
/// <param name="FirstPage">A link to page 1 with the same filters.</param>
public sealed record PageNotice(string? Refused, int Number, int? LastPage, string FirstPage);
