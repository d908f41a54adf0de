namespace Vigil.Web.Platform;

/// <summary>Lists typed in one form field ("fr, sg" or "fr sg"), as the pages take codes.</summary>
public static class FormLists
{
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ';', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
