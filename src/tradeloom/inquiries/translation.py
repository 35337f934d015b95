"""Message translation: a provider interface, an Argos Translate provider, and the states
a reader sees.

Sending never waits for a translation: ``services`` enqueues ``tasks.translate_message``
after commit, and the conversation page shows the original until a translation
exists. Without a provider (Argos Translate not installed, or no language package
for the pair) the reader sees "translation not available" and the original.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings

log = logging.getLogger("tradeloom.inquiries")

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def base_language(code: str | None) -> str:
    """``zh-hans`` → ``zh``, ``en-us`` → ``en``: messages and readers compare base codes."""
    return (code or "en").lower().split("-")[0].split("_")[0][:10] or "en"


def detect_language(text: str, fallback: str = "en") -> str:
    """Japanese if it has kana, Chinese if it has han without kana, else the fallback."""
    sample = (text or "")[:2000]
    if _KANA.search(sample):
        return "ja"
    if _HANGUL.search(sample):
        return "ko"
    if len(_HAN.findall(sample)) >= 2:
        return "zh"
    fallback = base_language(fallback)
    return fallback if fallback not in {"ja", "zh", "ko"} else "en"


class Provider(Protocol):
    name: str

    def supports(self, source: str, target: str) -> bool: ...

    def translate(self, text: str, source: str, target: str) -> str: ...


class ArgosProvider:
    """Argos Translate with the language packages installed on this machine."""

    name = "argos"

    def __init__(self, module) -> None:
        self._translate = module

    def _languages(self) -> dict:
        return {lang.code: lang for lang in self._translate.get_installed_languages()}

    def supports(self, source: str, target: str) -> bool:
        langs = self._languages()
        if source not in langs or target not in langs:
            return False
        return langs[source].get_translation(langs[target]) is not None

    def translate(self, text: str, source: str, target: str) -> str:
        return self._translate.translate(text, source, target)


@lru_cache(maxsize=1)
def _argos() -> ArgosProvider | None:
    try:
        import argostranslate.translate as module  # type: ignore[import-not-found]
    except Exception:  # not installed, or broken: translation is simply not available
        return None
    try:
        if not module.get_installed_languages():
            return None
    except Exception:
        log.warning("Argos Translate is installed but unusable", exc_info=True)
        return None
    return ArgosProvider(module)


_override: list[Provider | None] = []


def set_provider(provider: Provider | None) -> None:
    """Use ``provider`` (or none) instead of the configured one; for tests and plug-ins."""
    _override.clear()
    _override.append(provider)


def reset_provider() -> None:
    _override.clear()


def get_provider() -> Provider | None:
    if _override:
        return _override[0]
    choice = getattr(settings, "INQUIRY_TRANSLATION_PROVIDER", "argos")
    if choice == "argos":
        return _argos()
    return None


@dataclass(frozen=True)
class Rendering:
    """What a reader sees of one message: ``state`` is original, translated, pending or
    unavailable; ``text`` is what to show first."""

    state: str
    text: str
    original: str
    source: str
    target: str


def render_for(message, reader_language: str, translations: dict[str, str]) -> Rendering:
    target = base_language(reader_language)
    source = base_language(message.language)
    if source == target or not message.body:
        return Rendering("original", message.body, message.body, source, target)
    if target in translations:
        return Rendering("translated", translations[target], message.body, source, target)
    provider = get_provider()
    if provider is not None and provider.supports(source, target):
        return Rendering("pending", message.body, message.body, source, target)
    return Rendering("unavailable", message.body, message.body, source, target)
