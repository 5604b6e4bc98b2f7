from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .constants import Role
from .models import Team, User

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


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "team",
        "is_unaccompanied_minor_specialist",
        "is_active",
    ]
    list_filter = ["team", RoleFilter, "is_unaccompanied_minor_specialist", "is_active"]
    list_select_related = ["team"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Regie"), {"fields": ("team", "is_unaccompanied_minor_specialist", "chain_partner")}),
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _label_choices(db_field, super().formfield_for_manytomany(db_field, request, **kwargs))


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    list_display = ["name", "role"]

    @admin.display(description=_("role"))
    def role(self, group):
        return role_label(group)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _label_choices(db_field, super().formfield_for_manytomany(db_field, request, **kwargs))
