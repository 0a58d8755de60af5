from django.conf import settings

from schakel.core.access import policy_for


def navigation(request):
    policy = policy_for(getattr(request, "user", None))
    return {
        "nav_policy": policy,
        "nav_has_workqueue": policy.has_perm("cases.view_case"),
        "nav_can_see_log": policy.has_perm("core.view_processinglogentry"),
        "nav_can_see_security_log": policy.has_perm("core.view_securitylogentry"),
        "nav_can_search": policy.has_perm("people.view_household")
        or policy.has_perm("people.view_all_households"),
        "nav_languages": settings.LANGUAGES,
    }
