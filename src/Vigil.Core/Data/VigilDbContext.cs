using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Intake;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;

namespace Vigil.Core.Data;

/// <summary>
/// The one EF Core model, shared by SQLite and PostgreSQL; each provider has its own migrations
/// assembly. Data-protection keys live here too so that several hosts can share one PostgreSQL.
/// </summary>
public sealed class VigilDbContext(DbContextOptions<VigilDbContext> options)
    : IdentityDbContext<VigilUser>(options), IDataProtectionKeyContext
{
    public DbSet<Mission> Missions => Set<Mission>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Contingent> Contingents => Set<Contingent>();
    public DbSet<Person> Personnel => Set<Person>();
    public DbSet<ConductOfficer> ConductOfficers => Set<ConductOfficer>();
    public DbSet<OfficerLeave> OfficerLeaves => Set<OfficerLeave>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<UserScope> UserScopes => Set<UserScope>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportMessage> ReportMessages => Set<ReportMessage>();
    public DbSet<ReportDecision> ReportDecisions => Set<ReportDecision>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Replay.ApiReplay> ApiReplays => Set<Replay.ApiReplay>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Allegation> Allegations => Set<Allegation>();
    public DbSet<CaseSubject> CaseSubjects => Set<CaseSubject>();
    public DbSet<CaseVictim> CaseVictims => Set<CaseVictim>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<CaseAction> CaseActions => Set<CaseAction>();
    public DbSet<ImmunityWaiver> ImmunityWaivers => Set<ImmunityWaiver>();
    public DbSet<NoteVerbale> NotesVerbales => Set<NoteVerbale>();
    public DbSet<CaseDeadline> CaseDeadlines => Set<CaseDeadline>();
    public DbSet<ClosureRequest> ClosureRequests => Set<ClosureRequest>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseAssignment> CaseAssignments => Set<CaseAssignment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<EvidenceItem> Evidence => Set<EvidenceItem>();
    public DbSet<EvidenceBlob> EvidenceBlobs => Set<EvidenceBlob>();
    public DbSet<CustodyEntry> Custody => Set<CustodyEntry>();
    public DbSet<AssistanceReferral> AssistanceReferrals => Set<AssistanceReferral>();
    public DbSet<Screening.RegistryRecord> Registry => Set<Screening.RegistryRecord>();
    public DbSet<Governance.BreakGlassRequest> BreakGlassRequests => Set<Governance.BreakGlassRequest>();
    public DbSet<Governance.BreakGlassUse> BreakGlassUses => Set<Governance.BreakGlassUse>();

    // Retention and legal hold.
    public DbSet<Retention.LegalHold> LegalHolds => Set<Retention.LegalHold>();
    public DbSet<Retention.RetentionMark> RetentionMarks => Set<Retention.RetentionMark>();
    public DbSet<Retention.RetentionRun> RetentionRuns => Set<Retention.RetentionRun>();
    public DbSet<RotationRun> RotationRuns => Set<RotationRun>();
    public DbSet<Official> Officials => Set<Official>();
    public DbSet<OfficialEvaluation> OfficialEvaluations => Set<OfficialEvaluation>();
    public DbSet<Screening.ScreeningRun> ScreeningRuns => Set<Screening.ScreeningRun>();
    public DbSet<Screening.ScreeningMatch> ScreeningMatches => Set<Screening.ScreeningMatch>();
    public DbSet<Screening.ScreeningSchedule> ScreeningSchedules => Set<Screening.ScreeningSchedule>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Audit.AuditHead> AuditHeads => Set<Audit.AuditHead>();
    public DbSet<Audit.AuditCheckpoint> AuditCheckpoints => Set<Audit.AuditCheckpoint>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PartialDate>().HaveConversion<PartialDateConverter>().HaveMaxLength(10);
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; UTC ticks sort and compare exactly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VigilDbContext).Assembly);
    }

    private sealed class PartialDateConverter() : ValueConverter<PartialDate, string>(
        date => date.ToString(),
        text => PartialDate.Parse(text));
}
