using Microsoft.Playwright;

namespace Vigil.EndToEnd;

/// <summary>
/// Waiting for the page a click leads to. Reading the page straight after a click, or
/// <c>WaitForLoadStateAsync</c> (which needs the navigation already committed), can see the old page or hang
/// when the new one's DOMContentLoaded slips past: a walk-through timed out that way once under CI's load.
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
