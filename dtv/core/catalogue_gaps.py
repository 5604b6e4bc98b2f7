"""Dutch for the strings that Django 6.1 and django-simple-history show in the admin without a Dutch translation.

Why the admin spoke English ("Filter by datum", "- Select an option -", "Search gebruikers"): Django 6.1's
own Dutch catalogue has not caught up with the strings new in 6.x (they are empty in django/contrib/admin/
locale/nl and absent from django/conf/locale/nl), and django-simple-history ships no Dutch catalogue at all.
Our catalogue (LOCALE_PATHS) is consulted before Django's, so it fills the gaps.

Nothing imports this module: it is here so that `make messages` finds the message ids and keeps them in
dtv/locale/*/django.po. Each id is copied exactly from the package that uses it. The admin's JavaScript
strings (the calendar, "Note: Enter times in the … timezone") live in the djangojs domain: see
dtv/locale/nl/LC_MESSAGES/djangojs.po, which is kept by hand. tests/dtv/test_admin_language.py checks the
admin pages in Dutch, so a Django upgrade that adds a string shows up there.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO = (
    gettext_noop("- Select an option -"),
    gettext_noop("No %s matches the given query."),
    gettext_noop("“%(value)s” is not a valid binary value."),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but your "
        "account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected "
        "related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following related "
        "items will be deleted:"
    ),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Logout"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
)

SIMPLE_HISTORY = (
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Object"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    ngettext_lazy("entry", "entries", "count"),
)
