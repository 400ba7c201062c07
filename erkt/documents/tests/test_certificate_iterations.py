"""A PKCS#12 that asks for absurd key-derivation work is refused before it is decrypted."""

from __future__ import annotations

from asn1crypto import algos, core
from asn1crypto import pkcs12 as asn1_pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.documents.signing.certificates import PBMAC1, Pbmac1Params
from erkt.documents.signing.demo import DEMO_PASSPHRASE, make_ca, make_signer_pkcs12
from erkt.documents.signing.models import SigningCertificate

URL = reverse("signing:certificate")
# Just above the ceiling, so that the old code (which ran it) still answers in seconds;
# the file of the finding asked for billions.
TOO_MANY = 1_000_001  # the ceiling is 1,000,000


def _pkcs12(organization) -> bytes:
    return make_signer_pkcs12(make_ca(organization.name), name="Kepala", organization="X")


def with_mac_iterations(data: bytes, count: int) -> bytes:
    pfx = asn1_pkcs12.Pfx.load(data)
    pfx["mac_data"]["iterations"] = count
    return pfx.dump(force=True)


def with_key_iterations(data: bytes, count: int) -> bytes:
    """The same file, its shrouded private key's PBKDF2 asking for `count` rounds."""
    pfx = asn1_pkcs12.Pfx.load(data)
    safes = asn1_pkcs12.AuthenticatedSafe.load(pfx["auth_safe"]["content"].native)
    rebuilt = []
    for content in safes:
        if content["content_type"].native == "data":
            bags = asn1_pkcs12.SafeContents.load(content["content"].native)
            for bag in bags:
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    algorithm = bag["bag_value"]["encryption_algorithm"]
                    kdf = algorithm["parameters"]["key_derivation_func"]["parameters"]
                    kdf["iteration_count"] = count
            content = asn1_pkcs12.ContentInfo(
                {"content_type": "data", "content": bags.dump(force=True)}
            )
        rebuilt.append(content)
    pfx["auth_safe"] = asn1_pkcs12.ContentInfo(
        {"content_type": "data", "content": asn1_pkcs12.AuthenticatedSafe(rebuilt).dump()}
    )
    return pfx.dump(force=True)


def with_pbmac1_iterations(data: bytes, count: int) -> bytes:
    """The same file, its MAC made a PBMAC1 (RFC 9579) whose PBKDF2 asks for `count` rounds."""
    pfx = asn1_pkcs12.Pfx.load(data)
    kdf = algos.KdfAlgorithm(
        {
            "algorithm": "pbkdf2",
            "parameters": {
                "salt": algos.Pbkdf2Salt(name="specified", value=b"0" * 16),
                "iteration_count": count,
                "key_length": 32,
                "prf": {"algorithm": "sha256"},
            },
        }
    )
    params = Pbmac1Params(
        {"key_derivation_func": kdf, "message_auth_scheme": {"algorithm": "sha256"}}
    )
    pfx["mac_data"]["mac"]["digest_algorithm"] = algos.DigestAlgorithm(
        {"algorithm": PBMAC1, "parameters": core.Any.load(params.dump())}
    )
    return pfx.dump(force=True)


def upload(client, data: bytes):
    pkcs12 = SimpleUploadedFile("kepala.p12", data, "application/x-pkcs12")
    return client.post(URL, {"pkcs12": pkcs12, "passphrase": DEMO_PASSPHRASE})


def test_a_pkcs12_asking_for_too_many_mac_rounds_is_refused(client_for, kepala, demo):
    response = upload(client_for(kepala), with_mac_iterations(_pkcs12(demo), TOO_MANY))
    assert response.status_code == 422
    body = response.content.decode()
    assert "putaran penurunan kunci yang tidak wajar" in body and "1.000.001" in body
    assert not SigningCertificate.objects.exists()


def test_a_pkcs12_whose_key_asks_for_too_many_rounds_is_refused(client_for, kepala, demo):
    response = upload(client_for(kepala), with_key_iterations(_pkcs12(demo), TOO_MANY))
    assert response.status_code == 422
    assert "putaran penurunan kunci yang tidak wajar" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_a_pbmac1_asking_for_too_many_rounds_is_refused(client_for, kepala, demo):
    response = upload(client_for(kepala), with_pbmac1_iterations(_pkcs12(demo), TOO_MANY))
    assert response.status_code == 422
    assert "putaran penurunan kunci yang tidak wajar" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_a_file_with_ordinary_counts_still_opens(client_for, kepala, demo):
    response = upload(client_for(kepala), with_key_iterations(_pkcs12(demo), 20000))
    assert response.status_code == 302
    assert SigningCertificate.current_for(kepala.employee) is not None


def test_a_file_that_is_not_pkcs12_is_refused_with_a_message(client_for, kepala):
    response = upload(client_for(kepala), b"\x30\x03\x02\x01\x03")
    assert response.status_code == 422
    assert not SigningCertificate.objects.exists()
