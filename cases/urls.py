from django.urls import path

from . import document_views, views

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", views.workqueue, name="workqueue"),
    path("werkvoorraad/toewijzen/", views.workqueue_assign, name="workqueue_assign"),
    path("aanmelden/", views.intake, name="intake"),
    path("zaken/<int:pk>/", views.case_detail, name="case_detail"),
    path("zaken/<int:pk>/wijzigingen/", views.case_changes_view, name="case_changes"),
    path("zaken/<int:pk>/noodtoegang/", views.break_glass, name="break_glass"),
    path("zaken/<int:pk>/toewijzen/", views.case_assign, name="case_assign"),
    path("zaken/<int:pk>/fase/<slug:transition>/", views.case_transition, name="case_transition"),
    path("zaken/<int:pk>/afsluiten/", views.case_close, name="case_close"),
    path("zaken/<int:pk>/vertrouwelijk/", views.case_confidential, name="case_confidential"),
    path("zaken/<int:pk>/dubbele-registratie/", views.case_duplicate_review, name="case_duplicate_review"),
    path("zaken/<int:pk>/notities/", views.note_add, name="note_add"),
    path("zaken/<int:pk>/persoon/", views.person_edit, name="person_edit"),
    path("zaken/<int:pk>/familie/", views.family_link_add, name="family_link_add"),
    path("zaken/<int:pk>/gesprekken/nieuw/", views.interview_add, name="interview_add"),
    path("zaken/<int:pk>/procedures/nieuw/", views.procedure_add, name="procedure_add"),
    path("zaken/<int:pk>/vertrektermijn/", views.departure_term_add, name="departure_term_add"),
    path("vertrektermijnen/<int:pk>/corrigeren/", views.departure_term_correct, name="departure_term_correct"),
    path("procedures/<int:pk>/uitspraak/", views.procedure_decide, name="procedure_decide"),
    path("afspraken/<int:pk>/afgerond/", views.agreed_action_complete, name="agreed_action_complete"),
    path("termijnen/<int:pk>/voldaan/", views.deadline_met, name="deadline_met"),
    path("termijnen/te-laat/", views.overdue, name="overdue"),
    path("taken/<int:pk>/gedaan/", views.work_item_done, name="work_item_done"),
    path("meldingen/", views.notifications, name="notifications"),
    path("meldingen/gelezen/", views.notifications_read, name="notifications_read"),
    path("zoeken/", views.search, name="search"),
    path("toegangslog/", views.access_log, name="access_log"),
    path("zaken/<int:pk>/documenten/nieuw/", document_views.document_upload, name="document_upload"),
    path("documenten/<int:pk>/", document_views.document_download, name="document_download"),
]
