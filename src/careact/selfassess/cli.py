"""``careact selfassess``: the database, staff API keys and retention of the online self-assessment."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import timedelta
from typing import Any

from ..cli._common import positive_int
from .config import EXAMPLE_CONFIG, SCOPES, ConfigError, load_config

for _module in ("sqlalchemy", "alembic", "jinja2", "itsdangerous"):
    if importlib.util.find_spec(_module) is None:  # the selfassess extra is not installed
        raise ImportError(f"No module named {_module!r}", name=_module)

__all__ = ["register"]


_FIRST = "careact selfassess example-config > council.toml"


def register(sub: Any) -> None:
    from ..cli._common import add_format, command

    p = command(
        sub, "selfassess",
        help="manage the online self-assessment: database, staff API keys, retention",
        description="Manage careact's online financial self-assessment (the selfassess extra). "
        "Serve it with: careact serve --selfassess council.toml",
        examples=[_FIRST, "careact selfassess migrate --config council.toml"],
    )
    cmds = p.add_subparsers(dest="selfassess_command", metavar="ACTION", help="what to do")
    cmds.required = True

    ex = command(cmds, "example-config", help="print an example council configuration file", examples=[_FIRST])
    add_format(ex, what="the configuration (text: the TOML file; json: its settings)")
    ex.set_defaults(run=_example)

    def with_config(q: argparse.ArgumentParser, what: str) -> None:
        q.add_argument("--config", required=True, metavar="FILE", help="the council configuration (TOML)")
        add_format(q, what=what)

    mig = command(cmds, "migrate", help="create or upgrade the database schema",
                  examples=[_FIRST, "careact selfassess migrate --config council.toml"])
    with_config(mig, "the schema revision")
    mig.set_defaults(run=_migrate)

    create = command(cmds, "create-key", help="create a staff API key (printed once; only its hash is kept)",
                     examples=[_FIRST, 'careact selfassess create-key --config council.toml --name "finance team"',
                               ("careact selfassess create-key --config council.toml --name reader --scope referrals:read "
                                "--expires-days 90")])
    with_config(create, "the key (shown once)")
    create.add_argument("--name", required=True, help="who or what uses the key")
    create.add_argument("--scope", action="append", choices=SCOPES, default=None,
                        help="a scope (repeatable; default: all of them)")
    create.add_argument("--expires-days", type=positive_int, default=None, metavar="DAYS",
                        help="the key stops working after this many days")
    create.set_defaults(run=_create_key)

    revoke = command(cmds, "revoke-key", help="revoke staff API keys, by id or by name",
                     examples=[_FIRST, 'careact selfassess create-key --config council.toml --name "old laptop" > key.txt',
                               'careact selfassess revoke-key --config council.toml --name "old laptop"'])
    with_config(revoke, "what was revoked")
    which = revoke.add_mutually_exclusive_group(required=True)
    which.add_argument("key_id", nargs="?", metavar="KEY_ID",
                       help="the key's id (the part after cask_, before the next _; careact selfassess list-keys shows it)")
    which.add_argument("--name", default=None, help="revoke every key of this name")
    revoke.set_defaults(run=_revoke_key)

    keys = command(cmds, "list-keys", help="list staff API keys (ids, names, scopes, status; never secrets)",
                   examples=[_FIRST, "careact selfassess list-keys --config council.toml",
                             "careact selfassess list-keys --config council.toml --format json"])
    with_config(keys, "the keys")
    keys.set_defaults(run=_list_keys)

    purge = command(cmds, "purge", help="delete drafts and processed referrals past the retention period",
                    examples=[_FIRST, "careact selfassess purge --config council.toml --dry-run"])
    with_config(purge, "what was (or would be) deleted")
    purge.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    purge.set_defaults(run=_purge)



def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "format", "text") == "json":
        json.dump(data, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(text)


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
    if args.format == "json":
        import tomllib

        _emit(args, tomllib.loads(EXAMPLE_CONFIG), "")
        return 0
    sys.stdout.write(EXAMPLE_CONFIG)
    return 0


@_guard
def _migrate(args: argparse.Namespace) -> int:
    from .storage import schema_revision

    _config, store = _store(args)
    revision = schema_revision(store.engine)
    store.dispose()
    _emit(args, {"revision": revision}, f"careact selfassess: the database is at schema revision {revision}")
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
    if args.format == "json":
        _emit(args, {"id": key_id, "key": key}, "")
        return 0
    print(f"key id: {key_id}", file=sys.stderr)
    print("the key is shown once; keep it secret:", file=sys.stderr)
    print(key)
    return 0


@_guard
def _revoke_key(args: argparse.Namespace) -> int:
    from .security import list_api_keys, revoke_api_key

    _config, store = _store(args)
    with store.session() as s:
        ids = [args.key_id] if args.key_id else [k.id for k in list_api_keys(s) if k.name == args.name]
        revoked = [key_id for key_id in ids if revoke_api_key(s, key_id)]
    store.dispose()
    if not revoked:
        which = f"id {args.key_id!r}" if args.key_id else f"name {args.name!r}"
        print(f"careact selfassess: no key with {which}", file=sys.stderr)
        return 2
    _emit(args, {"revoked": revoked}, f"careact selfassess: revoked {', '.join(revoked)}")
    return 0


@_guard
def _list_keys(args: argparse.Namespace) -> int:
    from .security import list_api_keys

    _config, store = _store(args)
    with store.session() as s:
        rows: list[dict[str, Any]] = [{"id": k.id, "name": k.name, "scopes": sorted(k.scope_set()), "created_at": k.created_at.isoformat(),
                 "expires_at": k.expires_at.isoformat() if k.expires_at else None,
                 "revoked": k.revoked, "last_used_at": k.last_used_at.isoformat() if k.last_used_at else None}
                for k in list_api_keys(s)]
    store.dispose()
    lines = [f"{k['id']}  {k['name']}  {' '.join(k['scopes'])}  {_key_status(k)}" for k in rows] or ["no staff API keys"]
    _emit(args, rows, "\n".join(lines))
    return 0


def _key_status(row: dict[str, Any]) -> str:
    if row["revoked"]:
        return "revoked"
    expires = row["expires_at"]
    return f"expires {str(expires)[:10]}" if expires else "active"


@_guard
def _purge(args: argparse.Namespace) -> int:
    config, store = _store(args)
    counts = store.purge(draft_days=config.retention.draft_days, processed_days=config.retention.processed_days,
                         attempt_window=timedelta(minutes=config.limits.resume_window_minutes), dry_run=args.dry_run)
    store.dispose()
    verb = "would delete" if args.dry_run else "deleted"
    _emit(args, {"dry_run": args.dry_run, **counts},
          f"careact selfassess: {verb} {counts['drafts']} drafts, {counts['referrals']} processed referrals, "
          f"{counts['attempts']} old rate-limit records")
    return 0
