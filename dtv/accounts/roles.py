"""Which permissions each role holds: one declarative map, synchronised into groups after migrate."""

from django.db import transaction

from .constants import Role

# Permissions are named as strings (app_label.codename) so that this low layer imports no app
# above it; a permission that does not exist (yet) is skipped and joins on a later migrate.
ROLE_PERMISSIONS = {
    Role.CASE_OFFICER: [
        "cases.view_case",
        "cases.change_case",
        "cases.add_case",
        "cases.view_foreignnational",
        "cases.change_foreignnational",
        "cases.view_caseevent",
        "cases.break_glass",
    ],
    Role.TEAM_LEAD: [
        "cases.view_case",
        "cases.change_case",
        "cases.add_case",
        "cases.view_foreignnational",
        "cases.change_foreignnational",
        "cases.view_caseevent",
        "cases.assign_case",
        "cases.view_team_caseload",
        "cases.mark_confidential",
        "cases.reopen_case",
        "cases.break_glass",
    ],
    Role.ENFORCEMENT_OFFICER: [
        "cases.view_case",
        "cases.view_foreignnational",
        "cases.view_caseevent",
        "cases.break_glass",
    ],
    Role.FUNCTIONAL_ADMIN: [
        "accounts.view_team",
        "accounts.add_team",
        "accounts.change_team",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "core.view_heartbeat",
        "cases.view_atwholiday",
        "cases.add_atwholiday",
        "cases.change_atwholiday",
        "cases.delete_atwholiday",
    ],
    Role.PRIVACY_OFFICER: [
        "cases.view_accesslogentry",
        "cases.view_caseevent",
    ],
    Role.CHAIN_PARTNER: [
        "cases.submit_handover",
    ],
}

# Roles that work in the Django admin (Beheer) need is_staff.
STAFF_ROLES = {Role.FUNCTIONAL_ADMIN}


def sync_role_groups(sender=None, using="default", **kwargs):
    """Create one group per role and give it exactly the permissions of ROLE_PERMISSIONS."""
    from django.contrib.auth.models import Group, Permission

    with transaction.atomic(using=using):
        for role, perm_names in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            wanted = set()
            for name in perm_names:
                app_label, codename = name.split(".")
                wanted.add((app_label, codename))
            perms = [
                p
                for p in Permission.objects.using(using).select_related("content_type")
                if (p.content_type.app_label, p.codename) in wanted
            ]
            group.permissions.set(perms)
