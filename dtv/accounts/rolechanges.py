"""Role changes with four eyes: one functional administrator proposes, another approves or rejects.

Nobody changes their own roles, nobody decides on their own proposal, and only a superuser touches a
superuser's account. Superuser and staff status are no roles: they are never proposed (staff status
follows the roles, `services.user_set_roles`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .constants import Role
from .models import RoleChangeRequest, User
from .services import user_set_roles

REASON_MAX_LENGTH = 1000


def _role_values(user):
    return sorted(group.name for group in user.groups.all() if group.name in Role.values)


def role_change_target_refusal(*, user, actor) -> str | None:
    """Why `actor` may not propose or decide a change of `user`'s roles, or None."""
    if user.pk == actor.pk:
        return _("Nobody changes their own roles: another functional administrator proposes it.")
    if user.is_superuser and not actor.is_superuser:
        return _("Only a superuser changes the account of a superuser.")
    return None


def role_change_validate(*, user, roles, reason, actor) -> list[str]:
    """The checked role values of a proposal; ValidationError names the field that is wrong."""
    refusal = role_change_target_refusal(user=user, actor=actor)
    if refusal:
        raise ValidationError({"user": refusal})
    errors = {}
    values = sorted(set(roles))
    unknown = [value for value in values if value not in Role.values]
    if unknown:
        errors["roles"] = _("Unknown role: %(roles)s.") % {"roles": ", ".join(map(str, unknown))}
    elif user.chain_partner and values != [Role.CHAIN_PARTNER.value]:
        errors["roles"] = _("An API account of a chain partner holds the chain-partner role only.")
    elif not user.chain_partner and Role.CHAIN_PARTNER.value in values:
        errors["roles"] = _("Only an API account of a chain partner holds the chain-partner role.")
    elif values == _role_values(user):
        errors["roles"] = _("These are the user's roles already.")
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Give the reason for the change.")
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = _("At most %(length)d characters.") % {"length": REASON_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def role_change_propose(*, user, roles, reason, actor, now) -> RoleChangeRequest:
    """Propose that `user` gets exactly `roles`; nothing changes until another administrator approves."""
    if not actor.has_perm("accounts.propose_role_change"):
        raise PermissionDenied
    # The user's row is the lock: two proposals at once for one user become one and a refusal.
    user = User.objects.select_for_update().get(pk=user.pk)
    values = role_change_validate(user=user, roles=roles, reason=reason, actor=actor)
    if RoleChangeRequest.objects.filter(user=user, status=RoleChangeRequest.Status.PENDING).exists():
        raise ValidationError({"user": _("A change of this user's roles awaits a decision already.")})
    return RoleChangeRequest.objects.create(
        user=user,
        roles_before=_role_values(user),
        roles=values,
        reason=reason.strip(),
        proposed_by=actor,
        proposed_at=now,
    )


def role_change_decision_refusal(*, change, actor) -> str | None:
    """Why `actor` may not approve or reject `change`, or None (four eyes: never the proposer)."""
    if not change.is_pending:
        return _("This change has been decided already.")
    if change.proposed_by_id == actor.pk:
        return _("You proposed this change: another functional administrator approves or rejects it.")
    return role_change_target_refusal(user=change.user, actor=actor)


@transaction.atomic
def role_change_decide(*, change, approve: bool, reason, actor, now) -> RoleChangeRequest:
    """Approve (the roles are set) or reject a proposed role change; the decider is not the proposer."""
    if not actor.has_perm("accounts.decide_role_change"):
        raise PermissionDenied
    change = RoleChangeRequest.objects.select_for_update().select_related("user").get(pk=change.pk)
    refusal = role_change_decision_refusal(change=change, actor=actor)
    if refusal:
        raise ValidationError(refusal)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"decision_reason": _("Give the reason for rejecting the change.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"decision_reason": _("At most %(length)d characters.") % {"length": REASON_MAX_LENGTH}})
    if approve:
        user_set_roles(user=change.user, roles=[Role(value) for value in change.roles])
    change.status = RoleChangeRequest.Status.APPROVED if approve else RoleChangeRequest.Status.REJECTED
    change.decided_by = actor
    change.decided_at = now
    change.decision_reason = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return change
