from django import forms
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dtv.core.forms import add_service_errors

from .constants import Role
from .models import RoleChangeRequest, Team, User
from .rolechanges import (
    role_change_decide,
    role_change_decision_refusal,
    role_change_propose,
    role_change_target_refusal,
    role_change_validate,
)

# What makes an account mighty: only a superuser sets these, and never on their own account. A functional
# administrator changes roles through a proposal another one approves (RoleChangeRequestAdmin).
PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")

# Django writes permission names once, in English, when it migrates ("Can add team"); they are data, not
# messages. The admin shows them in the user's language instead, built from the model's translated name.
_DEFAULT_PERMISSIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def role_label(group):
    """A role's group by its label ("Regievoerder"), not by its code ("case_officer")."""
    try:
        return str(Role(group.name).label)
    except ValueError:
        return group.name


def permission_label(permission):
    """ "Gebruikers en teams | team | Mag team toevoegen" rather than "… | Can add team"."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and action in _DEFAULT_PERMISSIONS and model_name == model._meta.model_name:
        name = _DEFAULT_PERMISSIONS[action] % {"model": model._meta.verbose_name}
    else:
        # Our own permissions are declared with gettext_lazy, so their English name is a message id.
        name = gettext(permission.name)
    return f"{content_type} | {name}"


def _label_choices(db_field, field):
    if db_field.name == "groups":
        field.label_from_instance = role_label
    elif db_field.name in ("user_permissions", "permissions"):
        field.label_from_instance = permission_label
    return field


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "rol"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "location"]
    search_fields = ["name", "code"]


def may_set_privileges(request, user) -> bool:
    """Whether the request may set superuser and staff status, groups and permissions of `user` directly."""
    return request.user.is_superuser and (user is None or user.pk != request.user.pk)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "team",
        "roles",
        "is_unaccompanied_minor_specialist",
        "is_active",
    ]
    list_filter = ["team", RoleFilter, "is_unaccompanied_minor_specialist", "is_active"]
    list_select_related = ["team"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Regie"), {"fields": ("team", "is_unaccompanied_minor_specialist", "chain_partner")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        return user.role_labels or "–"

    @admin.display(description=_("roles"))
    def roles_with_proposal_link(self, user):
        url = reverse(admin_urlname(RoleChangeRequest._meta, "add")) + f"?user={user.pk}"
        return format_html(
            '{} (<a href="{}">{}</a>)',
            user.role_labels or "–",
            url,
            _("propose a change, another administrator approves"),
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or may_set_privileges(request, obj):
            return fieldsets
        # The fields are left out of the form, so a posted is_superuser=on is not even read.
        kept = []
        for name, options in fieldsets:
            fields = tuple(field for field in options["fields"] if field not in PRIVILEGE_FIELDS)
            if "is_superuser" in options["fields"]:
                fields = ("is_active", "roles_with_proposal_link")
            kept.append((name, {**options, "fields": fields}))
        return kept

    def get_readonly_fields(self, request, obj=None):
        if obj is None or may_set_privileges(request, obj):
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "roles_with_proposal_link"]

    def has_change_permission(self, request, obj=None):
        # Not the account of a superuser, nor of another staff member (its password would open the
        # four-eyes approval to one person): those are a superuser's.
        mighty = obj is not None and (obj.is_superuser or obj.is_staff)
        if mighty and not request.user.is_superuser and obj.pk != request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _label_choices(db_field, super().formfield_for_manytomany(db_field, request, **kwargs))


class RoleChangeProposalForm(forms.ModelForm):
    """A functional administrator's proposal: the user, the roles it should hold, and why."""

    roles = forms.MultipleChoiceField(
        label=_("proposed roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = RoleChangeRequest
        fields = ["user", "roles", "reason"]

    actor = None  # set by the admin for the request

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("user") is not None:
            try:
                role_change_validate(
                    user=data["user"], roles=data.get("roles") or [], reason=data.get("reason"), actor=self.actor
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data


class RoleChangeDecisionForm(forms.ModelForm):
    """The second administrator's decision on a proposal."""

    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("approve", _("Approve: the user gets the proposed roles")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    decision_reason = forms.CharField(
        label=_("reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when you reject."),
    )

    class Meta:
        model = RoleChangeRequest
        fields = []

    actor = None

    def clean(self):
        data = super().clean()
        refusal = role_change_decision_refusal(change=self.instance, actor=self.actor)
        if refusal:
            raise ValidationError(refusal)
        if data.get("decision") == "reject" and not (data.get("decision_reason") or "").strip():
            self.add_error("decision_reason", gettext("Give the reason for rejecting the change."))
        return data


@admin.register(RoleChangeRequest)
class RoleChangeRequestAdmin(admin.ModelAdmin):
    """Four eyes on roles: one functional administrator proposes, another approves or rejects."""

    list_display = ["user", "roles_before_label", "roles_label", "status", "proposed_by", "proposed_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["user", "proposed_by", "decided_by"]
    search_fields = ["user__username", "user__last_name"]
    SHOWN = [
        "user",
        "roles_before_label",
        "roles_label",
        "reason",
        "proposed_by",
        "proposed_at",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "four_eyes",
    ]

    @admin.display(description=_("roles before"))
    def roles_before_label(self, change):
        return change.roles_before_label

    @admin.display(description=_("proposed roles"))
    def roles_label(self, change):
        return change.roles_label

    @admin.display(description=_("who decides"))
    def four_eyes(self, change):
        return getattr(change, "refusal_for_reader", None) or "–"

    def _decidable(self, request, obj):
        return obj is not None and role_change_decision_refusal(change=obj, actor=request.user) is None

    def has_add_permission(self, request):
        return request.user.has_perm("accounts.propose_role_change")

    def has_change_permission(self, request, obj=None):
        if not request.user.has_perm("accounts.decide_role_change"):
            return False
        return obj is None or self._decidable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the record of a role change stays

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "roles", "reason"]
        if self._decidable(request, obj):
            return [name for name in self.SHOWN if name not in ("decision_reason", "four_eyes")] + [
                "decision",
                "decision_reason",
            ]
        return self.SHOWN

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The display reads it from the object (the admin instance is shared by every request).
        obj.refusal_for_reader = role_change_decision_refusal(change=obj, actor=request.user)
        return [name for name in self.get_fields(request, obj) if name not in ("decision", "decision_reason")] + (
            [] if self._decidable(request, obj) else ["decision_reason"]
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = RoleChangeDecisionForm if obj is not None else RoleChangeProposalForm
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            users = User.objects.exclude(pk=request.user.pk).order_by("username")
            if not request.user.is_superuser:
                users = users.exclude(is_superuser=True)
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        user = initial.get("user")
        if user and str(user).isascii() and str(user).isdigit():
            found = User.objects.filter(pk=int(user)).prefetch_related("groups").first()
            if found is not None and role_change_target_refusal(user=found, actor=request.user) is None:
                initial["roles"] = [role.value for role in found.roles]
        return initial

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        data = form.cleaned_data
        try:
            if change:
                saved = role_change_decide(
                    change=obj,
                    approve=data["decision"] == "approve",
                    reason=data.get("decision_reason", ""),
                    actor=request.user,
                    now=now,
                )
            else:
                saved = role_change_propose(
                    user=data["user"], roles=data.get("roles") or [], reason=data["reason"], actor=request.user, now=now
                )
        except ValidationError:
            # The form checked the same rules; only a decision or proposal made at the same moment by
            # someone else gets here. The admin's transaction is rolled back: nothing is written.
            raise PermissionDenied from None
        obj.pk = saved.pk
        obj.__dict__.update({key: value for key, value in saved.__dict__.items() if not key.startswith("_")})

    def save_related(self, request, form, formsets, change):
        pass  # no relations of its own; the roles were set by the service


admin.site.unregister(Group)

# django-otp's device screens show a device's secret (its QR code) to whoever may view them, and a missing
# id gives a server error there. Devices are managed on the security page and with `two_factor_reset`.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    list_display = ["name", "role"]

    @admin.display(description=_("role"))
    def role(self, group):
        return role_label(group)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _label_choices(db_field, super().formfield_for_manytomany(db_field, request, **kwargs))
