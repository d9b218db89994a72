"""Alembic's environment: legday's tables (legday/store/schema.py) on the connection
``python -m legday db init`` hands over, or on ``-x url=...`` from the alembic command
(``alembic -x url=sqlite:///x.db revision --autogenerate -m "..."`` for a new migration)."""

from __future__ import annotations

from sqlalchemy import create_engine

from alembic import context
from legday.store.schema import metadata

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=True)  # fmt: skip
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True)["url"]
    with create_engine(url).connect() as connection:
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=True)  # fmt: skip
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
