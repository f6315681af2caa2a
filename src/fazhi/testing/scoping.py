"""The permission test kit every module runs on its own models.

    from fazhi.testing.scoping import check_scoping
    def test_case_scoping(client):
        w = world()
        check_scoping(w, make=lambda org: my_factory(organisation=org), model=Case,
                      page_url=lambda obj: obj.get_absolute_url(),
                      api_url=lambda obj: f"/api/v1/reconsideration/cases/{obj.pk}", client=client)

It asserts, for a record owned by department A: the queryset shows it to A's legal officer and to the county
supervisor and hides it from department B and from a user with no membership; the page and the API give
200 to those who see it and 404 (never 403) to the others; anonymous users are sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable

from fazhi.core.models import ApiToken


def check_scoping(world, *, make: Callable, model, client, page_url: Callable | None = None,
                  api_url: Callable | None = None, owner_attr: str = "dept_a"):
    obj = make(getattr(world, owner_attr))
    allowed = [world.supervisor, world.legal_a] if owner_attr == "dept_a" else [world.supervisor]
    denied = [world.legal_b, world.outsider]
    for u in allowed:
        assert model.objects.visible_to(u).filter(pk=obj.pk).exists(), f"{u} should see {obj}"
    for u in denied:
        assert not model.objects.visible_to(u).filter(pk=obj.pk).exists(), f"{u} should not see {obj}"
    if page_url is not None:
        url = page_url(obj)
        client.logout()
        resp = client.get(url)
        assert resp.status_code == 302 and "/accounts/login/" in resp["Location"], "anonymous must log in"
        for u in allowed:
            client.force_login(u)
            assert client.get(url).status_code == 200, f"{u} should open {url}"
        for u in denied:
            client.force_login(u)
            assert client.get(url).status_code == 404, f"{u} should get 404 for {url}"
        client.logout()
    if api_url is not None:
        url = api_url(obj)
        assert client.get(url).status_code == 401, "the API needs a token"
        for u in allowed:
            _, key = ApiToken.issue(u)
            assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200, f"{u} API {url}"
        for u in denied:
            _, key = ApiToken.issue(u)
            assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404, f"{u} API {url}"
    return obj
