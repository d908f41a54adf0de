namespace Vigil.Matching;

/// <summary>
/// A registry record that may be the screened person, for an officer to adjudicate. Immutable.
/// </summary>
/// <param name="PersonId">The roster person's identifier.</param>
/// <param name="RecordId">The registry record's identifier.</param>
/// <param name="Score">In [0, 1]: the engine's confidence that both are the same person (see <see cref="CandidateScorer"/>).</param>
/// <param name="Reasons">What agreed and what differed, in words.</param>
/// <param name="Name">The comparison of the best-matching pair of names (primary or alias).</param>
/// <param name="BirthDate">How the dates of birth relate.</param>
/// <param name="NationalityAgrees">True or false when both nationalities are known, else null.</param>
/// <param name="IdentifierMatched">Whether an identifier of one equals an identifier of the other.</param>
public sealed record ScreeningCandidate(
    string PersonId,
    string RecordId,
    double Score,
    string Reasons,
    NameComparison Name,
    BirthDateAgreement BirthDate,
    bool? NationalityAgrees,
    bool IdentifierMatched);
