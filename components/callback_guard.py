"""Callback requests (POST /_dash-update-component) checked before Dash runs them.

`reject_malformed_callbacks`: a body that is not JSON, is nested too deep or has the wrong
shape is a 400 with a short JSON error, never a traceback. `forged_update_guard`: a request
for a callback that writes an editor-only output needs an editor. Dash runs the callback its
`output` key names in its callback map, so the outputs that count are the ones that callback
DECLARES, together with any the body names itself.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping

from flask import abort, g, jsonify, request

from eaeu.jsonlimits import loads_limited

MAX_DEPTH = 64  # a figure or table passed as State stays far below
CallbackMap = Callable[[], Mapping[str, dict]]


class BadCallback(ValueError):
    pass


def _is_callback_post() -> bool:
    return request.method == "POST" and request.path.endswith("/_dash-update-component")


def reject_malformed_callbacks():
    def validate_callback_body():
        if not _is_callback_post():
            return None
        try:
            g.callback_body = parse_callback_body(request.get_data(cache=True))
        except BadCallback as problem:
            return jsonify(error=str(problem)), 400
        return None

    return validate_callback_body


def parse_callback_body(data: bytes) -> dict:
    """The body as a dict of the shape Dash reads; BadCallback naming what is wrong."""
    try:
        body = loads_limited(data, MAX_DEPTH)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise BadCallback("the body is not JSON of a bounded depth") from error
    if not isinstance(body, dict):
        raise BadCallback("the body must be a JSON object")
    if not isinstance(body.get("output"), str):
        raise BadCallback("`output` must be a string")
    _check_dependencies(body.get("outputs", []), "outputs", single_allowed=True)
    for field in ("inputs", "state"):
        _check_dependencies(body.get(field, []), field)
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        raise BadCallback("`changedPropIds` must be a list of strings")
    return body


def _check_dependencies(value: object, field: str, single_allowed: bool = False) -> None:
    """A list of {id, property} entries or lists of them (pattern-matching wildcards)."""
    if single_allowed and isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise BadCallback(f"`{field}` must be a list")
    for item in value:
        for entry in item if isinstance(item, list) else [item]:
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("id"), str | dict)
                and isinstance(entry.get("property"), str)
            ):
                raise BadCallback(f"`{field}` entries must be objects with `id` and `property`")


def forged_update_guard(
    editor_outputs: frozenset[str], callbacks: CallbackMap, is_editor: Callable[[], bool]
):
    def refuse_forged_updates():
        """A POST to /_dash-update-component writing an editor-only output needs an editor."""
        if not _is_callback_post():
            return None
        body = getattr(g, "callback_body", None)
        if body is None:  # the validator did not run: parse here, as strictly
            try:
                body = parse_callback_body(request.get_data(cache=True))
            except BadCallback:
                abort(400)
        known = callbacks()
        written = output_ids(body) | declared_output_ids(known.get(body["output"]))
        if written & editor_outputs and not is_editor():
            abort(403)
        if known and body["output"] not in known:  # Dash would fail with a KeyError
            return jsonify(error="no such callback"), 400
        return None

    return refuse_forged_updates


def declared_output_ids(entry: dict | None) -> set[str]:
    """The component ids (a pattern id by its `type`) a registered callback writes."""
    if not isinstance(entry, dict):
        return set()
    outputs = entry.get("output")
    found = set()
    for output in outputs if isinstance(outputs, list | tuple) else [outputs]:
        component = getattr(output, "component_id", None)
        if component is not None:
            found.add(_component_key(component))
    return found


def output_ids(body: object) -> set[str]:
    """Ids a callback request names as written, from both `outputs` and the `output` string
    Dash also reads; a pattern-matching id counts by its `type`."""
    if not isinstance(body, dict):
        return set()
    outputs = body.get("outputs", [])
    outputs = outputs if isinstance(outputs, list) else [outputs]
    found = set()
    for output in outputs:
        items = output if isinstance(output, list) else [output]
        for item in items:
            component = item.get("id") if isinstance(item, dict) else None
            found.add(_component_key(component))
    found.update(_ids_in_output_string(body.get("output")))
    return found


def _component_key(component: object) -> str:
    return str(component.get("type")) if isinstance(component, dict) else str(component)


def _ids_in_output_string(output: object) -> set[str]:
    """'id.prop' or '..id1.prop...id2.prop..'; a pattern id is JSON ('{"type":...}.prop');
    a duplicate-allowed output carries '@hash' after its property."""
    if not isinstance(output, str):
        return set()
    found = set()
    for part in output.strip(".").split("..."):
        component = part.split("@", 1)[0].rsplit(".", 1)[0] if "}" not in part else part
        if component.startswith("{"):
            component = component[: component.rfind("}") + 1]
            with contextlib.suppress(ValueError):
                component = json.loads(component)
        found.add(_component_key(component))
    return found
