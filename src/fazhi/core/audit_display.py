"""Audit values as people read them: the model's Chinese field names and choice labels instead of `status: received`."""

from __future__ import annotations

from django.apps import apps

HIDDEN = {"id", "created_at", "updated_at", "path", "depth"}


def _model(event):
    try:
        return apps.get_model(event.object_type) if "." in (event.object_type or "") else None
    except LookupError:
        return None


def _field(model, key):
    if model is None:
        return None
    return next((f for f in model._meta.concrete_fields if key in (f.name, f.attname)), None)


def display(field, value):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def label(field, key) -> str:
    return str(field.verbose_name) if field is not None else key


def rows(event, side="after") -> list[tuple[str, object]]:
    values = getattr(event, side, None)
    if not isinstance(values, dict):
        return []
    model = _model(event)
    out = []
    for key, value in values.items():
        if key not in HIDDEN:
            field = _field(model, key)
            out.append((label(field, key), display(field, value)))
    return out


def before_after(event) -> list[tuple[str, object, object]]:
    """(label, before, after) for every field the event touched."""
    before, after = event.before or {}, event.after or {}
    model = _model(event)
    out = []
    for key in sorted(set(before) | set(after)):
        if key in HIDDEN:
            continue
        field = _field(model, key)
        out.append((label(field, key), display(field, before.get(key)) if key in before else "",
                    display(field, after.get(key)) if key in after else ""))
    return out
