namespace Vigil.Core.Common;

/// <summary>
/// A value in a message that has a label of its own: the API and the CLI write its wire token (<see cref="Text"/>), a page
/// its label in the reader's language (the resource <see cref="Key"/>, such as <c>type:Rape</c>), so that a French page
/// does not say "rape n'est pas un type de sexual-exploitation".
/// </summary>
public sealed record Term(string Key, string Text)
{
    public override string ToString() => Text;
}
