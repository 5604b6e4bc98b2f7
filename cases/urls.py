from django.urls import include, path

from .documents import views as documents
from .views import casefile, casework, handovers, intake, search, workqueue

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", workqueue.workqueue, name="workqueue"),
    path("werkvoorraad/toewijzen/", workqueue.workqueue_assign, name="workqueue_assign"),
    path("aanmelden/", intake.intake, name="intake"),
    path("overdrachten/te-koppelen/", handovers.handovers_to_match, name="handovers_to_match"),
    path("overdrachten/<int:pk>/besluit/", handovers.handover_decide, name="handover_decide"),
    path("zaken/<int:pk>/", casefile.case_detail, name="case_detail"),
    path("zaken/<int:pk>/wijzigingen/", casefile.case_changes_view, name="case_changes"),
    path("zaken/<int:pk>/noodtoegang/", casefile.break_glass, name="break_glass"),
    path("zaken/<int:pk>/toewijzen/", casework.case_assign, name="case_assign"),
    path("zaken/<int:pk>/fase/<slug:transition>/", casework.case_transition, name="case_transition"),
    path("zaken/<int:pk>/afsluiten/", casework.case_close, name="case_close"),
    path("zaken/<int:pk>/heropenen/", casework.case_reopen, name="case_reopen"),
    path("zaken/<int:pk>/vertrouwelijk/", casework.case_confidential, name="case_confidential"),
    path("zaken/<int:pk>/dubbele-registratie/", casework.case_duplicate_review, name="case_duplicate_review"),
    path("zaken/<int:pk>/notities/", casework.note_add, name="note_add"),
    path("zaken/<int:pk>/persoon/", casework.person_edit, name="person_edit"),
    path("zaken/<int:pk>/familie/", casework.family_link_add, name="family_link_add"),
    path(
        "zaken/<int:pk>/familie/<int:request_pk>/bevestigen/",
        casework.family_link_confirm,
        name="family_link_confirm",
    ),
    path("zaken/<int:pk>/gesprekken/nieuw/", casework.interview_add, name="interview_add"),
    path("zaken/<int:pk>/procedures/nieuw/", casework.procedure_add, name="procedure_add"),
    path("zaken/<int:pk>/vertrektermijn/", casework.departure_term_add, name="departure_term_add"),
    path("vertrektermijnen/<int:pk>/corrigeren/", casework.departure_term_correct, name="departure_term_correct"),
    path("procedures/<int:pk>/uitspraak/", casework.procedure_decide, name="procedure_decide"),
    path("afspraken/<int:pk>/afronden/", casework.agreed_action_complete, name="agreed_action_complete"),
    path("zoeken/", search.search, name="search"),
    path("toegangslog/", search.access_log, name="access_log"),
    path("toegangslog/export.csv", search.access_log_export, name="access_log_export"),
    path("zaken/<int:pk>/documenten/nieuw/", documents.document_upload, name="document_upload"),
    path("documenten/<int:pk>/", documents.document_download, name="document_download"),
    # Deadlines, work items and notifications: their own sub-domain, under the same URL namespace.
    path("", include("cases.deadlines.urls")),
]
