using Microsoft.Playwright;

namespace Vigil.EndToEnd;

/// <summary>Debian's Chromium, headless: Playwright cannot download its own browser here.</summary>
internal static class Chromium
{
    private const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Skips the test on a developer machine without Chromium; under CI=true a missing browser fails it.</summary>
    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true but {ExecutablePath} is missing: browser tests must run in CI (.ci/run installs chromium).");
        }
        Assert.Skip($"Chromium is not installed at {ExecutablePath} (apt-get install chromium).");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}
