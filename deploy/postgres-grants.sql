-- Run as vigil_owner (the role that owns the database and runs `vigil db migrate`), connected to the
-- vigil database, once after the first `vigil db migrate`. vigil_app runs `vigil serve`: it reads and
-- writes the data but owns nothing, so it cannot drop the audit log's append-only triggers, and it may
-- not update or delete audit entries at all. Tables and sequences that later migrations add get the same
-- grants through the default privileges below (the audit tables exist already, so their revokes hold).
GRANT USAGE ON SCHEMA public TO vigil_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vigil_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vigil_app;
ALTER DEFAULT PRIVILEGES FOR ROLE vigil_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vigil_app;
ALTER DEFAULT PRIVILEGES FOR ROLE vigil_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vigil_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries", "AuditCheckpoints" FROM vigil_app;
REVOKE DELETE, TRUNCATE ON "AuditHead" FROM vigil_app;
