"""``careact selfassess``: the database, staff API keys and retention of the online self-assessment."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import timedelta
from typing import Any

from .config import EXAMPLE_CONFIG, SCOPES, ConfigError, load_config

for _module in ("sqlalchemy", "alembic", "jinja2", "itsdangerous"):
    if importlib.util.find_spec(_module) is None:  # the selfassess extra is not installed
        raise ImportError(f"No module named {_module!r}", name=_module)

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "selfassess",
        help="manage the online self-assessment: database, staff API keys, retention",
        description="Manage careact's online financial self-assessment (the selfassess extra). "
        "Serve it with: careact serve --selfassess council.toml",
    )
    cmds = p.add_subparsers(dest="selfassess_command", metavar="ACTION")
    cmds.required = True

    ex = cmds.add_parser("example-config", help="print an example council configuration file")
    ex.set_defaults(run=_example)

    def with_config(q: argparse.ArgumentParser) -> None:
        q.add_argument("--config", required=True, metavar="FILE", help="the council configuration (TOML)")

    mig = cmds.add_parser("migrate", help="create or upgrade the database schema")
    with_config(mig)
    mig.set_defaults(run=_migrate)

    create = cmds.add_parser("create-key", help="create a staff API key (printed once; only its hash is kept)")
    with_config(create)
    create.add_argument("--name", required=True, help="who or what uses the key")
    create.add_argument("--scope", action="append", choices=SCOPES, default=None,
                        help="a scope (repeatable; default: all of them)")
    create.add_argument("--expires-days", type=int, default=None, help="the key stops working after this many days")
    create.set_defaults(run=_create_key)

    revoke = cmds.add_parser("revoke-key", help="revoke a staff API key by its id")
    with_config(revoke)
    revoke.add_argument("key_id", help="the key's id (the part after cask_, before the next _)")
    revoke.set_defaults(run=_revoke_key)

    keys = cmds.add_parser("list-keys", help="list staff API keys (ids, names, scopes, status; never secrets)")
    with_config(keys)
    keys.set_defaults(run=_list_keys)

    purge = cmds.add_parser("purge", help="delete drafts and processed referrals past the retention period")
    with_config(purge)
    purge.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    purge.set_defaults(run=_purge)


def _store(args: argparse.Namespace) -> Any:
    from .storage import Store, migrate

    config = load_config(args.config)
    store = Store(config.database_url)
    if config.service.auto_migrate or args.selfassess_command == "migrate":
        migrate(store.engine)
    return config, store


def _guard(run: Any) -> Any:
    def wrapped(args: argparse.Namespace) -> int:
        try:
            return int(run(args))
        except ConfigError as exc:
            print(f"careact selfassess: {exc}", file=sys.stderr)
            return 2
    return wrapped


def _example(args: argparse.Namespace) -> int:
    sys.stdout.write(EXAMPLE_CONFIG)
    return 0


@_guard
def _migrate(args: argparse.Namespace) -> int:
    from .storage import schema_revision

    _config, store = _store(args)
    print(f"careact selfassess: the database is at schema revision {schema_revision(store.engine)}")
    store.dispose()
    return 0


@_guard
def _create_key(args: argparse.Namespace) -> int:
    from .security import create_api_key

    _config, store = _store(args)
    try:
        with store.session() as s:
            key_id, key = create_api_key(s, args.name, args.scope or SCOPES, args.expires_days)
    except ValueError as exc:
        print(f"careact selfassess: {exc}", file=sys.stderr)
        return 2
    finally:
        store.dispose()
    print(f"key id: {key_id}", file=sys.stderr)
    print("the key is shown once; keep it secret:", file=sys.stderr)
    print(key)
    return 0


@_guard
def _revoke_key(args: argparse.Namespace) -> int:
    from .security import revoke_api_key

    _config, store = _store(args)
    with store.session() as s:
        found = revoke_api_key(s, args.key_id)
    store.dispose()
    if not found:
        print(f"careact selfassess: no key with id {args.key_id!r}", file=sys.stderr)
        return 2
    print(f"careact selfassess: key {args.key_id} revoked", file=sys.stderr)
    return 0


@_guard
def _list_keys(args: argparse.Namespace) -> int:
    from .security import list_api_keys

    _config, store = _store(args)
    with store.session() as s:
        rows = [{"id": k.id, "name": k.name, "scopes": sorted(k.scope_set()), "created_at": k.created_at.isoformat(),
                 "expires_at": k.expires_at.isoformat() if k.expires_at else None,
                 "revoked": k.revoked, "last_used_at": k.last_used_at.isoformat() if k.last_used_at else None}
                for k in list_api_keys(s)]
    store.dispose()
    json.dump(rows, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


@_guard
def _purge(args: argparse.Namespace) -> int:
    config, store = _store(args)
    counts = store.purge(draft_days=config.retention.draft_days, processed_days=config.retention.processed_days,
                         attempt_window=timedelta(minutes=config.limits.resume_window_minutes), dry_run=args.dry_run)
    store.dispose()
    verb = "would delete" if args.dry_run else "deleted"
    print(f"careact selfassess: {verb} {counts['drafts']} drafts, {counts['referrals']} processed referrals, "
          f"{counts['attempts']} old rate-limit records")
    return 0
