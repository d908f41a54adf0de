using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Personnel;

namespace Vigil.Pages.Personnel;

public sealed class DetailModel(PersonnelQueries queries, CallerScope scope) : PageModel
{
    public PersonDetail Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var result = await queries.GetAsync(scope, id, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }
        Person = result.Value!;
        return Page();
    }
}
