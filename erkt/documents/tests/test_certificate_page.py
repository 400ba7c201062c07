"""The Kepala Badan's certificate page: upload the PKCS#12 once; see what is kept."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.documents.signing.demo import DEMO_PASSPHRASE, make_ca, make_signer_pkcs12
from erkt.documents.signing.models import SigningCertificate

URL = reverse("signing:certificate")


def pkcs12_upload(organization, name="Kepala Badan") -> SimpleUploadedFile:
    data = make_signer_pkcs12(make_ca(organization.name), name=name, organization=organization.name)
    return SimpleUploadedFile("kepala.p12", data, "application/x-pkcs12")


def test_the_kepala_sees_the_active_certificate(client_for, kepala, kepala_certificate):
    response = client_for(kepala).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert kepala_certificate.fingerprint_sha256 in body and kepala_certificate.serial in body
    assert "e-RKT Demo CA" in body  # the trusted roots


def test_the_kepala_uploads_a_pkcs12_with_its_passphrase(client_for, kepala, demo):
    form = {"pkcs12": pkcs12_upload(demo, "Kepala Baru"), "passphrase": DEMO_PASSPHRASE}
    response = client_for(kepala).post(URL, form)
    assert response.status_code == 302
    assert SigningCertificate.current_for(kepala.employee).common_name == "Kepala Baru"


def test_a_wrong_passphrase_is_refused_and_nothing_is_kept(client_for, kepala, demo):
    form = {"pkcs12": pkcs12_upload(demo), "passphrase": "salah"}
    response = client_for(kepala).post(URL, form)
    assert response.status_code == 422
    assert "Frasa sandi salah" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_the_certificate_shows_its_holder_and_issuer_by_name_not_as_a_raw_dn(
    client_for, kepala, kepala_certificate
):
    body = client_for(kepala).get(URL).content.decode()
    holder = kepala_certificate.holder
    assert holder["name"] and holder["organization"]
    assert f'<dd class="col-sm-9">{holder["name"]}</dd>' in body
    assert holder["organization"] in body
    assert "e-RKT Demo CA" in body
    assert "CN=" not in body and kepala_certificate.subject not in body


def test_other_roles_get_403(client_for, sekretaris, tim1):
    assert client_for(sekretaris).get(URL).status_code == 403
    assert client_for(tim1).post(URL, {}).status_code == 403


def test_anonymous_is_sent_to_login_and_put_is_405(client, client_for, kepala):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client_for(kepala).put(URL).status_code == 405


def test_the_kepala_of_another_organisation_sees_only_their_own(
    client_for, stranger, kepala_certificate
):
    body = client_for(stranger).get(URL).content.decode()
    assert kepala_certificate.fingerprint_sha256 not in body


def test_the_user_menu_of_the_kepala_links_to_the_page(client_for, kepala, sekretaris):
    inbox = reverse("workflow:inbox")
    assert URL in client_for(kepala).get(inbox).content.decode()
    assert URL not in client_for(sekretaris).get(inbox).content.decode()
