"""Make the audit log append-only in the database itself.

PostgreSQL: a trigger function raises on UPDATE or DELETE. SQLite: triggers
abort unless ``tradeloom_purge_allowed()`` says a whole-database flush is running
on this connection (see ``tradeloom.core.db.sqlite``).
"""

from django.db import migrations

TABLE = "accounts_auditentry"

PG_UP = f"""
CREATE OR REPLACE FUNCTION tradeloom_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER auditentry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION tradeloom_audit_append_only();
"""
PG_DOWN = f"""
DROP TRIGGER IF EXISTS auditentry_append_only ON {TABLE};
DROP FUNCTION IF EXISTS tradeloom_audit_append_only();
"""

SQLITE_UP = [
    f"""CREATE TRIGGER auditentry_no_update BEFORE UPDATE ON {TABLE}
        WHEN tradeloom_purge_allowed() = 0
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END;""",
    f"""CREATE TRIGGER auditentry_no_delete BEFORE DELETE ON {TABLE}
        WHEN tradeloom_purge_allowed() = 0
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS auditentry_no_update;",
               "DROP TRIGGER IF EXISTS auditentry_no_delete;"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UP, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)
    else:
        raise RuntimeError(f"no append-only guard for {vendor}")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in [PG_DOWN] if vendor == "postgresql" else SQLITE_DOWN:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
