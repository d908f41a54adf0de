using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Every form of the web UI, reached by following links from the home page as each role (and the public pages
/// anonymously), on the demo data, submitted with random values: wrong types, blanks, overlong text, impossible dates,
/// unknown options, other scripts, markup, random file content. The rule: never a 5xx and never a stack trace; a bad
/// value is the form again with a message, or a 4xx. Sign-out and the account pages are left alone (they would end the
/// session or lock the account, and have their own tests). Seeded: a failure names the page, form and values.
/// </summary>
public sealed class FormRandomInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int PagesPerRole = 60;

    private const int SubmissionsPerForm = 5;

    // On both databases: PostgreSQL refuses what SQLite keeps (a NUL in text was a 500 there alone).
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryForm_RandomValues_NeverAnswers5xx(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, demo: true);
        var visitors = new List<(string Who, HttpClient Client)> { ("anonymous", host.Anonymous()) };
        foreach (var role in new[] { Roles.ConductOfficer, Roles.ConductChief, Roles.Investigator, Roles.VictimsAdvocate, Roles.ScreeningOfficer, Roles.LegalOfficer, Roles.Administrator })
        {
            var user = $"forms-{role}";
            await host.CreateUserAsync(user, role, "global");
            visitors.Add((role, await host.BrowserAsync(user)));
        }
        var random = new Random(20261130);
        var failures = new List<string>();
        var (pages, submissions) = (0, 0);
        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (who, client) in visitors)
        {
            var queue = new Queue<string>(who == "anonymous" ? ["/", "/report", "/report/follow"] : ["/"]);
            var seen = new HashSet<string>(queue, StringComparer.Ordinal);
            var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
            var visited = 0;
            while (queue.Count > 0 && visited < PagesPerRole)
            {
                var url = queue.Dequeue();
                using var response = await client.GetAsync(url, Ct);
                visited++;
                pages++;
                var html = await response.Content.ReadAsStringAsync(Ct);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {url} as {who} → {(int)response.StatusCode}");
                    continue;
                }
                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                var document = new HtmlParser().ParseDocument(html);
                foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(Followable))
                {
                    // Two pages of each kind (case 12 and case 40 are one kind), so that the crawl reaches every kind.
                    if (seen.Add(link) && shapes.GetValueOrDefault(Shape(link)) < 2)
                    {
                        shapes[Shape(link)] = shapes.GetValueOrDefault(Shape(link)) + 1;
                        queue.Enqueue(link);
                    }
                }
                foreach (var form in document.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)))
                {
                    var action = Action(form, url);
                    var fields = form.Elements.OfType<IHtmlElement>().Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList();
                    if (action.StartsWith("/account", StringComparison.OrdinalIgnoreCase) || !tried.Add($"{who} {Shape(action)} {string.Join(',', fields)}"))
                    {
                        continue;
                    }
                    for (var k = 0; k < SubmissionsPerForm; k++)
                    {
                        var seed = random.Next();
                        var (content, values) = Submission(form, new Random(seed));
                        using var posted = await client.PostAsync(action, content, Ct);
                        submissions++;
                        var body = await posted.Content.ReadAsStringAsync(Ct);
                        if ((int)posted.StatusCode >= 500 || body.Contains("   at ", StringComparison.Ordinal))
                        {
                            failures.Add($"POST {action} (form on {url}) as {who}, seed {seed} → {(int)posted.StatusCode}; values {values}");
                        }
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {pages} pages and {submissions} submissions broke the rule:\n{string.Join("\n", failures.Take(20))}");
        Assert.InRange(submissions, 100, int.MaxValue);
    }

    /// <summary>A URL with its record references and query values folded (/cases/* ?id), so that pages and forms of one kind are tried once.</summary>
    private static string Shape(string url)
    {
        var (path, query) = url.IndexOf('?') is var q and >= 0 ? (url[..q], url[(q + 1)..]) : (url, "");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kind = segments.Length == 0 ? "/" : "/" + segments[0] + string.Concat(segments.Skip(1).Select(s => s.Any(char.IsDigit) || s.Any(char.IsUpper) ? "/*" : "/" + s));
        var names = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
        return kind + "?" + string.Join('&', names);
    }

    /// <summary>Same-site pages only: not the API, downloads, sign-out or the account pages.</summary>
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/api", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("/account", StringComparison.OrdinalIgnoreCase)
        && !href.Contains("export", StringComparison.OrdinalIgnoreCase) && !href.Contains("download", StringComparison.OrdinalIgnoreCase)
        && !href.Contains("format=", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("/css", StringComparison.Ordinal) && !href.StartsWith("/js", StringComparison.Ordinal);

    private static string Action(IHtmlFormElement form, string page)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? page : action;
    }

    /// <summary>The form's fields with random values (the antiforgery token kept), as the browser would send them.</summary>
    private static (HttpContent Content, string Values) Submission(IHtmlFormElement form, Random draw)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var files = new List<string>();
        foreach (var element in form.Elements.OfType<IHtmlElement>())
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }
            if (name == "__RequestVerificationToken")
            {
                pairs.Add(KeyValuePair.Create(name, element.GetAttribute("value") ?? ""));
                continue;
            }
            if (element is IHtmlInputElement { Type: "file" })
            {
                files.Add(name);
                continue;
            }
            if (draw.Next(6) == 0)
            {
                continue;
            }
            var options = element is IHtmlSelectElement select ? select.Options.Select(o => o.Value).ToArray() : [];
            var value = options.Length > 0 && draw.Next(3) > 0 ? options[draw.Next(options.Length)]
                : element.GetAttribute("value") is { Length: > 0 } given && draw.Next(3) == 0 ? given
                : RandomValues.Scalar(draw);
            pairs.Add(KeyValuePair.Create(name, value));
        }
        var shown = string.Join("&", pairs.Where(p => p.Key != "__RequestVerificationToken").Select(p => $"{p.Key}={(p.Value.Length > 40 ? p.Value[..40] + "…" : p.Value)}"));
        if (files.Count == 0 && !(form.Enctype ?? "").Contains("multipart", StringComparison.OrdinalIgnoreCase))
        {
            return (new FormUrlEncodedContent(pairs), shown);
        }
        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in pairs)
        {
            multipart.Add(new StringContent(value), key);
        }
        foreach (var file in files)
        {
            var bytes = new byte[draw.Next(0, 2000)];
            draw.NextBytes(bytes);
            if (draw.Next(2) == 0)
            {
                // Something CSV-like, with a header that may or may not fit.
                bytes = System.Text.Encoding.UTF8.GetBytes("record_id,full_name,finding\nR1,\"Test \"\"Name\nR2,,unknown\n" + RandomValues.Scalar(draw));
            }
            multipart.Add(new ByteArrayContent(bytes), file, "upload.csv");
        }
        return (multipart, shown + $" + {files.Count} random file(s)");
    }
}
