from django.contrib.auth.backends import ModelBackend

from tradeloom.accounts.models import User


class EmailBackend(ModelBackend):
    """Log in by email, case-insensitively. Inactive users are refused."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = (email or username or "").strip()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
