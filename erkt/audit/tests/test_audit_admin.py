from __future__ import annotations

URL = "/admin/audit/auditentry/"


def test_an_administrator_reads_the_log(entries, administrator, client_for):
    client = client_for(administrator)
    assert client.get(URL).status_code == 200
    assert client.get(f"{URL}{entries[0].pk}/change/").status_code == 200


def test_the_admin_offers_no_way_to_add_change_or_delete(entries, administrator, client_for):
    client = client_for(administrator)
    assert client.get(URL + "add/").status_code == 403
    assert client.get(f"{URL}{entries[0].pk}/delete/").status_code == 403
    response = client.post(f"{URL}{entries[0].pk}/change/", {"reason": "Diubah"})
    assert response.status_code == 403
    entries[0].refresh_from_db()
    assert entries[0].reason == ""
