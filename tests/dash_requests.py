"""Callback requests as the browser sends them, built from the callbacks Dash registered:
tests post them to /_dash-update-component instead of calling callbacks by position."""

from __future__ import annotations

import json

from dash._callback import GLOBAL_CALLBACK_MAP


def _entry(app, function) -> tuple[str, dict]:
    # Dash moves the module-level registry into the app's map once the app serves.
    for registry in (app.callback_map, GLOBAL_CALLBACK_MAP):
        for key, entry in registry.items():
            if getattr(entry.get("callback"), "__wrapped__", None) is function:
                return key, entry
    raise LookupError(f"{function.__name__} is not a registered callback")


def _component(raw: str) -> object:
    return json.loads(raw) if raw.startswith("{") else raw


def _dependency(dep: dict, values: dict) -> object:
    name = f"{dep['id']}.{dep['property']}"
    if '["ALL"]' in dep["id"]:
        return values.get(name, [])  # a wildcard input: the matched components, as a list
    return {"id": _component(dep["id"]), "property": dep["property"], "value": values.get(name)}


def callback_request(app, function, values: dict[str, object], changed: str | None = None) -> dict:
    """The body for `function`'s callback in `app`; `values`: 'id.property' -> value for its
    inputs and states; `changed`: the prop that fired it (default: the first input)."""
    key, entry = _entry(app, function)
    outputs = entry["output"] if isinstance(entry["output"], list) else [entry["output"]]
    out = [{"id": o.component_id, "property": o.component_property} for o in outputs]
    first = entry["inputs"][0]
    return {
        "output": key,
        "outputs": out if isinstance(entry["output"], list) else out[0],
        "inputs": [_dependency(d, values) for d in entry["inputs"]],
        "state": [_dependency(d, values) for d in entry["state"]],
        "changedPropIds": [changed or f"{first['id']}.{first['property']}"],
    }


def _matched(raw: str | dict, key: str) -> object:
    """A MATCH pattern id as the browser sends it for one component (`key` for MATCH)."""
    component = _component(raw) if isinstance(raw, str) else raw
    if isinstance(component, dict):
        return {k: v if isinstance(v, str) else key for k, v in component.items()}
    return component


def _prop_id(component: object, prop: str) -> str:
    if isinstance(component, dict):
        return json.dumps(component, sort_keys=True, separators=(",", ":")) + "." + prop
    return f"{component}.{prop}"


def match_request(app, function, key: str, values: dict[str, object], changed: str) -> dict:
    """The body for a MATCH callback fired for the components whose MATCH key is `key`;
    `values`: 'type.property' (or 'id.property' for plain ids) -> value; `changed`: the
    'type.property' that fired it."""
    name, entry = _entry(app, function)
    outputs = entry["output"] if isinstance(entry["output"], list) else [entry["output"]]

    def dep(raw: str, prop: str) -> dict:
        component = _matched(raw, key)
        kind = component["type"] if isinstance(component, dict) else component
        return {"id": component, "property": prop, "value": values.get(f"{kind}.{prop}")}

    kind, prop = changed.split(".")
    fired = _matched(next(d["id"] for d in entry["inputs"] if f'"{kind}"' in d["id"]), key)
    return {
        "output": name,
        "outputs": [
            {"id": _matched(o.component_id, key), "property": o.component_property} for o in outputs
        ],
        "inputs": [dep(d["id"], d["property"]) for d in entry["inputs"]],
        "state": [dep(d["id"], d["property"]) for d in entry["state"]],
        "changedPropIds": [_prop_id(fired, prop)],
    }
