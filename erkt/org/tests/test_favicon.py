"""A browser asks every site for /favicon.ico; it gets e-RKT's icon, not a 404 in its log."""


def test_the_site_root_serves_the_icon_a_browser_asks_for(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    # The ICO header: reserved 0, type 1 (icon), then the number of images.
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
