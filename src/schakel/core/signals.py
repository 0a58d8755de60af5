"""Security-log events from authentication and from changes to roles and memberships."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import deadlines, security_log
from .models import DeadlineRule, Membership, Role, SecurityLogEntry

Event = SecurityLogEntry.Event


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    """The password step. With a second factor required the login completes only after the TOTP code,
    which the verification page logs as its own event."""
    from .middleware import second_factor_required

    result = "wachtwoord juist, tweede factor volgt" if second_factor_required() else "gelukt"
    security_log.record(Event.LOGIN, user=user, result=result)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        security_log.record(Event.LOGOUT, user=user, result="gelukt")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    security_log.record(
        Event.LOGIN_FAILED, username=str(credentials.get("username", ""))[:150], result="mislukt"
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    security_log.record(Event.LOCKOUT, username=str(username or "")[:150], result="geblokkeerd")


@receiver(post_save, sender=Membership)
def _membership_saved(sender, instance, created, **kwargs):
    security_log.record(
        Event.ROLE_CHANGE,
        object_description=f"lidmaatschap {instance.pk}: gebruiker {instance.user_id}, rol {instance.role.code}",
        result="toegekend" if created else "gewijzigd",
        detail={"user_id": instance.user_id, "role": instance.role.code, "gemeente_id": instance.gemeente_id},
    )


@receiver(post_delete, sender=Membership)
def _membership_deleted(sender, instance, **kwargs):
    security_log.record(
        Event.ROLE_CHANGE,
        object_description=f"lidmaatschap {instance.pk}: gebruiker {instance.user_id}",
        result="ingetrokken",
        detail={"user_id": instance.user_id, "gemeente_id": instance.gemeente_id},
    )


@receiver(m2m_changed, sender=Role.permissions.through)
def _role_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        security_log.record(
            Event.ROLE_CHANGE,
            object_description=f"rol {getattr(instance, 'code', instance)}",
            result=action.removeprefix("post_"),
            detail={"permission_ids": sorted(pk_set or [])},
        )


@receiver([post_save, post_delete], sender=DeadlineRule)
def _deadline_rules_changed(sender, **kwargs):
    deadlines.clear_cache()
