from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, url name, permission or None for staff-only, staff only)
_NAVIGATION = [
    (_("Work queue"), "cases:workqueue", "cases.view_case", False),
    (_("Search"), "cases:search", "cases.view_case", False),
    (_("Register"), "cases:intake", "cases.add_case", False),
    (_("Overdue"), "cases:overdue", "cases.view_team_caseload", False),
    (_("Notifications"), "cases:notifications", "cases.view_case", False),
    (_("Dashboard"), "reports:dashboard", "cases.view_team_caseload", False),
    (_("Access log"), "cases:access_log", "cases.view_accesslogentry", False),
    (_("System status"), "core:status", "core.view_heartbeat", False),
    (_("Administration"), "admin:index", None, True),
]


def navigation(request):
    """The main navigation for the logged-in user, limited to what their roles may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for label, url_name, perm, staff_only in _NAVIGATION:
        allowed = user.is_staff if staff_only else user.has_perm(perm)
        if allowed:
            url = reverse(url_name)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append({"label": label, "url": url, "url_name": url_name, "current": current})
    return {"navigation": items}
