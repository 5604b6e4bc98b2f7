from .deadlines.selectors import unread_count


def notifications(request):
    """The number of unread notifications for the navigation badge (one indexed count per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("cases.view_case"):
        return {}
    return {"unread_notifications": unread_count(user)}
