from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .constants import ChainPartner, Role


class Team(models.Model):
    """A team of case officers under a team lead, working from a DT&V location."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    location = models.CharField(_("location"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person or chain-partner system working with Regie; roles are the groups it belongs to."""

    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    is_unaccompanied_minor_specialist = models.BooleanField(
        _("unaccompanied-minor specialist"),
        default=False,
        help_text=_("Only designated case officers may be assigned cases of unaccompanied minors."),
    )
    chain_partner = models.CharField(
        _("chain partner organisation"),
        max_length=20,
        choices=ChainPartner.choices,
        blank=True,
        help_text=_("Only for API accounts of chain partners."),
    )
    # What the user last chose in the language switch: mail sent without a request (the digest) uses it.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the e-mail the user receives; set when they switch language."),
    )

    session_epoch = models.PositiveIntegerField(
        _("session generation"),
        default=0,
        editable=False,
        help_text=_("Raised to end every session of the user at once (log out everywhere)."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        # Django checks this hash on every request: besides the password it covers the session
        # generation, so raising session_epoch ends all of the user's sessions.
        return salted_hmac(
            "dtv.accounts.models.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def roles(self):
        """The user's roles, in the order of the Role enumeration (one query, then kept for this object)."""
        # The header shows them on every page and services ask has_role: the login backend loads the
        # group names with the user, and otherwise they are read once per object (request.user is one
        # object per request). forget_roles drops the copy when the groups change through this object.
        if "_roles" not in self.__dict__:
            loaded = getattr(self, "loaded_role_names", None)
            names = set(loaded) if loaded is not None else {group.name for group in self.groups.all()}
            self.__dict__["_roles"] = [role for role in Role if role.value in names]
        return list(self.__dict__["_roles"])

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_roles", None)
        super().refresh_from_db(*args, **kwargs)

    def has_role(self, role):
        return role in self.roles

    @property
    def role_labels(self):
        return ", ".join(str(role.label) for role in self.roles)

    @property
    def preferred_language(self):
        """The language to write to this user in when no request tells (the e-mail digest)."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def is_api_only(self):
        return self.roles == [Role.CHAIN_PARTNER]


def forget_roles(sender, instance, action, **kwargs):
    """m2m_changed receiver: a user whose groups changed reads their roles afresh."""
    if action.startswith("post_") and isinstance(instance, User):
        instance.__dict__.pop("_roles", None)
        instance.__dict__.pop("loaded_role_names", None)


class ApiToken(models.Model):
    """A chain partner's (or script's) API key; only its SHA-256 digest is stored, the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField(
        _("prefix"), max_length=8, help_text=_("The first characters of the key, to recognise it.")
    )
    digest = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("issued at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    def is_valid_at(self, moment) -> bool:
        return self.revoked_at is None and moment < self.expires_at


class LoginFailure(models.Model):
    """One failed login, kept for the lockout per account and per address (and pruned after a day)."""

    username = models.CharField(_("username (as typed, folded)"), max_length=150, db_index=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True, db_index=True)
    failed_at = models.DateTimeField(_("failed at"), db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")
        ordering = ["-failed_at"]

    def __str__(self):
        return f"{self.username} @ {self.address} {self.failed_at:%Y-%m-%d %H:%M:%S}"


class RoleChangeRequest(models.Model):
    """A proposed change of a user's roles, applied only when a second functional administrator approves it.

    The row is the record of the change: who proposed which roles and why, who decided, when and why.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="role_change_requests",
    )
    roles_before = models.JSONField(_("roles before"), default=list)
    roles = models.JSONField(_("proposed roles"), default=list)
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-proposed_at", "-id"]
        permissions = [
            ("propose_role_change", _("Can propose a change of a user's roles")),
            ("decide_role_change", _("Can approve or reject a proposed change of roles")),
        ]
        constraints = [
            # One open proposal per user: a second would be decided against roles the first may change.
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="one_pending_role_change_per_user"
            ),
            # Four eyes, also in the database.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("proposed_by")),
                name="role_change_decided_by_another",
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.proposed_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @staticmethod
    def role_labels(values):
        names = set(values)
        return ", ".join(str(role.label) for role in Role if role.value in names) or "–"

    @property
    def roles_label(self):
        return self.role_labels(self.roles)

    @property
    def roles_before_label(self):
        return self.role_labels(self.roles_before)
