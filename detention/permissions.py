"""Who may do what with measures and orders: one place for pages, the API and the shell."""

from cases.permissions import cases_visible_to, scoped


def _visible(user, case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def can_view_measures(user) -> bool:
    return user.is_authenticated and not user.chain_partner and user.has_perm("detention.view_measure")


def can_impose(user, case) -> bool:
    """Enforcement officers impose, end and draft, on the open cases in their scope."""
    return user.has_perm("detention.impose_measure") and case.is_open and _visible(user, case)


def can_approve(user, case) -> bool:
    """A team lead approves the detention of a minor or a family (four eyes; never their own draft)."""
    return user.has_perm("detention.approve_order") and case.is_open and _visible(user, case)


def can_extend_holding(user, case) -> bool:
    """Art. 50 lid 4 Vw 2000: only an officer authorised for it extends a holding."""
    return user.has_perm("detention.extend_holding") and case.is_open and _visible(user, case)


def can_record_progress(user, case) -> bool:
    """Case officers write the progress reports and record the reporting duty; enforcement officers too."""
    return (user.has_perm("detention.record_progress") or user.has_perm("detention.impose_measure")) and _visible(
        user, case
    )


def measures_visible_to(user, queryset):
    """The rows of `queryset` (measures, orders, …) whose case lies in the user's scope."""
    return scoped(queryset, user)
