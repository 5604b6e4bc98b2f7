"""dtv/accounts keeps the mechanism of roles and navigation, not the list: it names no other app of ours.

import-linter keeps accounts from importing the apps above it; a permission or URL name is a string,
which import-linter cannot see, so this test reads the source.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import get_resolver

ACCOUNTS = Path(apps.get_app_config("accounts").path)


def project_app_labels():
    """The labels of the project's own apps (not Django's or third parties'), accounts excepted."""
    base = Path(settings.BASE_DIR)
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base) and config.label != "accounts"
    }


def url_namespaces():
    return {namespace for namespace in get_resolver().namespace_dict if namespace != "accounts"}


def quoted_names(labels, namespaces):
    """A quoted string that starts like `cases.view_case` or `cases:workqueue`."""
    prefixes = [re.escape(label) + r"\." for label in labels] + [re.escape(namespace) + ":" for namespace in namespaces]
    alternatives = "|".join(sorted(prefixes))
    return re.compile(rf"""["'](?:{alternatives})[\w-]+""")


def sources():
    return sorted(
        path
        for path in ACCOUNTS.rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts
    )


def test_accounts_names_no_permission_or_url_of_another_app():
    pattern = quoted_names(project_app_labels(), url_namespaces())
    found = [
        f"{path.relative_to(ACCOUNTS)}:{number}: {line.strip()}"
        for path in sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


def test_the_check_would_see_a_permission_and_a_url_name():
    # The pattern itself is what keeps the test honest: it must catch the forms the old list used.
    pattern = quoted_names(project_app_labels(), url_namespaces())
    assert pattern.search('(_("Work queue"), "cases:workqueue", "cases.view_case", False),')
    assert pattern.search("    'core.view_heartbeat',")
    assert pattern.search('"cases-api:case-list"')
    assert not pattern.search('"accounts.change_user"')
    assert not pattern.search('name = "dtv.accounts"')
