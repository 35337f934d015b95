"""Founding a company, editing its profile, its logo, and serving the logo."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.helpers import member_of, png, signed_in
from tradeloom.accounts.middleware import SESSION_KEY
from tradeloom.accounts.models import Company, Membership

pytestmark = pytest.mark.django_db

NEW_COMPANY = {
    "kind": "supplier",
    "display_name": "Ningbo Knit Works",
    "legal_name": "Ningbo Knit Works Ltd.",
    "country": "CN",
    "address": "8 Harbour Road",
    "website": "https://knit.example",
    "languages": ["zh", "en"],
    "default_currency": "CNY",
}


def test_any_signed_in_user_founds_a_company_and_owns_it(client):
    user = UserFactory()
    signed_in(client, user)
    response = client.post(reverse("web:company_create"), NEW_COMPANY)
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.company.display_name, membership.company.languages) == (
        "owner",
        "Ningbo Knit Works",
        ["zh", "en"],
    )
    assert client.session[SESSION_KEY] == membership.company_id


def test_a_missing_display_name_is_a_field_error_and_creates_nothing(client):
    signed_in(client, UserFactory())
    response = client.post(reverse("web:company_create"), {**NEW_COMPANY, "display_name": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="id_display_name_helptext id_display_name_error"' in html
    assert (
        '<ul class="errorlist" id="id_display_name_error"><li>This field is required.</li></ul>'
        in html
    )
    assert Company.objects.count() == 0


def test_an_unknown_country_is_refused(client):
    signed_in(client, UserFactory())
    response = client.post(reverse("web:company_create"), {**NEW_COMPANY, "country": "XX"})
    assert response.status_code == 400
    assert response.context["form"].errors["country"] == [
        "Select a valid choice. XX is not one of the available choices."
    ]


def test_company_settings_are_open_to_managers(client, supplier):
    signed_in(client, supplier.user)
    response = client.get(reverse("web:company_settings"))
    assert response.status_code == 200
    assert response.context["form"].initial["display_name"] == "Shanghai Knit"


def test_company_settings_are_refused_to_roles_without_company_manage(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, sales.user)
    response = client.get(reverse("web:company_settings"))
    assert response.status_code == 403
    assert "Your role does not allow this." in response.content.decode()


def test_company_settings_save_the_profile(client, supplier):
    signed_in(client, supplier.user)
    data = {**NEW_COMPANY, "display_name": "Shanghai Fine Knit"}
    data.pop("kind")
    response = client.post(reverse("web:company_settings"), data)
    assert response.status_code == 302
    supplier.company.refresh_from_db()
    assert supplier.company.display_name == "Shanghai Fine Knit"


def test_a_sales_member_cannot_post_company_settings(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, sales.user)
    data = {**NEW_COMPANY, "display_name": "Hijacked"}
    response = client.post(reverse("web:company_settings"), data)
    assert response.status_code == 403
    supplier.company.refresh_from_db()
    assert supplier.company.display_name == "Shanghai Knit"


def test_a_logo_upload_is_stored(client, supplier):
    signed_in(client, supplier.user)
    upload = SimpleUploadedFile("logo.png", png((600, 300)), content_type="image/png")
    response = client.post(reverse("web:company_logo"), {"logo": upload})
    assert response.status_code == 302
    supplier.company.refresh_from_db()
    assert supplier.company.logo.name.endswith(".jpg")


def test_a_non_image_logo_is_a_field_error(client, supplier):
    signed_in(client, supplier.user)
    upload = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(reverse("web:company_logo"), {"logo": upload})
    assert response.status_code == 400
    assert response.context["logo_form"].errors["logo"] == [
        "Upload a JPEG, PNG, WebP or GIF image."
    ]
    supplier.company.refresh_from_db()
    assert not supplier.company.logo


def test_an_oversized_logo_is_a_field_error(client, supplier):
    signed_in(client, supplier.user)
    upload = SimpleUploadedFile(
        "logo.png", png() + b"\0" * (2 * 1024 * 1024), content_type="image/png"
    )
    response = client.post(reverse("web:company_logo"), {"logo": upload})
    assert response.status_code == 400
    assert response.context["logo_form"].errors["logo"] == [
        "The image is too large; the limit is 2 MB."
    ]
    supplier.company.refresh_from_db()
    assert not supplier.company.logo


def test_a_sales_member_cannot_change_the_logo(client, supplier):
    sales = member_of(supplier.company, "sales")
    signed_in(client, sales.user)
    upload = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client.post(reverse("web:company_logo"), {"logo": upload})
    assert response.status_code == 403


def test_an_uploaded_logo_is_served_inline_as_an_image(client, supplier):
    signed_in(client, supplier.user)
    client.post(
        reverse("web:company_logo"),
        {"logo": SimpleUploadedFile("l.png", png(), content_type="image/png")},
    )
    supplier.company.refresh_from_db()
    response = client.get(supplier.company.logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_media_files_download_instead_of_rendering(client):
    name = default_storage.save("docs/page.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_media_paths_cannot_leave_the_media_folder(client):
    assert client.get("/media/../secret_key").status_code == 404
    assert client.get("/media/%2e%2e/secret_key").status_code == 404


def test_a_missing_media_file_is_not_found(client):
    assert client.get("/media/logos/none.png").status_code == 404


def test_private_uploads_are_not_served_as_media(client):
    name = default_storage.save("imports/abc/products.csv", ContentFile(b"title\nSecret"))
    assert default_storage.exists(name)
    assert client.get(f"/media/{name}").status_code == 404
