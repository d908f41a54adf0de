using Microsoft.Extensions.Localization;

[assembly: RootNamespace("Vigil")]

namespace Vigil;

/// <summary>Anchor for the UI strings in Resources/SharedResource*.resx (English is the neutral language).</summary>
public sealed class SharedResource;
