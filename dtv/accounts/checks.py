"""Deploy checks (`manage.py check --deploy`): the login hardening must not be switched off in production."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def second_factor_required(app_configs, **kwargs):
    if settings.REQUIRE_2FA:
        return []
    return [
        Warning(
            "REQUIRE_2FA is off: staff log in with a password only.",
            hint="Set REQUIRE_2FA=true (the default) outside the demo.",
            id="regie.W001",
        )
    ]


@register(deploy=True)
def api_docs_require_login(app_configs, **kwargs):
    if settings.API_DOCS_REQUIRE_LOGIN:
        return []
    return [
        Warning(
            "API_DOCS_REQUIRE_LOGIN is off: the OpenAPI schema and Swagger UI are public.",
            hint="Set API_DOCS_REQUIRE_LOGIN=true (the default) outside the demo.",
            id="regie.W002",
        )
    ]
