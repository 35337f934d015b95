"""GET /me, my companies, founding, editing and the logo."""

from __future__ import annotations

import io
import os

from PIL import Image

from tests.api.conftest import assert_error, png_bytes, session_client, token_client
from tests.factories import MembershipFactory
from tradeloom.accounts.models import AuditEntry, Company, Membership
from tradeloom.core.permissions import ROLE_PERMISSIONS


def test_me_lists_user_memberships_and_acting_company(supplier, buyer):
    MembershipFactory(user=supplier.user, company=buyer.company, role="purchaser")
    body = session_client(supplier.user).get("me").json()
    assert body["user"]["email"] == supplier.user.email
    assert body["authenticated_by"] == "session"
    assert body["acting_company_id"] == supplier.company_id
    by_company = {m["company"]["display_name"]: m for m in body["memberships"]}
    assert sorted(by_company) == ["Brooklyn Apparel", "Shanghai Knit"]
    assert by_company["Brooklyn Apparel"]["role"] == "purchaser"
    assert by_company["Brooklyn Apparel"]["permissions"] == sorted(ROLE_PERMISSIONS["purchaser"])


def test_me_with_a_token_shows_only_the_token_company(supplier, buyer):
    MembershipFactory(user=supplier.user, company=buyer.company, role="purchaser")
    body = token_client(supplier).get("me").json()
    assert [m["company"]["id"] for m in body["memberships"]] == [supplier.company_id]


def test_me_for_a_user_without_company(db):
    from tests.factories import UserFactory

    body = session_client(UserFactory()).get("me").json()
    assert body["memberships"] == []
    assert body["acting_company_id"] is None


def test_list_companies_is_mine_only(supplier, foreign):
    body = session_client(supplier.user).get("companies").json()
    assert [c["display_name"] for c in body] == ["Shanghai Knit"]


def test_company_detail(owner, supplier):
    body = owner.get(f"companies/{supplier.company_id}").json()
    assert body["display_name"] == "Shanghai Knit"
    assert body["country"] == "CN"
    assert body["kind"] == "supplier"
    assert body["verification_status"] == "verified"
    assert body["logo_url"] is None


def test_foreign_company_is_404(owner, foreign):
    assert_error(owner.get(f"companies/{foreign.company_id}"), 404, "not_found")


def test_create_company_makes_me_owner(owner, supplier):
    response = owner.post(
        "companies",
        {
            "kind": "buyer",
            "legal_name": "Osaka Select GK",
            "display_name": "Osaka Select",
            "country": "jp",
            "default_currency": "jpy",
            "website": "https://osaka.example",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["role"] == "owner"
    assert body["company"]["country"] == "JP"
    assert body["company"]["default_currency"] == "JPY"
    assert body["company"]["languages"] == ["en"]
    assert Membership.objects.get(pk=body["id"]).user == supplier.user


def test_create_company_with_bad_website_is_400_and_creates_nothing(owner):
    response = owner.post(
        "companies",
        {
            "kind": "buyer",
            "legal_name": "X GK",
            "display_name": "X",
            "country": "JP",
            "website": "javascript:alert(1)",
        },
    )
    body = assert_error(response, 400, "invalid")
    assert body["details"] == {"field": "website"}
    assert not Company.objects.filter(display_name="X").exists()


def test_patch_company_changes_only_sent_fields(owner, supplier):
    response = owner.patch(
        f"companies/{supplier.company_id}",
        {"display_name": "Shanghai Knit Co.", "languages": ["zh", "en"]},
    )
    assert response.status_code == 200
    supplier.company.refresh_from_db()
    assert supplier.company.display_name == "Shanghai Knit Co."
    assert supplier.company.languages == ["zh", "en"]
    assert supplier.company.country == "CN"


def test_patch_company_kind_is_refused(owner, supplier):
    assert_error(
        owner.patch(f"companies/{supplier.company_id}", {"kind": "buyer"}), 422, "validation_error"
    )


def test_patch_company_needs_company_manage(supplier, colleague):
    response = session_client(colleague.user).patch(
        f"companies/{supplier.company_id}", {"display_name": "Hijacked"}
    )
    body = assert_error(response, 403, "permission_denied")
    assert body["details"] == {"permission": "company.manage"}
    supplier.company.refresh_from_db()
    assert supplier.company.display_name == "Shanghai Knit"
    assert AuditEntry.objects.filter(action="permission.denied", actor=colleague.user).exists()


def test_patch_foreign_company_is_404(owner, foreign):
    response = owner.patch(f"companies/{foreign.company_id}", {"display_name": "Hijacked"})
    assert_error(response, 404, "not_found")
    foreign.company.refresh_from_db()
    assert foreign.company.display_name == "Faraway Traders"


def test_upload_logo(owner, supplier):
    response = owner.upload(f"companies/{supplier.company_id}/logo", "logo", png_bytes())
    assert response.status_code == 200
    assert response.json()["logo_url"].startswith("http://testserver/media/logos/")
    supplier.company.refresh_from_db()
    assert supplier.company.logo.name.endswith(".jpg")


def test_upload_non_image_logo_is_400(owner, supplier):
    response = owner.upload(
        f"companies/{supplier.company_id}/logo",
        "logo",
        b"<svg onload=alert(1)></svg>",
        name="logo.svg",
    )
    assert_error(response, 400, "invalid_image")
    supplier.company.refresh_from_db()
    assert not supplier.company.logo


def test_upload_oversized_logo_is_400(owner, supplier, settings):
    noise = Image.frombytes("RGB", (1000, 800), os.urandom(1000 * 800 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    content = out.getvalue()
    assert len(content) > settings.MAX_LOGO_BYTES
    response = owner.upload(f"companies/{supplier.company_id}/logo", "logo", content)
    assert_error(response, 400, "image_too_large")
    supplier.company.refresh_from_db()
    assert not supplier.company.logo


def test_upload_logo_without_file_is_422(owner, supplier):
    assert_error(owner.post(f"companies/{supplier.company_id}/logo", {}), 422, "validation_error")


def test_upload_logo_needs_company_manage(supplier, colleague):
    response = session_client(colleague.user).upload(
        f"companies/{supplier.company_id}/logo", "logo", png_bytes()
    )
    assert_error(response, 403, "permission_denied")
