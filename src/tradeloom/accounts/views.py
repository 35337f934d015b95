"""Sign-up, sign-in and out, email verification, password reset, invitations, account settings.

Views parse and render; every rule and write is in accounts.services.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from tradeloom.accounts import services
from tradeloom.accounts.forms import (
    DeactivateForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignupForm,
)
from tradeloom.accounts.middleware import SESSION_KEY
from tradeloom.accounts.selectors import memberships_of
from tradeloom.core.errors import DomainError, RateLimited
from tradeloom.web.forms import apply_domain_error, form_status
from tradeloom.web.views.pages import safe_next


def set_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _sign_in(request, user, target: str):
    """Start a fresh session (new id) in the user's own language."""
    auth_login(request, user)
    translation.activate(user.language)
    request.LANGUAGE_CODE = user.language
    return set_language_cookie(redirect(target), user.language)


def _pending_invitation(token: str):
    if not token:
        return None
    try:
        return services.invitation_for_token(token)
    except DomainError:
        return None


# --- sign up, in and out ---------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    token = request.POST.get("invitation") or request.GET.get("invitation") or ""
    invitation = _pending_invitation(token)
    if request.user.is_authenticated:
        if invitation is not None:
            return redirect("accounts:invitation", token=token)
        return redirect("web:dashboard")
    invited_email = invitation.email if invitation else None
    context = {"invitation": invitation, "token": token, "next": safe_next(request, "")}
    if request.method == "GET":
        form = SignupForm(
            initial={"language": translation.get_language(), "invitation": token},
            invited_email=invited_email,
        )
        return render(request, "accounts/signup.html", {**context, "form": form})
    form = SignupForm(request.POST, invited_email=invited_email)
    if not form.is_valid():
        return render(request, "accounts/signup.html", {**context, "form": form}, status=400)
    data = form.cleaned_data
    try:
        user = services.register_user(
            email=data["email"],
            password=data["password"],
            full_name=data["full_name"],
            language=data["language"],
        )
    except DomainError as exc:
        apply_domain_error(form, exc)
        return render(
            request, "accounts/signup.html", {**context, "form": form}, status=form_status(exc)
        )
    if invitation is not None:
        target = reverse("accounts:invitation", args=[token])
    else:
        target = safe_next(request, reverse("web:dashboard"))
    response = _sign_in(request, user, target)
    if invitation is None:
        messages.success(
            request,
            _("Welcome to Tradeloom! We sent a link to %(email)s to confirm your address.")
            % {"email": user.email},
        )
    return response


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login(request):
    if request.method == "GET":
        if request.user.is_authenticated:
            return redirect(safe_next(request, reverse("web:dashboard")))
        return render(
            request, "accounts/login.html", {"form": LoginForm(), "next": safe_next(request, "")}
        )
    form = LoginForm(request.POST)
    context = {"form": form, "next": safe_next(request, "")}
    if not form.is_valid():
        return render(request, "accounts/login.html", context, status=400)
    try:
        user = services.authenticate_login(
            request, form.cleaned_data["email"], form.cleaned_data["password"]
        )
    except DomainError as exc:
        apply_domain_error(form, exc)
        response = render(request, "accounts/login.html", context, status=form_status(exc))
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.details.get("retry_after", 60))
        return response
    return _sign_in(request, user, safe_next(request, reverse("web:dashboard")))


@require_http_methods(["GET", "POST"])
def logout(request):
    """Sign out here and everywhere else: every session of the user ends."""
    if request.method == "GET":
        if not request.user.is_authenticated:
            return redirect("web:home")
        return render(request, "accounts/logout.html")
    if request.user.is_authenticated:
        services.end_all_sessions(request.user)
    auth_logout(request)
    messages.success(request, _("You are signed out on all your devices."))
    return redirect("web:home")


# --- email verification --------------------------------------------------------------


