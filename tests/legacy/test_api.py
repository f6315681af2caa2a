from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.models import ApiToken
from fazhi.metrics.actions import save_historical_value


def auth(user):
    _, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_audit_endpoint(w, client, seed_path):
    path = seed_path(1)
    assert client.post("/api/v1/legacy/audit", {"file": SimpleUploadedFile(path.name, path.read_bytes())}
                       ).status_code == 401
    resp = client.post("/api/v1/legacy/audit", {"file": SimpleUploadedFile(path.name, path.read_bytes())},
                       **auth(w.legal_a))
    assert resp.status_code == 200
    data = resp.json()
    assert data["outline"]["parts"]["shortcomings"]["present"] is True
    assert any(f["metric"] == "reconsideration.received" and f["value"] == 37 for f in data["figures"])
    bad = client.post("/api/v1/legacy/audit", {"file": SimpleUploadedFile("a.rtf", b"x")}, **auth(w.legal_a))
    assert bad.status_code == 400 and "不支持的文件类型" in bad.json()["detail"]


def test_historical_values_are_scoped(w, client):
    year = timezone.localdate().year - 1
    save_historical_value(actor=w.supervisor, organisation=w.dept_a, year=year, metric_key="mediation.cases",
                          value=12010, unit="起")
    rows = client.get("/api/v1/legacy/historical-values?metric=mediation.cases", **auth(w.legal_a)).json()
    assert [(r["organisation"], r["year"], float(r["value"])) for r in rows] == [(w.dept_a.code, year, 12010.0)]
    assert client.get("/api/v1/legacy/historical-values", **auth(w.legal_b)).json() == []
