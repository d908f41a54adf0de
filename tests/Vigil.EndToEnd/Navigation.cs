using Microsoft.Playwright;

namespace Vigil.EndToEnd;

/// <summary>
/// Waiting for the page a click leads to. Reading the page straight after a click sees the old page. The .NET
/// client's own load-state waits (<c>WaitForLoadStateAsync</c>, and <c>WaitForURLAsync</c> once the URL matches)
/// check their list of fired events, then subscribe: an event that lands between the two is missed and the wait
/// runs out its timeout. Two walk-throughs timed out that way under CI's load. So the tests wait here, in the page,
/// and check URLs with <c>Expect(page).ToHaveURLAsync</c>, which polls.
/// </summary>
internal static class Navigation
{
    private const string Mark = "__vigilLeft";

    /// <summary>Clicks and returns once another document has replaced this one and its DOM is ready.</summary>
    public static async Task ClickAndWaitAsync(this IPage page, ILocator target)
    {
        await page.EvaluateAsync($"() => {{ window.{Mark} = true; }}");
        await target.ClickAsync();
        // Polled in whichever document is current, through the navigation: true once the marked one is gone.
        await page.WaitForFunctionAsync($"() => window.{Mark} !== true && document.readyState !== 'loading'");
    }

    /// <inheritdoc cref="ClickAndWaitAsync(IPage, ILocator)"/>
    public static Task ClickAndWaitAsync(this IPage page, string selector) => page.ClickAndWaitAsync(page.Locator(selector));
}
