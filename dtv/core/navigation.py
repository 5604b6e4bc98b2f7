"""What an app declares for the main navigation and for the page a user's day starts on.

Each app lists its entries on its own `AppConfig` (`navigation` and `start_pages`); the project's top
layer (`dtv.navigation`) collects them. The types live here, at the bottom, so that every app, core
included, can declare them without importing anything above itself.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuEntry:
    """A link in the main navigation, shown to users who hold `permission` (or, if `staff_only`, to staff).

    `badge` is the dotted path of a function `(user) -> int` whose non-zero result is shown as a
    count next to the label, read out with `badge_label` ("3 unread"); it is only called for users
    who see the entry.
    """

    label: Promise | str
    url_name: str
    permission: str = ""
    order: int = 100
    staff_only: bool = False
    badge: str = ""
    badge_label: Promise | str = ""

    def __post_init__(self):
        # An entry with neither would be shown to everybody; one with both would hide a mistake.
        if bool(self.permission) == self.staff_only:
            raise ValueError(f"Menu entry {self.url_name}: give either a permission or staff_only=True.")

    def shown_to(self, user) -> bool:
        return user.is_staff if self.staff_only else user.has_perm(self.permission)


@dataclass(frozen=True)
class StartPage:
    """A page a user's day may start on: `dtv.views.home` sends a user to the lowest `order` they may open."""

    url_name: str
    permission: str
    order: int = 100
