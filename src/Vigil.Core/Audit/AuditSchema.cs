namespace Vigil.Core.Audit;

/// <summary>
/// Triggers that make the audit tables append-only whatever role owns them: UPDATE, DELETE and
/// TRUNCATE raise. The head record may be updated (by the append) but not removed. Applied by the
/// AuditLog migration of each provider. The owner can still drop a trigger, which is why production
/// runs the application under a role without ownership (docs/audit.md); verification catches what
/// a database owner does anyway.
/// </summary>
public static class AuditSchema
{
    public const string PostgresAppendOnly = """
        CREATE OR REPLACE FUNCTION vigil_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
          FOR EACH ROW EXECUTE FUNCTION vigil_audit_append_only();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
          FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_append_only();
        CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON "AuditCheckpoints"
          FOR EACH ROW EXECUTE FUNCTION vigil_audit_append_only();
        CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON "AuditCheckpoints"
          FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_append_only();
        CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON "AuditHead"
          FOR EACH ROW EXECUTE FUNCTION vigil_audit_append_only();
        CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON "AuditHead"
          FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_append_only();
        """;

    public const string PostgresDropAppendOnly = """
        DROP TRIGGER IF EXISTS audit_entries_append_only ON "AuditEntries";
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
        DROP TRIGGER IF EXISTS audit_checkpoints_append_only ON "AuditCheckpoints";
        DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON "AuditCheckpoints";
        DROP TRIGGER IF EXISTS audit_head_no_delete ON "AuditHead";
        DROP TRIGGER IF EXISTS audit_head_no_truncate ON "AuditHead";
        DROP FUNCTION IF EXISTS vigil_audit_append_only();
        """;

    /// <summary>SQLite has one user; the triggers stop Vigil itself (and a careless script), not the file's owner.</summary>
    public static readonly string[] SqliteAppendOnly =
    [
        """CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
        """CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
        """CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON "AuditCheckpoints" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
        """CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON "AuditCheckpoints" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
        """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON "AuditHead" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
    ];

    public static readonly string[] SqliteDropAppendOnly =
    [
        "DROP TRIGGER IF EXISTS audit_entries_no_update;", "DROP TRIGGER IF EXISTS audit_entries_no_delete;",
        "DROP TRIGGER IF EXISTS audit_checkpoints_no_update;", "DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;",
        "DROP TRIGGER IF EXISTS audit_head_no_delete;",
    ];
}
