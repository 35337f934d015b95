"""Translation: originals kept, a provider when installed, a clear state otherwise, and
sending never waits."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import MembershipFactory
from tests.inquiries.test_views import client_for
from tradeloom.inquiries import services
from tradeloom.inquiries.models import MessageTranslation
from tradeloom.inquiries.tasks import translate
from tradeloom.inquiries.translation import detect_language, render_for, set_provider


class Reverser:
    """A provider that 'translates' by reversing; only en→ja and ja→en."""

    name = "reverser"

    def __init__(self):
        self.calls = 0

    def supports(self, source, target):
        return {source, target} == {"en", "ja"}

    def translate(self, text, source, target):
        self.calls += 1
        return text[::-1]


def test_detect_language():
    assert detect_language("ネイビーで800枚") == "ja"
    assert detect_language("藏青色可以做吗") == "zh"
    assert detect_language("Navy please", "de") == "de"
    assert detect_language("Navy please", "zh-hans") == "en"


def test_without_a_provider_translation_is_not_available(buyer, supplier, conversation):
    set_provider(None)
    message = services.send_message(supplier, conversation.pk, "藏青色可以做")
    shown = render_for(message, "en", {})
    assert shown.state == "unavailable"
    assert shown.text == "藏青色可以做"
    assert translate(message.pk, "en") == "unavailable"
    page = client_for(buyer).get(reverse("inquiries:conversation", args=[conversation.pk]))
    assert "Translation not available" in page.content.decode()


def test_sending_enqueues_and_never_translates_inline(
    buyer, supplier, conversation, django_capture_on_commit_callbacks
):
    provider = Reverser()
    set_provider(provider)
    buyer.user.language = "ja"
    buyer.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        message = services.send_message(supplier, conversation.pk, "Hello there")
    assert provider.calls == 0  # the request did not translate
    assert render_for(message, "ja", {}).state == "pending"
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="translate_message").count() == 1


def test_the_task_translates_once_and_the_original_stays(buyer, supplier, conversation):
    provider = Reverser()
    set_provider(provider)
    message = services.send_message(supplier, conversation.pk, "Hello there")
    assert translate(message.pk, "ja") == "translated"
    assert translate(message.pk, "ja") == "exists"
    assert provider.calls == 1
    row = MessageTranslation.objects.get()
    shown = render_for(message, "ja", {row.language: row.text})
    assert (shown.state, shown.text, shown.original) == (
        "translated",
        "ereht olleH",
        "Hello there",
    )
    member = MembershipFactory(company=buyer.company, role="purchaser", user__language="ja")
    page = client_for(member).get(
        reverse("inquiries:conversation", args=[conversation.pk]), HTTP_ACCEPT_LANGUAGE="ja"
    )
    body = page.content.decode()
    assert "ereht olleH" in body and "Hello there" in body  # the original one click away


def test_a_reader_nobody_asked_for_gets_a_translation_queued(buyer, supplier, conversation):
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    cache.clear()
    set_provider(Reverser())
    message = services.send_message(supplier, conversation.pk, "Hello there")
    assert not DBTaskResult.objects.exists()  # the buyer reads English: nothing asked
    member = MembershipFactory(company=buyer.company, role="purchaser", user__language="ja")
    client = client_for(member)
    url = reverse("inquiries:conversation", args=[conversation.pk])
    client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
    queued = DBTaskResult.objects.filter(task_path__endswith="translate_message")
    assert queued.count() == 2  # the English inquiry and the English reply
    client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
    assert queued.count() == 2  # not again on the next view
    assert translate(message.pk, "ja") == "translated"


def test_argos_provider_speaks_the_argos_interface():
    from types import SimpleNamespace

    from tradeloom.inquiries.translation import ArgosProvider

    class Language:
        def __init__(self, code, targets):
            self.code, self.targets = code, targets

        def get_translation(self, other):
            return object() if other.code in self.targets else None

    module = SimpleNamespace(
        get_installed_languages=lambda: [Language("en", {"ja"}), Language("ja", set())],
        translate=lambda text, source, target: f"[{source}>{target}] {text}",
    )
    provider = ArgosProvider(module)
    assert provider.supports("en", "ja")
    assert not provider.supports("ja", "en")
    assert not provider.supports("en", "zh")
    assert provider.translate("Hi", "en", "ja") == "[en>ja] Hi"
