from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from cases.permissions import scoped

from .models import PluginMark


@permission_required("plugin_app.view_board", raise_exception=True)
def board(request):
    marks = scoped(PluginMark.objects.select_related("case"), request.user).order_by("id")
    return render(request, "plugin_app/board.html", {"marks": marks})
