"""`roadmap config`: read and write the profile that heads every portfolio export."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from roadmap import config
from roadmap.commands import completes

if TYPE_CHECKING:
    from roadmap.commands import Context


def _keys_help() -> str:
    width = max(len(k.key) for k in config.KEYS)
    other = max(len(k) for k in config.SETTINGS)
    return ("profile keys:\n" + "\n".join(f"  {k.key:<{width}}  {k.help}" for k in config.KEYS)
            + "\nother settings:\n"
            + "\n".join(f"  {k:<{other}}  {h}" for k, h in config.SETTINGS.items()))


def register(sub: Any) -> None:
    p = sub.add_parser(
        "config",
        help="show or change your profile (name, headline, links) for exports",
        description="Your profile lives in the [profile] table of config.toml in the roadmap "
        "home; edits keep the rest of the file, comments included, as it was.",
        epilog=_keys_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=cmd_show)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    s = actions.add_parser("set", help="set a profile key (an empty VALUE removes it)",
                           epilog=_keys_help(),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    completes(s.add_argument("key", metavar="KEY"), "config-key")
    s.add_argument("value", metavar="VALUE")
    s.set_defaults(func=cmd_set)
    g = actions.add_parser("get", help="print one key's value (exit 1 when it is not set)")
    completes(g.add_argument("key", metavar="KEY"), "config-key")
    g.set_defaults(func=cmd_get)
    u = actions.add_parser("unset", help="remove a key from the profile")
    completes(u.add_argument("key", metavar="KEY"), "config-key")
    u.set_defaults(func=cmd_unset)
    sh = actions.add_parser("show", help="print the profile as TOML (the default action)")
    sh.set_defaults(func=cmd_show)
    k = actions.add_parser("keys", help="list the profile keys and what each is for")
    k.set_defaults(func=cmd_keys)


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    setting = config.setting_key(args.key)
    if setting is not None:
        stored = config.set_setting(ctx.paths, setting, args.value)
        ctx.say(f"{setting} = {stored}" if stored else f"{setting} removed")
        return 0
    key = config.canonical_key(args.key)
    stored = config.set_profile_field(ctx.paths, key, args.value)
    if stored:
        ctx.say(f"{key} = {_toml_string(stored)}")
    else:
        ctx.say(f"{key} removed")
    return 0


def cmd_get(args: argparse.Namespace, ctx: Context) -> int:
    setting = config.setting_key(args.key)
    if setting is not None:
        value = config.get_setting(ctx.paths, setting)
    else:
        value = config.get_profile_field(ctx.paths, args.key)
    if not value:
        return 1
    ctx.say(value)
    return 0


def cmd_unset(args: argparse.Namespace, ctx: Context) -> int:
    setting = config.setting_key(args.key)
    if setting is not None:
        removed = config.unset_setting(ctx.paths, setting)
        ctx.say(f"{setting} removed" if removed else f"{setting} was not set")
        return 0
    key = config.canonical_key(args.key)
    removed = config.unset_profile_field(ctx.paths, key)
    ctx.say(f"{key} removed" if removed else f"{key} was not set")
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    items = config.profile_items(config.load_profile(ctx.paths))
    if not items:
        ctx.say(f"# no profile yet in {ctx.paths.config}")
        ctx.say("# start with: roadmap config set name 'Your Name'")
        ctx.say("# see the keys: roadmap config keys")
        return 0
    ctx.say(f"[{config.TABLE}]")
    for key, value in items:
        ctx.say(f"{key} = {_toml_string(value)}")
    return 0


def cmd_keys(args: argparse.Namespace, ctx: Context) -> int:
    ctx.say(_keys_help().split("\n", 1)[1])
    return 0
