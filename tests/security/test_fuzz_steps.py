"""Fuzzing every declared step (issue #17: no 500 on any form): for each workflow, a record of each kind it can open,
and hypothesis-generated junk in every field of the step's form, posted as the supervisor who may take it. Whatever
the input, the answer is a page (with the form's errors), a redirect or a 404 — never a server error."""

import os

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core.workflow import load_all

from .test_generated_scoping import FACTORIES

pytestmark = pytest.mark.django_db

JUNK = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "abc", "-1", "0", "2026-02-30", "9999-99-99", "1e999", "执法\x0b程序", "<script>x</script>",
                     "99999999999999999999", "２０２６-０１-０１", "true", "None", "[]", "{}", "2025-01-01"]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
)


def _targets(w, client):
    client.force_login(w.supervisor)
    objects = [make(w) for label, make in sorted(FACTORIES.items()) if make is not None]
    out = []
    for wf in load_all().values():
        for obj in objects:
            if obj is None:
                continue
            for t in wf:
                if t.form is None:
                    continue
                try:
                    url = wf.url(obj, t.name)
                except Exception:  # noqa: BLE001 - another kind of record
                    continue
                if client.get(url).status_code == 200:
                    out.append((url, list(t.form.base_fields)))
    return out


def test_junk_in_every_step_form_is_never_a_server_error(w, client):
    targets = _targets(w, client)
    assert len(targets) >= 15

    @settings(max_examples=int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "6")), deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.data())
    def post_junk(data):
        url, fields = data.draw(st.sampled_from(targets))
        payload = {f: data.draw(JUNK) for f in fields}
        try:
            resp = client.post(url, payload)
        except ValidationError:
            return  # Django refused the request itself (e.g. too many fields): not our 500
        assert resp.status_code in (200, 302, 400, 404), (url, payload, resp.status_code)

    for _ in range(10):
        post_junk()


JSON_JUNK = st.one_of(JUNK, st.none(), st.booleans(), st.floats(allow_nan=True), st.lists(st.integers(), max_size=3),
                      st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def test_junk_json_in_every_api_step_is_json_and_never_a_server_error(w, client):
    from fazhi.core.models import ApiToken

    _, key = ApiToken.issue(w.supervisor)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    case = FACTORIES["reconsideration.case"](w)
    lit = FACTORIES["litigation.litigationcase"](w)
    item = FACTORIES["powers.poweritem"](w)
    officer = FACTORIES["officers.officer"](w)
    routes = [(f"/api/v1/reconsideration/cases/{case.pk}/steps/", ["accept", "supplement", "reject", "decide"]),
              (f"/api/v1/litigation/cases/{lit.pk}/steps/", ["answer", "hearing", "judgment"]),
              (f"/api/v1/powers/items/{item.pk}/steps/", ["amend", "cancel", "delegate"]),
              (f"/api/v1/officers/officers/{officer.pk}/steps/", ["certificate", "training", "leave"])]
    fields = ["on", "procedure", "items", "reason", "outcome", "findings", "code", "name", "category", "bases",
              "effective_on", "document_number", "number", "issued_on", "expires_on", "hours", "to", "held_on"]

    @settings(max_examples=int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "6")), deadline=None,
              suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.data())
    def post_junk(data):
        base, steps = data.draw(st.sampled_from(routes))
        step = data.draw(st.sampled_from(steps))
        payload = data.draw(st.dictionaries(st.sampled_from(fields), JSON_JUNK, max_size=8))
        resp = client.post(base + step, data=payload, content_type="application/json", **auth)
        assert resp.status_code < 500 and resp["Content-Type"].startswith("application/json"), (
            base + step, payload, resp.status_code, resp.content[:200])

    for _ in range(10):
        post_junk()