@require_http_methods(["GET"])
def verify_email(request, token: str):
    try:
        user = services.verify_email(token)
    except DomainError as exc:
        return render(
            request, "accounts/verify_email.html", {"error": exc.message}, status=form_status(exc)
        )
    return render(request, "accounts/verify_email.html", {"verified_email": user.email})


@login_required
@require_POST
def resend_verification(request):
    if request.user.email_verified:
        messages.info(request, _("Your email address is already confirmed."))
    else:
        services.resend_verification(request.user)
        messages.success(
            request,
            _("We sent a new confirmation link to %(email)s.") % {"email": request.user.email},
        )
    return redirect(safe_next(request, reverse("web:dashboard")))


# --- password reset (Django's views, our templates and mails) -------------------------

password_reset = auth_views.PasswordResetView.as_view(
    form_class=PasswordResetForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
    extra_email_context={"site_url": settings.SITE_URL, "site_name": settings.SITE_NAME},
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=SetPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


# --- invitations -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Show who invites you where; signed in with the invited address, accept it."""
    try:
        invite = services.invitation_for_token(token)
    except DomainError as exc:
        return render(
            request, "accounts/invitation_invalid.html", {"message": exc.message}, status=exc.status
        )
    user = request.user
    context = {
        "invitation": invite,
        "token": token,
        "email_matches": user.is_authenticated and user.email.lower() == invite.email.lower(),
        "already_member": user.is_authenticated
        and memberships_of(user).filter(company_id=invite.company_id).exists(),
    }
    if request.method == "GET":
        return render(request, "accounts/invitation.html", context)
    if not user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
    try:
        membership = services.accept_invitation(token, user, request=request)
    except DomainError as exc:
        return render(
            request,
            "accounts/invitation.html",
            {**context, "error": exc.message},
            status=exc.status,
        )
    request.session[SESSION_KEY] = membership.company_id
    messages.success(
        request,
        _("Welcome to %(company)s! You joined as %(role)s.")
        % {"company": membership.company.display_name, "role": membership.get_role_display()},
    )
    return redirect("web:dashboard")


# --- account settings ---------------------------------------------------------------------


def _settings_page(
    request, *, profile_form=None, password_form=None, deactivate_form=None, status=200
):
    user = request.user
    context = {
        "profile_form": profile_form
        or ProfileForm(initial={"full_name": user.full_name, "language": user.language}),
        "password_form": password_form or PasswordChangeForm(user),
        "deactivate_form": deactivate_form or DeactivateForm(),
    }
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    if request.method == "GET":
        return _settings_page(request)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, profile_form=form, status=400)
    try:
        user = services.update_profile(
            request.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
    except DomainError as exc:
        apply_domain_error(form, exc)
        return _settings_page(request, profile_form=form, status=form_status(exc))
    translation.activate(user.language)
    messages.success(request, _("Your settings are saved."))
    return set_language_cookie(redirect("accounts:settings"), user.language)


@sensitive_post_parameters()
@login_required
@require_POST
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _settings_page(request, password_form=form, status=400)
    # Django's form sets the password; the new hash ends every other session,
    # and this one is kept.
    user = form.save()
    update_session_auth_hash(request, user)
    messages.success(request, _("Your password is changed. Other sessions were signed out."))
    return redirect("accounts:settings")


@sensitive_post_parameters()
@login_required
@require_POST
def deactivate(request):
    form = DeactivateForm(request.POST)
    if form.is_valid() and not request.user.check_password(form.cleaned_data["password"]):
        form.add_error("password", _("The password is not correct."))
    if not form.is_valid():
        return _settings_page(request, deactivate_form=form, status=400)
    try:
        services.deactivate_user(request.user, request=request)
    except DomainError as exc:
        apply_domain_error(form, exc)
        return _settings_page(request, deactivate_form=form, status=form_status(exc))
    auth_logout(request)
    messages.success(request, _("Your account is deactivated. We are sorry to see you go."))
    return redirect("web:home")
