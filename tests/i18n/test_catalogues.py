"""The committed translation catalogues are complete and compiled."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "tradeloom" / "locale"
LANGS = ["ja", "zh_Hans"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_source(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert compiled == source


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_survive_translation(lang):
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    broken = []
    for e in po.translated_entries():
        wanted = set(pattern.findall(e.msgid))
        got = set(pattern.findall(e.msgstr or next(iter(e.msgstr_plural.values()), "")))
        if wanted != got:
            broken.append(e.msgid)
    assert broken == []
