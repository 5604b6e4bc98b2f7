from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
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

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

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
