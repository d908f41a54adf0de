using System.Globalization;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Screening;

namespace Vigil.Core.Demo;

/// <summary>What the demo registry seeding inserted: counts only.</summary>
public sealed record DemoRegistrySeeded(int FromCases, int Variants, int Namesakes, int Others)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Demo registry inserted: {FromCases + Variants + Namesakes + Others} records ({FromCases} fed from the demo cases, {Variants} spelling variants " +
        $"of serving personnel, {Namesakes} namesakes, {Others} others).");
}

/// <summary>
/// The demo registry of prior misconduct, all synthetic: records fed from the demo cases (the
/// generated cases bypass the case commands, so they are fed here by the same rules as
/// <see cref="RegistryFeed"/>), about a dozen records that are the same person as a serving
/// member written another way (transliteration, order, a dropped middle name, date partly known),
/// a dozen namesakes (same name, another person: other date of birth and nationality), and others
/// from the demo name generator. Screening the demo personnel then raises a handful of real candidates.
/// </summary>
public sealed class DemoRegistry(VigilDbContext db, TimeProvider clock)
{
    public async Task<DemoRegistrySeeded?> SeedAsync(int seed = DemoDataSet.DefaultSeed, int variants = 12, int namesakes = 12, int others = 180, CancellationToken ct = default)
    {
        if (await db.Registry.AnyAsync(ct))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var random = new Randomizer(seed + 7);
        var records = new List<RegistryRecord>();
        RegistryRecord New(string name, IEnumerable<string> aliases, PartialDate? birth, string? nationality, IEnumerable<string> ids, RegistryFinding finding,
            string? caseReference, RegistrySource source, int? personId = null) => new()
            {
                RecordId = string.Create(CultureInfo.InvariantCulture, $"REG-D{records.Count + 1:D5}"),
                FullName = name,
                Aliases = [.. aliases],
                DateOfBirth = birth,
                Nationality = nationality,
                IdNumbers = [.. ids],
                Finding = finding,
                CaseReference = caseReference,
                PersonId = personId,
                Source = source,
                RecordedAt = now,
            };

        // 1. From the demo cases: substantiated findings, repatriations with ban, subjects who left.
        var fed = await db.CaseSubjects.AsNoTracking().Where(s => s.PersonId != null)
            .Select(s => new
            {
                s.PersonId,
                Reference = db.Cases.Where(c => c.Id == s.CaseId).Select(c => c.Reference).First(),
                Substantiated = s.Findings.Any(f => f.Current && f.Outcome == FindingOutcome.Substantiated),
                Banned = s.Actions.Any(a => a.Kind == ActionKind.RepatriationWithBan),
                // As RegistryFeed: "left with the allegation pending" only for a subject without a finding on record.
                Left = db.Cases.Any(c => c.Id == s.CaseId && c.ClosureReason == ClosureReason.SubjectSeparated) && !s.Findings.Any(f => f.Current),
            })
            .Where(s => s.Substantiated || s.Banned || s.Left)
            .ToListAsync(ct);
        var people = await db.Personnel.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var byId = people.ToDictionary(p => p.Id);
        foreach (var s in fed.OrderBy(s => s.Reference, StringComparer.Ordinal))
        {
            var p = byId[s.PersonId!.Value];
            var finding = s.Banned ? RegistryFinding.Barred : s.Substantiated ? RegistryFinding.Substantiated : RegistryFinding.Pending;
            records.Add(New(p.FullName, p.Aliases, p.DateOfBirth, p.Nationality, p.IdNumbers, finding, s.Reference, RegistrySource.Case, p.Id));
        }
        var fromCases = records.Count;
        var taken = fed.Select(s => s.PersonId!.Value).ToHashSet();

        // 2. The same person as a serving member, written another way (no identifier in common).
        var pool = random.Shuffle(people.Where(p => !taken.Contains(p.Id) && p.FullName.Contains(' ', StringComparison.Ordinal))).ToList();
        foreach (var p in pool.Take(variants))
        {
            taken.Add(p.Id);
            var birth = p.DateOfBirth is { } d && random.Bool(0.5f) ? new PartialDate(d.Year, d.Month) : p.DateOfBirth;
            records.Add(New(Respell(random, p.FullName), [], birth, random.Bool(0.8f) ? p.Nationality : null, [], random.ArrayElement(Enum.GetValues<RegistryFinding>()),
                null, RegistrySource.Import));
        }
        // 3. Namesakes: the same name, another person (born years apart, another country or none).
        foreach (var p in pool.Skip(variants).Take(namesakes))
        {
            var year = (p.DateOfBirth?.Year ?? 1985) + (random.Bool() ? 1 : -1) * random.Number(6, 15);
            records.Add(New(p.FullName, [], new PartialDate(year, random.Number(1, 12), random.Number(1, 28)), random.Bool(0.5f) ? null : p.Nationality, [],
                RegistryFinding.Substantiated, null, RegistrySource.Import));
        }
        // 4. Others, from the demo name generator: nobody serving, by construction of the dates.
        var countries = DemoNames.Countries.Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < others; i++)
        {
            var nationality = random.ArrayElement(countries);
            var name = DemoNames.Generate(random, nationality, random.Bool(0.1f), withAliases: random.Bool(0.3f));
            var birth = new PartialDate(random.Number(1950, 1965), random.Number(1, 12), random.Number(1, 28));
            records.Add(New(name.FullName, name.Aliases, birth, nationality,
                [string.Create(CultureInfo.InvariantCulture, $"{nationality}-X{random.Number(100000, 999999)}")],
                random.ArrayElement(Enum.GetValues<RegistryFinding>()), null, RegistrySource.Import));
        }
        db.Registry.AddRange(records);
        await RegistryChanges.MarkAsync(db, now, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new DemoRegistrySeeded(fromCases, Math.Min(variants, pool.Count), Math.Min(namesakes, Math.Max(0, pool.Count - variants)), others);
    }

    /// <summary>The name as another clerk would write it: a variant spelling, the order turned, a middle name dropped, upper case.</summary>
    internal static string Respell(Randomizer random, string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var changed = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (DemoNames.Variants.TryGetValue(parts[i], out var spellings))
            {
                parts[i] = random.ArrayElement(spellings);
                changed = true;
                break;
            }
        }
        if (parts.Count > 2 && random.Bool(0.5f))
        {
            parts.RemoveAt(1);
        }
        if (!changed || random.Bool(0.5f))
        {
            // Family name first, as on many passports and rosters.
            var last = parts[^1];
            parts.RemoveAt(parts.Count - 1);
            return random.Bool(0.5f) ? $"{last.ToUpperInvariant()}, {string.Join(' ', parts)}" : $"{last} {string.Join(' ', parts)}";
        }
        return string.Join(' ', parts);
    }
}
