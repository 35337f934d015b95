"""factory_boy factories shared by all tests."""

import factory

from tradeloom.accounts.models import Company, Membership, User
from tradeloom.core.permissions import Role

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email_verified_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    kind = Company.Kind.SUPPLIER
    slug = factory.Sequence(lambda n: f"company-{n}")
    legal_name = factory.Sequence(lambda n: f"Company {n} Ltd.")
    display_name = factory.Sequence(lambda n: f"Company {n}")
    country = "CN"
    default_currency = "USD"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = Role.OWNER
