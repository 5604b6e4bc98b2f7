from django.conf import settings
from django.contrib.auth.decorators import login_not_required, permission_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Heartbeat


@permission_required("core.view_heartbeat", raise_exception=True)
def status(request):
    beats = list(Heartbeat.objects.all()[:20])
    now = timezone.now()
    stale_after = settings.HEARTBEAT_SECONDS * 3
    for beat in beats:
        beat.is_fresh = (now - beat.last_beat_at).total_seconds() <= stale_after
    return render(
        request,
        "core/status.html",
        {
            "beats": beats,
            "broker": settings.CELERY_BROKER_URL.split("@")[-1],
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        },
    )


@login_not_required
def health(request):
    """Liveness for load balancers and docker: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
