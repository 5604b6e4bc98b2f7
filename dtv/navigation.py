"""The main navigation and the start page, collected from what every installed app declares.

An app declares `navigation = [MenuEntry(...)]` and `start_pages = [StartPage(...)]` on its
`AppConfig` (types in `dtv.core.navigation`). This module sits in the top layer, next to
`dtv/urls.py`, because only here may the project name every app's URLs; it names none but the
Django admin, which `dtv/urls.py` mounts.
"""

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from dtv.core.navigation import MenuEntry, StartPage

# The project's own entries: the admin is mounted by dtv/urls.py, not by an app.
PROJECT_NAVIGATION = [MenuEntry(_("Administration"), "admin:index", staff_only=True, order=900)]


def _declared(attribute, app_configs):
    configs = apps.get_app_configs() if app_configs is None else app_configs
    return [item for config in configs for item in getattr(config, attribute, ())]


def menu_entries(app_configs=None) -> list[MenuEntry]:
    """Every menu entry the installed apps declare, plus the project's, in their order."""
    entries = _declared("navigation", app_configs) + PROJECT_NAVIGATION
    return sorted(entries, key=lambda entry: (entry.order, entry.url_name))


def start_pages(app_configs=None) -> list[StartPage]:
    """Every start page the installed apps declare, first choice first."""
    return sorted(_declared("start_pages", app_configs), key=lambda page: (page.order, page.url_name))


def start_page(user) -> str | None:
    """The URL name of the page the user's day starts on, or None when no app offers them one."""
    for page in start_pages():
        if user.has_perm(page.permission):
            return page.url_name
    return None


def navigation(request):
    """Context processor: the main navigation for the logged-in user, limited to what they may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for entry in menu_entries():
        if not entry.shown_to(user):
            continue
        url = reverse(entry.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        badge = import_string(entry.badge)(user) if entry.badge else 0
        items.append(
            {
                "label": entry.label,
                "url": url,
                "url_name": entry.url_name,
                "current": current,
                "badge": badge,
                "badge_label": entry.badge_label,
                # The badge's element id: htmx fragments after an action update it out of band.
                "badge_id": f"nav-badge-{entry.url_name.replace(':', '-')}" if entry.badge else "",
            }
        )
    return {"navigation": items}
