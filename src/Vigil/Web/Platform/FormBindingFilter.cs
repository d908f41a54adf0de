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
public sealed record FormBindingErrors(IReadOnlyList<string> Fields, string Back);

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
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method) || context.ModelState.IsValid || context.HandlerInstance is IReportsBindingErrors)
        {
            await next();
            return;
        }
        var fields = context.ModelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid)
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        context.Result = new ViewResult
        {
            ViewName = "/Pages/Shared/_FormError.cshtml",
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<FormBindingErrors>(metadata, new ModelStateDictionary())
            {
                Model = new FormBindingErrors(fields, context.HttpContext.Request.PathBase + context.HttpContext.Request.Path),
            },
        };
    }
}
