using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Vigil.Web.Platform;

/// <summary>A page that reports its own binding errors with the form filled in again (the filter leaves it alone).</summary>
public interface IReportsBindingErrors;

/// <summary>The fields a form post carried that could not be read, for <c>Pages/Shared/_FormError.cshtml</c>.</summary>
/// <param name="Fields">The form's field names, as posted.</param>
/// <param name="Back">The page the form was on (path only: no value goes into a URL).</param>
/// <param name="Handler">The page handler the form posted to ("Note", "Finding"; empty for the page's own), so that a field is
/// named by its label on that form where a term <c>field:{Handler}:{field}</c> gives one.</param>
public sealed record FormBindingErrors(IReadOnlyList<string> Fields, string Back, string Handler = "");

/// <summary>
/// Refuses a form post with a value the framework could not read (a blank or foreign-format date, a word for a number,
/// an option the form does not offer) before its handler runs, with 400 and the fields named. Without it the handler
/// sees the type's default and records it: a note verbale dated 0001-01-01, zero victims. The posted values are not
/// shown back or logged (they may be personal data); the browser's Back button still holds them.
/// </summary>
public sealed class FormBindingFilter(IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // A value holding U+0000 is refused on every page, even one that reports its own errors (NulGuard says why). Only a
        // form binding already read is looked at: reading one here would turn a body the framework refused into a 500.
        var nul = HttpMethods.IsPost(request.Method) && context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form
            ? form.Where(f => NulGuard.Holds(f.Key) || f.Value.Any(NulGuard.Holds)).Select(f => NulGuard.Holds(f.Key) ? "(a field name)" : f.Key).ToList()
            : [];
        if (nul.Count == 0 && (!HttpMethods.IsPost(request.Method) || context.ModelState.IsValid || context.HandlerInstance is IReportsBindingErrors))
        {
            await next();
            return;
        }
        var fields = context.ModelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid)
            // An empty key is the form itself, which the framework could not read (a %00 in a URL-encoded form, say).
            .Select(e => e.Key.Length == 0 ? "(the form as a whole)" : e.Key).Concat(nul).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        context.Result = new ViewResult
        {
            ViewName = "/Pages/Shared/_FormError.cshtml",
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<FormBindingErrors>(metadata, new ModelStateDictionary())
            {
                Model = new FormBindingErrors(fields, context.HttpContext.Request.PathBase + context.HttpContext.Request.Path, context.HandlerMethod?.Name ?? ""),
            },
        };
    }
}
