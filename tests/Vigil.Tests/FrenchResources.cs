using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Vigil.Tests;

/// <summary>The app's own string resources, read as a page in French reads them.</summary>
internal static class FrenchResources
{
    public static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    /// <summary>Runs <paramref name="say"/> with French as the current culture (formats and resources), then restores it.</summary>
    public static string Say(Func<IStringLocalizer, string> say)
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");
        try
        {
            return say(Localizer());
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
