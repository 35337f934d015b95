"""SQLite backend with one addition: a per-connection switch for the audit guard.

The audit table's triggers refuse UPDATE and DELETE unless the SQL function
``tradeloom_purge_allowed()`` returns 1. Only ``flush`` (wiping the whole
database, as test teardown does) turns it on, for its own connection. A
connection that lacks the function (the sqlite3 shell, say) fails closed.
"""

from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list):
        self.connection.purge_allowed = True
        try:
            super().execute_sql_flush(sql_list)
        finally:
            self.connection.purge_allowed = False


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    purge_allowed = False

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        conn.create_function("tradeloom_purge_allowed", 0, lambda: int(self.purge_allowed))
        return conn
