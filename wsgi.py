"""The WSGI entry point: `gunicorn wsgi:app`."""

from core import create_app
from core.app import settle_for_serving

# The served app never creates its database: a SQLite file gone missing is an outage (503, the
# family pages' last good copies), not a new empty database; `candour db upgrade` makes it.
app = create_app({"DATABASE_MUST_EXIST": True})
settle_for_serving()
