using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// The status of a page shown again with a use case's refusal, as the API would answer it: a refused form is 400 (a
/// conflict 409, a refusal of the role 403), so that tools and tests can tell a refusal from a page shown as asked.
/// </summary>
public static class PageStatus
{
    public static int Of(Error error) => error switch
    {
        ValidationError => StatusCodes.Status400BadRequest,
        ForbiddenError => StatusCodes.Status403Forbidden,
        ConflictError => StatusCodes.Status409Conflict,
        NotFoundError => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}
