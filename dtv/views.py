from django.shortcuts import redirect, render


def home(request):
    """Send each role to where its day starts."""
    user = request.user
    if user.has_perm("cases.view_case"):
        return redirect("cases:workqueue")
    if user.has_perm("cases.view_accesslogentry"):
        return redirect("cases:access_log")
    if user.has_perm("core.view_heartbeat"):
        return redirect("core:status")
    return render(request, "home.html")
