"""Every user-facing string is translated, and the pages speak the reader's language.

The catalogue tests need GNU gettext (``xgettext``, ``msgmerge``) because they re-extract the
strings from a copy of the source exactly as ``make messages`` does. When one fails, run
``make messages``, translate the listed entries in ``src/cordones/locale/*/LC_MESSAGES/django.po``
(Spanish of Argentina with voseo, Brazilian Portuguese, and English copied from the msgid), and
remove any ``#, fuzzy`` flag.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "cordones"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("es", "pt_BR", "en")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
FIX = "run `make messages` and translate them in src/cordones/locale/{lang}/LC_MESSAGES/django.po"


def _describe(entries: list[polib.POEntry]) -> str:
    return "\n".join(f"  - {e.msgid!r}" for e in entries)


# ---- 1. the catalogues hold every string of the current source, translated -----------------


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, polib.POFile]:
    """Run makemessages on a copy of the package, so the working tree is never touched."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.fail("GNU gettext (xgettext, msgmerge) is needed to check the translations")
    tmp = tmp_path_factory.mktemp("i18n")
    copy = tmp / "cordones"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo"))
    # The project settings point LOCALE_PATHS at the real catalogues: override it so that
    # makemessages can only ever write inside the copy.
    (tmp / "i18n_check_settings.py").write_text(
        f"from config.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "i18n_check_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT), str(ROOT / "src")]),
    }
    command = [sys.executable, "-m", "django", "makemessages", "--no-obsolete", "--no-location"]
    for lang in LANGUAGES:
        command += ["-l", lang]
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"makemessages failed:\n{done.stdout}\n{done.stderr}"
    return {
        lang: polib.pofile(str(copy / "locale" / lang / "LC_MESSAGES" / "django.po"))
        for lang in LANGUAGES
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogs_complete(regenerated: dict[str, polib.POFile], lang: str) -> None:
    catalog = regenerated[lang]
    live = [e for e in catalog if not e.obsolete]
    assert live, "makemessages found no strings at all"
    untranslated = [e for e in live if not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [e for e in live if "fuzzy" in e.flags]
    problems = []
    if untranslated:
        problems.append(f"{len(untranslated)} untranslated string(s):\n{_describe(untranslated)}")
    if fuzzy:
        problems.append(
            f"{len(fuzzy)} fuzzy string(s) (check them, then drop the flag):\n{_describe(fuzzy)}"
        )
    assert not problems, (
        f"The {lang} catalogue is not complete; {FIX.format(lang=lang)}.\n" + "\n".join(problems)
    )


# ---- 2. the committed catalogues are well formed ---------------------------------------------


def _committed(lang: str) -> polib.POFile:
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing; run `make messages`"
    return polib.pofile(str(path))


def _placeholders(text: str) -> set[str]:
    return {name for name in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_catalog_headers(lang: str) -> None:
    catalog = _committed(lang)
    assert catalog.metadata.get("Plural-Forms") == PLURAL_FORMS
    assert catalog.metadata.get("Language") == lang
    assert "charset=UTF-8" in catalog.metadata.get("Content-Type", "")
    assert not catalog.metadata_is_fuzzy, "drop the `#, fuzzy` flag of the header"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_catalog_keeps_placeholders(lang: str) -> None:
    catalog = _committed(lang)
    problems = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if i == 0 else entry.msgid_plural, text)
                for i, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if not text:
                continue
            wanted, found = sorted(_placeholders(source)), sorted(_placeholders(text))
            if wanted != found:
                problems.append(f"  - {entry.msgid!r}: {wanted} became {found}")
            elif "python-format" in entry.flags:
                try:
                    text % {name: 1 for name in _placeholders(source)}
                except (TypeError, ValueError, KeyError) as error:
                    problems.append(f"  - {entry.msgid!r}: the translation breaks % ({error})")
    assert not problems, f"Placeholders differ in the {lang} catalogue:\n" + "\n".join(problems)


# ---- 3. the pages are served in the reader's language ----------------------------------------


@pytest.fixture
def compiled_catalogs(settings, tmp_path: Path) -> Path:
    """Compile the committed .po files, so the pages are checked against them and not against
    whatever .mo file was left in the tree by an earlier `make compile-messages`."""
    for lang in LANGUAGES:
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        _committed(lang).save_as_mofile(str(target / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path]  # resets Django's translation caches
    return tmp_path


SPANISH = ("Registro de Asociados", "Consejo de Administración y sindicatura")
PORTUGUESE = ("Registro de Associados", "Conselho de Administração e Conselho Fiscal")
ENGLISH = ("Members register", "Council and auditor")


def _assert_page(response, lang: str, phrases: tuple[str, ...]) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    for phrase in phrases:
        assert phrase in page, f"{phrase!r} is missing from the page in {lang}"


@pytest.mark.django_db
def test_dashboard_in_spanish_by_default(client, shop, compiled_catalogs) -> None:
    client.force_login(shop.users["secretary"])
    response = client.get(reverse("dashboard", args=[shop.workplace.slug]))
    _assert_page(response, "es", SPANISH)
    assert "Members register" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code,phrases,absent",
    [("pt-br", PORTUGUESE, SPANISH[0]), ("en", ENGLISH, SPANISH[0]), ("es", SPANISH, ENGLISH[0])],
)
def test_language_switcher(client, shop, compiled_catalogs, code, phrases, absent) -> None:
    client.force_login(shop.users["secretary"])
    url = reverse("dashboard", args=[shop.workplace.slug])
    response = client.post(reverse("set_language"), {"language": code, "next": url})
    assert response.status_code == 302
    response = client.get(url)
    _assert_page(response, code, phrases)
    assert absent not in response.content.decode()


@pytest.mark.django_db
def test_preferred_language_without_cookie(client, shop, compiled_catalogs, settings) -> None:
    member = shop.users["member"]
    member.preferred_language = "pt-br"
    member.save()
    client.force_login(member)
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
    response = client.get(reverse("dashboard", args=[shop.workplace.slug]))
    _assert_page(response, "pt-br", PORTUGUESE[1:])
    assert SPANISH[1] not in response.content.decode()
