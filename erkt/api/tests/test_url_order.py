"""The API's addresses are resolved first (erkt/urls.py): no page's address starts with
"api/", so a page and an API address each reach the view they reached before."""

from django.urls import get_resolver, resolve
from django.urls.resolvers import URLResolver

from erkt.api.api import api


def _page_addresses(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if getattr(pattern, "namespace", None) != "api":
                yield from _page_addresses(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_no_page_address_starts_with_the_apis_prefix():
    addresses = list(_page_addresses(get_resolver()))

    assert len(addresses) > 50
    assert [address for address in addresses if address.lstrip("^").startswith("api")] == []


def test_api_and_page_addresses_reach_their_views():
    assert resolve("/api/v1/tasks/7/complete").view_name == f"{api.urls_namespace}:task_complete"
    assert resolve("/api/v1/tidak-ada").url_name == "not-found"
    assert resolve("/").url_name == "home"
    assert resolve("/tugas/").view_name == "workflow:inbox"
    assert resolve("/admin/").namespace == "admin"
