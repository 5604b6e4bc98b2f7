"""Every URL of Regie × every role × in and out of scope: who may reach it, and what everyone else gets.

The table below is the record. Each line is one URL pattern (by its name) and one method, the object
its id points at, and per actor what the response must be. A new page is added with one line; a URL
pattern without a line fails `test_every_url_pattern_is_in_the_matrix`, naming it, so no page of a
later app goes unlisted. A line whose outcome is wrong fails with "<row> as <actor>: the matrix says
…, got …".

Methods: `GET`; `POST` with an empty body; `POST*` with the valid body from BODIES, for endpoints
that validate the body before they check the permission (an empty body gives everyone 400 there, so
only a valid one shows who is denied).

Actors, the columns (the subject is the case the row's object belongs to):

    anon    nobody logged in                     subject own
    own     case officer of team A               own: A1, the officer's own case
    team    the same case officer                team: A2, a team colleague's case
    other   the same case officer                other: B1, a case of team B
    conf    the same case officer                conf: A3, a confidential case of the colleague in team A
    lead    team lead of team A                  own
    lead✗   the same team lead                   other
    enf     enforcement officer of team A        own
    admin   functional administrator (staff)     own
    priv    privacy officer                      own
    mgmt    management (national figures only)   own
    ptnr    chain partner IND, API token only    own (IND handed A1 over)
    ptnr✗   the same chain partner               other (the police handed B1 over)

Objects, the `on` column: `-` none, `case`, `proc` (a pending legal procedure), `term` (the departure
term), `action` (an agreed action), `deadline` (an overdue deadline), `item` (its work item), `doc`
(a document), `hand` (another partner's handover of the subject's V-number, awaiting a DT&V match), `lp` (a
draft travel-document request to Morocco, a third country with access recorded), `plan` (a departure plan
choosing the forced track, awaiting a team lead), `rem` (a planned removal KMar escorts), `claim` (a Dublin
take-back request to Spain, unanswered), `op` (a group operation on the removal's flight, organised by the
subject's team, with the removal on board), `pass` (that removal's place on it), `meas` (a running reporting
duty), `hold` (a running holding for identification), `mvb` (an empty draft detention order); each
subject case has one of each, and its overdue deadline left a notification and a
work item for its case officer.

Outcomes: `200` `201` `400` `401` `403` `404` `405` `409` exactly; `302` a redirect to a page of the
application; `login` a redirect to a login page (the application's, or the admin's for /beheer/);
`glass` a redirect to the break-the-glass page of that case (no row since issue 9: a case outside the scope
answers 404 like a missing one, and break-the-glass is offered only by an exact V-number search, whose signed
offer the break-the-glass page requires; tests/cases/test_case_file.py covers that way in);
`out` the user asked to be logged out everywhere: a redirect to the login page that ends (writes) their
sessions, so not a denial.

Every response must also, whatever the table says:
- never show the surname or V-number of a case outside the user's scope (SCOPE);
- write nothing when it is a denial (`login`, `glass`, 4xx): PostgreSQL's count of rows this
  transaction inserted, updated and deleted stays the same for every table, and so does the
  document store. Each request runs in a savepoint that is rolled back afterwards, so allowed
  requests leave nothing for the next row either.

For a row without an object (`-`) the columns of one user must agree; that user is asked once.
The admin's pages are listed one by one; their object (a user, team, role change, holiday, heartbeat or
group) comes from `World.admin_objects`, and an unnamed pattern is listed by its route without the blank.
"""

import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from cases import services
from cases.constants import DocumentKind, HandoverOutcome, Source
from cases.documents.services import document_upload
from cases.models import AgreedAction, AtwHoliday, Case, Handover, WorkItem
from departures import operations as departure_operations
from departures import services as departure_services
from detention.models import DetentionOrder, Measure
from dtv.accounts.constants import Role
from dtv.accounts.rolechanges import role_change_propose
from dtv.core.models import Heartbeat
from laissezpasser.models import Country, Mission
from laissezpasser.services import request_create
from reports.constants import Comparison, Kpi
from reports.models import Complaint, Target
from tests.factories.accounts import (
    CaseOfficerFactory,
    ChainPartnerFactory,
    EnforcementOfficerFactory,
    FunctionalAdminFactory,
    ManagementFactory,
    PrivacyOfficerFactory,
    TeamFactory,
    TeamLeadFactory,
    api_token_key,
)
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory, ProcedureFactory
from tests.factories.deadlines import DeadlineFactory

MATRIX = """
                                                anon  own   team  other conf  lead  lead✗ enf   admin priv  mgmt  ptnr  ptnr✗

# The project: start page, login, language, health
GET   home                             -        login 302   302   302   302   302   302   302   302   302   302   login login
GET   accounts:login                   -        200   302   302   302   302   302   302   302   302   302   302   200   200
POST  accounts:login                   -        200   302   302   302   302   302   302   302   302   302   302   200   200
POST  accounts:logout                  -        login login login login login login login login login login login login login
GET   accounts:logout                  -        login 405   405   405   405   405   405   405   405   405   405   login login
GET   accounts:login_code              -        login login login login login login login login login login login login login
POST  accounts:login_code              -        login login login login login login login login login login login login login
GET   accounts:login_enrol             -        login login login login login login login login login login login login login
POST  accounts:login_enrol             -        login login login login login login login login login login login login login
GET   accounts:enrol_qr                -        404   200   200   200   200   200   200   200   200   200   200   404   404
GET   accounts:security                -        login 200   200   200   200   200   200   200   200   200   200   login login
GET   accounts:security_enrol          -        login 200   200   200   200   200   200   200   200   200   200   login login
POST  accounts:security_enrol          -        login 200   200   200   200   200   200   200   200   200   200   login login
POST  accounts:recovery_codes_new      -        login 302   302   302   302   302   302   302   302   302   302   login login
POST  accounts:logout_everywhere       -        login out   out   out   out   out   out   out   out   out   out   login login
GET   admin-login                      -        login login login login login login login login login login login login login
POST  set_language                     -        302   302   302   302   302   302   302   302   302   302   302   302   302
GET   health                           -        200   200   200   200   200   200   200   200   200   200   200   200   200

# cases: work queue, intake, search, access log
GET   cases:workqueue                  -        login 200   200   200   200   200   200   200   403   403   403   login login
POST  cases:workqueue_assign           -        login 403   403   403   403   302   302   403   403   403   403   login login
GET   cases:intake                     -        login 200   200   200   200   200   200   403   403   403   403   login login
POST  cases:intake                     -        login 200   200   200   200   200   200   403   403   403   403   login login
GET   cases:handovers_to_match         -        login 403   403   403   403   200   200   403   403   403   403   login login
POST  cases:handover_decide            hand     login 403   403   403   403   302   404   403   403   403   403   login login
GET   cases:search                     -        login 200   200   200   200   200   200   200   403   403   403   login login
GET   cases:access_log                 -        login 403   403   403   403   403   403   403   403   200   403   login login
GET   cases:access_log_export          -        login 403   403   403   403   403   403   403   403   200   403   login login

# cases: the case file and the work on a case
GET   cases:case_detail                case     login 200   200   404   404   200   404   200   403   403   403   login login
GET   cases:case_changes               case     login 200   200   404   404   200   404   200   403   403   403   login login
GET   cases:break_glass                case     login 302   302   404   404   302   404   302   403   403   403   login login
POST  cases:break_glass                case     login 302   302   404   404   302   404   302   403   403   403   login login
GET   cases:case_assign                case     login 403   403   404   404   200   404   403   403   403   403   login login
POST  cases:case_assign                case     login 403   403   404   404   200   404   403   403   403   403   login login
GET   cases:case_transition            case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:case_transition            case     login 302   403   404   404   302   404   403   403   403   403   login login
GET   cases:case_close                 case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:case_close                 case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:case_reopen                case     login 403   403   403   403   403   404   403   403   403   403   login login
POST  cases:case_reopen                case     login 403   403   403   403   403   404   403   403   403   403   login login
GET   cases:case_confidential          case     login 403   403   403   403   200   404   403   403   403   403   login login
POST  cases:case_confidential          case     login 403   403   403   403   200   404   403   403   403   403   login login
GET   cases:case_duplicate_review      case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:case_duplicate_review      case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:note_add                   case     login 302   403   404   404   302   404   403   403   403   403   login login
GET   cases:person_edit                case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:person_edit                case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:family_link_add            case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:family_link_add            case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:family_link_confirm        case     login 302   403   404   404   302   404   403   403   403   403   login login
GET   cases:interview_add              case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:interview_add              case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:procedure_add              case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:procedure_add              case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:departure_term_add         case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:departure_term_add         case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:departure_term_correct     term     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:departure_term_correct     term     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:procedure_decide           proc     login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:procedure_decide           proc     login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:agreed_action_complete     action   login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:agreed_action_complete     action   login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:document_upload            case     login 200   403   404   404   200   404   403   404   404   404   login login
POST  cases:document_upload            case     login 200   403   404   404   200   404   403   404   404   404   login login
GET   cases:document_download          doc      login 200   200   404   404   200   404   200   404   404   404   login login

# cases: deadlines, work items, notifications (cases/deadlines/urls.py)
GET   cases:deadline_met               deadline login 200   403   404   404   200   404   403   403   403   403   login login
POST  cases:deadline_met               deadline login 200   403   404   404   200   404   403   403   403   403   login login
GET   cases:overdue                    -        login 403   403   403   403   200   200   403   403   403   403   login login
POST  cases:work_item_done             item     login 302   403   404   404   302   404   403   403   403   403   login login
GET   cases:notifications              -        login 200   200   200   200   200   200   200   200   200   200   login login
POST  cases:notifications_read         -        login 302   302   302   302   302   302   302   302   302   302   login login

# reports, the system status, the admin
GET   reports:dashboard                -        login 403   403   403   403   200   200   403   403   403   403   login login
GET   reports:dashboard_export         -        login 403   403   403   403   200   200   403   403   403   403   login login
GET   reports:national_dashboard       -        login 403   403   403   403   403   403   403   403   403   200   login login
GET   reports:national_dashboard_export -       login 403   403   403   403   403   403   403   403   403   200   login login
GET   reports:statistics               -        login 403   403   403   403   200   200   403   403   403   200   login login
GET   reports:statistics_export        -        login 403   403   403   403   200   200   403   403   403   200   login login
GET   reports:kpis                     -        login 403   403   403   403   200   200   403   403   403   200   login login
GET   reports:annual_reports           -        login 403   403   403   403   200   200   403   403   403   200   login login
POST  reports:annual_reports           -        login 403   403   403   403   200   200   403   403   403   200   login login
GET   reports:annual_report_status     -        login 403   403   403   403   404   404   403   403   403   404   login login
GET   reports:annual_report_pdf        -        login 403   403   403   403   404   404   403   403   403   404   login login
GET   reports-api:statistics           -        401   403   403   403   403   200   200   403   403   403   200   403   403
GET   reports-api:kpis                 -        401   403   403   403   403   200   200   403   403   403   200   403   403
GET   core:status                      -        login 403   403   403   403   403   403   403   200   403   403   login login

# The admin (Beheer), page by page (issue 9). Only staff reach it: the functional administrator; everyone else
# goes to the login (a non-staff user's /beheer/logout/ goes to the admin's index, Django's rule). It shows no
# person or case (tests/dtv/test_admin_personal_data.py). The administrator may not delete users, teams or role
# changes, nor touch groups; heartbeats are read-only; an empty POST gives the form again (200), writing nothing.
# A superuser is no actor here: tests/accounts/test_role_changes.py covers what only a superuser may do.
GET   admin:index                                      -        login login login login login login login login 200   login login login login
GET   admin:login                                      -        login login login login login login login login login login login login login
POST  admin:login                                      -        login login login login login login login login login login login login login
GET   admin:logout                                     -        login 302   302   302   302   302   302   302   405   302   302   login login
POST  admin:logout                                     -        login 302   302   302   302   302   302   302   login 302   302   login login
GET   admin:password_change                            -        login login login login login login login login 200   login login login login
POST  admin:password_change                            -        login login login login login login login login 200   login login login login
GET   admin:password_change_done                       -        login login login login login login login login 200   login login login login
GET   admin:autocomplete                               -        login login login login login login login login 403   login login login login
GET   admin:jsi18n                                     -        login login login login login login login login 200   login login login login
GET   admin:view_on_site                               -        login login login login login login login login 404   login login login login
GET   admin:core_heartbeat_changelist                  -        login login login login login login login login 200   login login login login
GET   admin:core_heartbeat_add                         -        login login login login login login login login 403   login login login login
POST  admin:core_heartbeat_add                         -        login login login login login login login login 403   login login login login
GET   admin:core_heartbeat_history                     -        login login login login login login login login 200   login login login login
GET   admin:core_heartbeat_delete                      -        login login login login login login login login 403   login login login login
POST  admin:core_heartbeat_delete                      -        login login login login login login login login 403   login login login login
GET   admin:core_heartbeat_change                      -        login login login login login login login login 200   login login login login
POST  admin:core_heartbeat_change                      -        login login login login login login login login 403   login login login login
GET   (unnamed)beheer/core/heartbeat/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   admin:accounts_team_changelist                   -        login login login login login login login login 200   login login login login
GET   admin:accounts_team_add                          -        login login login login login login login login 200   login login login login
POST  admin:accounts_team_add                          -        login login login login login login login login 200   login login login login
GET   admin:accounts_team_history                      -        login login login login login login login login 200   login login login login
GET   admin:accounts_team_delete                       -        login login login login login login login login 403   login login login login
POST  admin:accounts_team_delete                       -        login login login login login login login login 403   login login login login
GET   admin:accounts_team_change                       -        login login login login login login login login 200   login login login login
POST  admin:accounts_team_change                       -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/accounts/team/<path:object_id>/  -        login login login login login login login login 302   login login login login
GET   admin:auth_user_password_change                  -        login login login login login login login login 200   login login login login
POST  admin:auth_user_password_change                  -        login login login login login login login login 200   login login login login
GET   admin:accounts_user_changelist                   -        login login login login login login login login 200   login login login login
GET   admin:accounts_user_add                          -        login login login login login login login login 200   login login login login
POST  admin:accounts_user_add                          -        login login login login login login login login 200   login login login login
GET   admin:accounts_user_history                      -        login login login login login login login login 200   login login login login
GET   admin:accounts_user_delete                       -        login login login login login login login login 403   login login login login
POST  admin:accounts_user_delete                       -        login login login login login login login login 403   login login login login
GET   admin:accounts_user_change                       -        login login login login login login login login 200   login login login login
POST  admin:accounts_user_change                       -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/accounts/user/<path:object_id>/  -        login login login login login login login login 302   login login login login
GET   admin:accounts_rolechangerequest_changelist      -        login login login login login login login login 200   login login login login
GET   admin:accounts_rolechangerequest_add             -        login login login login login login login login 200   login login login login
POST  admin:accounts_rolechangerequest_add             -        login login login login login login login login 200   login login login login
GET   admin:accounts_rolechangerequest_history         -        login login login login login login login login 200   login login login login
GET   admin:accounts_rolechangerequest_delete          -        login login login login login login login login 403   login login login login
POST  admin:accounts_rolechangerequest_delete          -        login login login login login login login login 403   login login login login
GET   admin:accounts_rolechangerequest_change          -        login login login login login login login login 200   login login login login
POST  admin:accounts_rolechangerequest_change          -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/accounts/rolechangerequest/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   admin:auth_group_changelist                      -        login login login login login login login login 403   login login login login
GET   admin:auth_group_add                             -        login login login login login login login login 403   login login login login
POST  admin:auth_group_add                             -        login login login login login login login login 403   login login login login
GET   admin:auth_group_history                         -        login login login login login login login login 403   login login login login
GET   admin:auth_group_delete                          -        login login login login login login login login 403   login login login login
POST  admin:auth_group_delete                          -        login login login login login login login login 403   login login login login
GET   admin:auth_group_change                          -        login login login login login login login login 403   login login login login
POST  admin:auth_group_change                          -        login login login login login login login login 403   login login login login
GET   (unnamed)beheer/auth/group/<path:object_id>/     -        login login login login login login login login 302   login login login login
GET   admin:cases_atwholiday_simple_history            -        login login login login login login login login 404   login login login login
GET   admin:cases_atwholiday_changelist                -        login login login login login login login login 200   login login login login
GET   admin:cases_atwholiday_add                       -        login login login login login login login login 200   login login login login
POST  admin:cases_atwholiday_add                       -        login login login login login login login login 200   login login login login
GET   admin:cases_atwholiday_history                   -        login login login login login login login login 200   login login login login
GET   admin:cases_atwholiday_delete                    -        login login login login login login login login 200   login login login login
POST  admin:cases_atwholiday_delete                    -        login login login login login login login login 200   login login login login
GET   admin:cases_atwholiday_change                    -        login login login login login login login login 200   login login login login
POST  admin:cases_atwholiday_change                    -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/cases/atwholiday/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   admin:laissezpasser_country_simple_history       -        login login login login login login login login 404   login login login login
GET   admin:laissezpasser_country_changelist           -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_country_add                  -        login login login login login login login login 200   login login login login
POST  admin:laissezpasser_country_add                  -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_country_history              -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_country_delete               -        login login login login login login login login 200   login login login login
POST  admin:laissezpasser_country_delete               -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_country_change               -        login login login login login login login login 200   login login login login
POST  admin:laissezpasser_country_change               -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/laissezpasser/country/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   (unnamed)beheer/reports/complaint/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   (unnamed)beheer/reports/target/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   admin:laissezpasser_mission_simple_history       -        login login login login login login login login 404   login login login login
GET   admin:laissezpasser_mission_changelist           -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_mission_add                  -        login login login login login login login login 200   login login login login
POST  admin:laissezpasser_mission_add                  -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_mission_history              -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_mission_delete               -        login login login login login login login login 200   login login login login
POST  admin:laissezpasser_mission_delete               -        login login login login login login login login 200   login login login login
GET   admin:laissezpasser_mission_change               -        login login login login login login login login 200   login login login login
POST  admin:laissezpasser_mission_change               -        login login login login login login login login 200   login login login login
GET   admin:reports_complaint_changelist               -        login login login login login login login login 200   login login login login
GET   admin:reports_complaint_add                      -        login login login login login login login login 200   login login login login
POST  admin:reports_complaint_add                      -        login login login login login login login login 200   login login login login
GET   admin:reports_complaint_history                  -        login login login login login login login login 200   login login login login
GET   admin:reports_complaint_delete                   -        login login login login login login login login 403   login login login login
POST  admin:reports_complaint_delete                   -        login login login login login login login login 403   login login login login
GET   admin:reports_complaint_change                   -        login login login login login login login login 200   login login login login
POST  admin:reports_complaint_change                   -        login login login login login login login login 200   login login login login
GET   admin:reports_target_changelist                  -        login login login login login login login login 200   login login login login
GET   admin:reports_target_add                         -        login login login login login login login login 200   login login login login
POST  admin:reports_target_add                         -        login login login login login login login login 200   login login login login
GET   admin:reports_target_history                     -        login login login login login login login login 200   login login login login
GET   admin:reports_target_delete                      -        login login login login login login login login 403   login login login login
POST  admin:reports_target_delete                      -        login login login login login login login login 403   login login login login
GET   admin:reports_target_change                      -        login login login login login login login login 200   login login login login
POST  admin:reports_target_change                      -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/laissezpasser/mission/<path:object_id>/ -        login login login login login login login login 302   login login login login
GET   admin:app_list                                   -        login login login login login login login login 200   login login login login
GET   (unnamed)beheer/(?P<url>.*)$                     -        login login login login login login login login 404   login login login login

# The throwaway app of the test settings (tests/plugin_app): its page, through AppConfig.urls
GET   plugin_app:board                 -        login 403   403   403   403   200   200   403   403   403   403   login login

# The API (cases/api/urls.py): anonymous callers get 401, not a redirect
POST  cases-api:handover-create        -        401   403   403   403   403   403   403   403   403   403   403   400   400
POST* cases-api:handover-create        -        401   403   403   403   403   403   403   403   403   403   403   201   201
GET   cases-api:case-list              -        401   200   200   200   200   200   200   200   200   200   200   200   200
GET   cases-api:case-detail            case     401   200   200   404   404   200   404   200   404   404   404   200   404
POST  cases-api:case-assign            case     401   403   403   404   404   400   404   403   404   404   404   403   404
POST* cases-api:case-assign            case     401   403   403   404   404   200   404   403   404   404   404   403   404
POST  cases-api:case-start-work        case     401   409   403   404   404   409   404   403   404   404   404   403   404
POST  cases-api:case-prepare-departure case     401   200   403   404   404   200   404   403   404   404   404   403   404
POST  cases-api:case-resume-work       case     401   409   403   404   404   409   404   403   404   404   404   403   404
POST  cases-api:case-close             case     401   400   403   404   404   400   404   403   404   404   404   403   404
POST  cases-api:case-reopen            case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* cases-api:case-reopen            case     401   403   403   404   404   403   404   403   404   404   404   403   404
GET   cases-api:case-interviews        case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  cases-api:case-interviews        case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* cases-api:case-interviews        case     401   201   403   404   404   201   404   403   404   404   404   403   404
GET   cases-api:case-procedures        case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  cases-api:case-procedures        case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* cases-api:case-procedures        case     401   201   403   404   404   201   404   403   404   404   404   403   404
POST  cases-api:procedure-decide       proc     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* cases-api:procedure-decide       proc     401   200   403   404   404   200   404   403   404   404   404   403   404
GET   cases-api:case-deadlines         case     401   200   200   404   404   200   404   200   404   404   404   403   404
GET   cases-api:case-events            case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  cases-api:deadline-met           deadline 401   400   403   404   404   400   404   403   404   404   404   403   404
POST* cases-api:deadline-met           deadline 401   200   403   404   404   200   404   403   404   404   404   403   404

# laissezpasser: countries and travel-document requests (pages); chain partners have no session, DT&V-internal
GET   laissezpasser:country_list       -        login 200   200   200   200   200   200   200   200   403   403   login login
GET   laissezpasser:country_detail     -        login 200   200   200   200   200   200   200   200   403   403   login login
GET   laissezpasser:request_add        case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  laissezpasser:request_add        case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   laissezpasser:request_detail     lp       login 200   200   404   404   200   404   200   403   403   403   login login
POST  laissezpasser:request_step       lp       login 200   403   404   404   200   404   403   403   403   403   login login

# laissezpasser: the API (laissezpasser/api/urls.py) for DT&V roles; a chain partner gets 403 in its scope, 404 outside
GET   laissezpasser:api-country-list   -        401   200   200   200   200   200   200   200   200   403   403   403   403
GET   laissezpasser:api-country-detail -        401   200   200   200   200   200   200   200   200   403   403   403   403
GET   laissezpasser:api-case-requests  case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  laissezpasser:api-case-requests  case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* laissezpasser:api-case-requests  case     401   201   403   404   404   201   404   403   404   404   404   403   404
GET   laissezpasser:api-request-detail lp       401   200   200   404   404   200   404   200   404   404   404   403   404
POST  laissezpasser:api-request-approve lp      401   403   403   404   404   409   404   403   404   404   404   403   404
POST  laissezpasser:api-request-expire lp       401   409   403   404   404   409   404   403   404   404   404   403   404
POST  laissezpasser:api-request-submit lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-schedule-presentation lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-record-presentation lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-answer lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-escalate lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-use lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-withdraw lp       401   400   400   404   404   400   404   400   404   404   404   403   404
POST  laissezpasser:api-request-contacts lp       401   400   400   404   404   400   404   400   404   404   404   403   404

# departures: pages (DT&V roles; chain partners have no session)
GET   departures:this_week             -        login 200   200   200   200   200   200   200   403   403   403   login login
GET   departures:plan                  case     login 200   200   404   404   200   404   200   403   403   403   login login
POST  departures:plan                  case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  departures:plan_approve          plan     login 403   403   403   403   302   404   403   403   403   403   login login
GET   departures:removal_add           case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  departures:removal_add           case     login 200   403   404   404   200   404   403   403   403   403   login login
GET   departures:file                  case     login 200   200   404   404   200   404   200   403   403   403   login login
POST* departures:file                  case     login 302   403   404   404   302   404   403   403   403   403   login login
GET   departures:removal_detail        rem      login 200   200   404   404   200   404   200   403   403   403   login login
POST  departures:removal_step          rem      login 200   403   404   404   200   404   403   403   403   403   login login
# The KMar file's PDF holds the medical part: need to know only (own officer; none rendered here, so 404)
GET   departures:kmar_pdf              rem      login 404   403   404   404   403   404   403   404   404   404   login login
POST  departures:kmar_pdf_make         rem      login 302   403   404   404   302   404   403   403   403   403   login login
GET   departures:kmar_pdf_status       rem      login 200   200   404   404   200   404   200   403   403   403   login login
# departures: group and charter operations (the flights are no personal data; each manifest row is in scope)
GET   departures:operations            -        login 200   200   200   200   200   200   200   403   403   403   login login
GET   departures:operation_add         -        login 403   403   403   403   200   200   403   403   403   403   login login
POST  departures:operation_add         -        login 403   403   403   403   200   200   403   403   403   403   login login
GET   departures:operation_detail      op       login 200   200   200   200   200   200   200   403   403   403   login login
POST  departures:operation_detail      op       login 200   200   200   200   200   200   403   403   403   403   login login
POST  departures:operation_pdf_request op       login 403   403   403   403   302   403   403   403   403   403   login login
GET   departures:operation_pdf_status  op       login 403   403   403   403   200   403   403   403   403   403   login login
GET   departures:operation_pdf         op       login 403   403   403   403   404   403   403   403   403   403   login login
POST  departures:operation_leave       pass     login 302   403   404   404   302   404   403   403   403   403   login login
# departures: the Dublin page of a case (the API below has the same steps)
GET   departures:dublin                case     login 200   200   404   404   200   404   200   403   403   403   login login
POST  departures:dublin                case     login 200   403   404   404   200   404   403   403   403   403   login login
POST  departures:dublin_step           claim    login 200   403   404   404   200   404   403   403   403   403   login login

# departures: the API (departures/api/urls.py); a chain partner gets 403 in its scope, 404 outside (KMar: tests/departures)
GET   departures:api-case-plans        case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  departures:api-case-plans        case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-case-plans        case     401   201   403   404   404   201   404   403   404   404   404   403   404
POST  departures:api-plan-approve      plan     401   403   403   404   404   200   404   403   404   404   404   403   404
GET   departures:api-case-removals     case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  departures:api-case-removals     case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-case-removals     case     401   409   403   404   404   409   404   403   404   404   404   403   404
GET   departures:api-removal-detail    rem      401   200   200   404   404   200   404   200   404   404   404   403   404
GET   departures:api-removal-file      rem      401   200   200   404   404   200   404   200   404   404   404   403   404
GET   departures:api-removal-file-pdf  rem      401   404   403   404   404   403   404   403   404   404   404   403   404
POST  departures:api-removal-notices   rem      401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-removal-notices   rem      401   200   403   404   404   200   404   403   404   404   404   403   404
POST  departures:api-removal-confirm   rem      401   409   403   404   404   409   404   403   404   404   404   403   404
POST  departures:api-removal-execute   rem      401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-removal-execute   rem      401   409   403   404   404   409   404   403   404   404   404   403   404
POST  departures:api-removal-cancel    rem      401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-removal-cancel    rem      401   200   403   404   404   200   404   403   404   404   404   403   404
POST  departures:api-removal-rebook    rem      401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-removal-rebook    rem      401   200   403   404   404   200   404   403   404   404   404   403   404
GET   departures:api-case-claims       case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  departures:api-case-claims       case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-case-claims       case     401   201   403   404   404   201   404   403   404   404   404   403   404
POST  departures:api-claim-answer      claim    401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-claim-answer      claim    401   200   403   404   404   200   404   403   404   404   404   403   404
POST  departures:api-claim-tacit-acceptance claim 401 200   403   404   404   200   404   403   404   404   404   403   404
POST  departures:api-claim-extend      claim    401   400   400   404   404   400   404   400   404   404   404   403   404
POST* departures:api-claim-extend      claim    401   409   403   404   404   409   404   403   404   404   404   403   404
GET   departures:api-operations        -        401   200   200   200   200   200   200   200   403   403   403   403   403
GET   departures:api-operation-manifest op      401   200   200   200   200   200   200   200   403   403   403   403   403

# detention: pages (the enforcement officer imposes and drafts; case officers read and record reports; team leads approve)
GET   detention:queue                  -        login 403   403   403   403   403   403   200   403   403   403   login login
GET   detention:legality_list          -        login 403   403   403   403   200   200   200   403   403   403   login login
GET   detention:measure_add            case     login 403   403   403   403   403   403   200   403   403   403   login login
POST  detention:measure_add            case     login 403   403   403   403   403   403   200   403   403   403   login login
GET   detention:order_add              case     login 403   403   403   403   403   403   200   403   403   403   login login
POST  detention:order_add              case     login 403   403   403   403   403   403   302   403   403   403   login login
GET   detention:measure_detail         meas     login 200   200   404   404   200   404   200   403   403   403   login login
GET   detention:holding_clock          hold     login 200   200   404   404   200   404   200   403   403   403   login login
POST  detention:measure_step           meas     login 200   200   404   404   403   404   200   403   403   403   login login
GET   detention:order_detail           mvb      login 200   200   404   404   200   404   200   403   403   403   login login
GET   detention:order_edit             mvb      login 200   200   404   404   200   404   200   403   403   403   login login
POST  detention:order_edit             mvb      login 403   403   404   404   403   404   302   403   403   403   login login
POST  detention:order_issue            mvb      login 403   403   404   404   403   404   200   403   403   403   login login
POST  detention:order_approve          mvb      login 403   403   404   404   302   404   403   403   403   403   login login
POST  detention:order_correct          mvb      login 403   403   404   404   403   404   200   403   403   403   login login
GET   detention:order_status           mvb      login 200   200   404   404   200   404   200   403   403   403   login login
GET   detention:order_pdf              mvb      login 404   404   404   404   404   404   404   403   403   403   login login

# detention: the API, one endpoint per transition; a chain partner gets 403 in its scope, 404 outside
GET   detention:api-case-measures      case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  detention:api-case-measures      case     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* detention:api-case-measures      case     401   403   403   404   404   403   404   201   404   404   404   403   404
GET   detention:api-measure-detail     meas     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  detention:api-measure-end        meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST* detention:api-measure-end        meas     401   403   403   404   404   403   404   200   404   404   404   403   404
POST  detention:api-measure-extend     meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-report     meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-settle     meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-appeal     meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-court-notified meas 401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-hearing    meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-ruling     meas     401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-further-appeal meas 401   400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-progress-report meas 401  400   400   404   404   400   404   400   404   404   404   403   404
POST  detention:api-measure-review     meas     401   400   400   404   404   400   404   400   404   404   404   403   404
GET   detention:api-case-orders        case     401   200   200   404   404   200   404   200   404   404   404   403   404
POST  detention:api-case-orders        case     401   403   403   404   404   403   404   201   404   404   404   403   404
GET   detention:api-order-detail       mvb      401   200   200   404   404   200   404   200   404   404   404   403   404
POST  detention:api-order-update       mvb      401   403   403   404   404   403   404   200   404   404   404   403   404
POST  detention:api-order-approve      mvb      401   403   403   404   404   409   404   403   404   404   404   403   404
POST  detention:api-order-issue        mvb      401   403   403   404   404   403   404   409   404   404   404   403   404
POST  detention:api-order-correct      mvb      401   400   400   404   404   400   404   400   404   404   404   403   404

# The API's schema (token or session) and its docs page (session): login required (API_DOCS_REQUIRE_LOGIN)
GET   api-schema                       -        401   200   200   200   200   200   200   200   200   200   200   200   200
GET   api-docs                         -        login 200   200   200   200   200   200   200   200   200   200   login login
"""

# URL arguments other than the object's id.
EXTRA_KWARGS = {
    "cases:case_transition": {"transition": "prepare_departure"},
    # No request names the subject's V-number in the world: the holder is told it was dealt with.
    "cases:family_link_confirm": {"request_pk": 1},
    "laissezpasser:country_detail": {"code": "MAR"},
    "laissezpasser:api-country-detail": {"code": "MAR"},
    # An empty body is refused by the form (200 with its errors) for whoever may take the step.
    "laissezpasser:request_step": {"step": "withdraw"},
    "departures:removal_step": {"step": "cancel"},
    "departures:dublin_step": {"step": "answer"},
    "reports:dashboard_export": {"key": "caseload_phase", "fmt": "csv"},
    "reports:national_dashboard_export": {"key": "caseload_team", "fmt": "xlsx"},
    "reports:statistics_export": {"key": "inflow", "fmt": "xlsx"},
    # The world has no annual report: the team lead is told so (404), the others are denied first.
    "reports:annual_report_status": {"year": 2026},
    "reports:annual_report_pdf": {"year": 2026},
    # A case officer records the reporting duty; an empty body is refused by the form (200 with its errors).
    "detention:measure_step": {"step": "report"},
}

# The valid bodies of `POST*` rows: where an empty body is refused (400) before the permission is
# checked, only a valid one shows that the others are denied.
BODIES = {
    "departures:file": lambda world: {"part": "file"},
    "departures:api-case-plans": lambda world: {
        "destination_type": "country_of_origin",
        "destination_country": "MAR",
        "track": "independent",
        "reason": "Wil terug",
    },
    # The subject has an open removal already: whoever may book is told so (409), the others are denied.
    "departures:api-case-removals": lambda world: {
        "kind": "scheduled",
        "carrier": "KLM",
        "flight_number": "KL1",
        "departure_airport": "Schiphol",
        "departs_at": "2027-06-01T10:00:00+02:00",
        "destination_country": "MAR",
    },
    "departures:api-removal-notices": lambda world: {
        "recipient": "person",
        "notified_at": "2026-04-01T09:00:00+02:00",
        "method": "in_person",
    },
    "departures:api-removal-execute": lambda world: {"executed_at": "2026-04-01T09:00:00+02:00"},
    "departures:api-removal-cancel": lambda world: {"reason": "medical"},
    "departures:api-removal-rebook": lambda world: {
        "reason": "carrier_refused",
        "departs_at": "2027-06-01T10:00:00+02:00",
    },
    "departures:api-case-claims": lambda world: {
        "kind": "take_charge",
        "member_state": "ESP",
        "registered_on": "2026-03-01",
        "requested_on": "2026-03-10",
    },
    "departures:api-claim-answer": lambda world: {"answer": "refused", "on": "2026-04-01"},
    "departures:api-claim-extend": lambda world: {"circumstance": "absconded", "state_informed_on": "2026-04-01"},
    "detention:api-case-measures": lambda world: {
        "kind": "reporting_duty",
        "ground": "Vertrekplicht",
        "frequency_days": 7,
        "place": "Ter Apel",
    },
    "detention:api-measure-end": lambda world: {"reason": "other", "note": "Matrix"},
    "laissezpasser:api-case-requests": lambda world: {"country": "ESP", "third_country_access": "Verblijfsvergunning"},
    "cases-api:handover-create": lambda world: {
        "reference": "MATRIX-1",
        "handover_date": "2026-04-01",
        "v_number": "7100000099",
        "surname": "Elamrani",
        "sex": "unknown",
        "nationalities": [{"country": "ERI", "status": "claimed"}],
        "track": "asylum_rejected",
    },
    "cases-api:case-assign": lambda world: {"case_officer": world.users["colleague"].pk, "reason": "Verlof"},
    "cases-api:case-interviews": lambda world: {
        "kind": "follow_up",
        "held_at": "2026-04-01T09:00:00+02:00",
        "interpreter_mode": "in_person",
        "interpreter_language": "ti",
        "stance": "undecided",
        "summary": "Tweede vertrekgesprek.",
    },
    "cases-api:case-procedures": lambda world: {"kind": "appeal", "lodged_on": "2026-03-20", "may_await_in_nl": True},
    "cases-api:procedure-decide": lambda world: {"outcome": "rejected", "decided_on": "2026-03-30"},
    "cases-api:deadline-met": lambda world: {"reason": "Vertrekgesprek gevoerd; gedwongen vertrek in voorbereiding."},
    "cases-api:case-reopen": lambda world: {"reason": "De vreemdeling is teruggekeerd naar Nederland."},
}

# Namespaces listed as one entry (their index page) instead of page by page: none since issue 9 listed the admin's.
WHOLE_NAMESPACES = {}


def _admin_object(kind):
    """The id of the admin row's object: a case officer, team A, the pending role change, a holiday, a heartbeat."""

    def object_id(world):
        return str(world.admin_objects[kind])

    return object_id


# The admin's object pages by their model (`on` is `-`: the object is no case).
for _model, _kind in [
    ("accounts_user", "user"),
    ("accounts_team", "team"),
    ("accounts_rolechangerequest", "rolechange"),
    ("cases_atwholiday", "holiday"),
    ("laissezpasser_country", "country"),
    ("laissezpasser_mission", "mission"),
    ("core_heartbeat", "heartbeat"),
    ("auth_group", "group"),
    ("reports_complaint", "complaint"),
    ("reports_target", "target"),
]:
    for _page in ("history", "delete", "change"):
        EXTRA_KWARGS[f"admin:{_model}_{_page}"] = {"object_id": _admin_object(_kind)}
EXTRA_KWARGS["admin:auth_user_password_change"] = {"id": _admin_object("user")}
EXTRA_KWARGS["admin:app_list"] = {"app_label": "accounts"}
EXTRA_KWARGS["admin:view_on_site"] = {
    "content_type_id": lambda world: str(world.admin_objects["user_type"]),
    "object_id": _admin_object("user"),
}

# The admin's unnamed patterns: an object's bare URL (redirects to its change page) and the catch-all.
UNNAMED_URLS = {
    f"(unnamed)beheer/{_path}/<path:object_id>/": (
        lambda world, _path=_path, _kind=_kind: f"/beheer/{_path}/{world.admin_objects[_kind]}/"
    )
    for _path, _kind in [
        ("accounts/user", "user"),
        ("accounts/team", "team"),
        ("accounts/rolechangerequest", "rolechange"),
        ("cases/atwholiday", "holiday"),
        ("laissezpasser/country", "country"),
        ("laissezpasser/mission", "mission"),
        ("core/heartbeat", "heartbeat"),
        ("auth/group", "group"),
        ("reports/complaint", "complaint"),
        ("reports/target", "target"),
    ]
}
UNNAMED_URLS["(unnamed)beheer/(?P<url>.*)$"] = lambda world: "/beheer/bestaat-niet/"
# A pattern with positional groups (simple-history's view of one version): its URL written out; version 1.
UNNAMED_URLS["admin:cases_atwholiday_simple_history"] = lambda world: (
    f"/beheer/cases/atwholiday/{world.admin_objects['holiday']}/history/1/"
)
for _model in ("country", "mission"):
    UNNAMED_URLS[f"admin:laissezpasser_{_model}_simple_history"] = lambda world, _model=_model: (
        f"/beheer/laissezpasser/{_model}/{world.admin_objects[_model]}/history/1/"
    )

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The day after the overdue deadline of the fixtures fell due (tests/factories/deadlines.py).
NOW = dt.datetime(2026, 4, 1, 10, 0, tzinfo=AMSTERDAM)


# --- The table ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    user: str | None
    subject: str


ACTORS = {
    "anon": Actor(None, "own"),
    "own": Actor("officer", "own"),
    "team": Actor("officer", "team"),
    "other": Actor("officer", "other"),
    "conf": Actor("officer", "conf"),
    "lead": Actor("lead", "own"),
    "lead✗": Actor("lead", "other"),
    "enf": Actor("enforcement", "own"),
    "admin": Actor("admin", "own"),
    "priv": Actor("privacy", "own"),
    "mgmt": Actor("management", "own"),
    "ptnr": Actor("partner", "own"),
    "ptnr✗": Actor("partner", "other"),
}
OUTCOMES = {"200", "201", "302", "400", "401", "403", "404", "405", "409", "login", "glass", "out"}
DENIALS = {"login", "glass", "400", "401", "403", "404", "405", "409"}
OBJECTS = {
    "-",
    "case",
    "proc",
    "term",
    "action",
    "deadline",
    "item",
    "doc",
    "hand",
    "lp",
    "plan",
    "rem",
    "claim",
    "op",
    "pass",
    "meas",
    "hold",
    "mvb",
}
# Which subjects each user may see; every other subject's name must stay off their pages. (The privacy
# officer's access log names whom it lists; the world holds no logged reads, every request is undone.)
SCOPE = {
    None: set(),
    "officer": {"own", "team"},
    "lead": {"own", "team", "conf"},
    "enforcement": {"own", "team"},
    "admin": set(),
    "privacy": set(),
    # The management sees national figures only: no page it reaches names any person.
    "management": set(),
    "partner": {"own"},
}


@dataclass(frozen=True)
class Row:
    method: str
    name: str
    on: str
    expected: dict

    def __str__(self):
        return f"{self.method} {self.name}"


def parse(table):
    """The rows of the table; a malformed line fails with its text."""
    lines = [line for line in table.strip("\n").splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split()
    assert header == list(ACTORS), f"The columns must be {' '.join(ACTORS)}, not {' '.join(header)}"
    rows = []
    for line in lines[1:]:
        method, name, on, *cells = line.split()
        assert method in {"GET", "POST", "POST*"}, line
        assert on in OBJECTS, line
        assert len(cells) == len(ACTORS) and set(cells) <= OUTCOMES, line
        rows.append(Row(method, name, on, dict(zip(ACTORS, cells, strict=True))))
    twice = sorted({str(row) for row in rows if sum(str(other) == str(row) for other in rows) > 1})
    assert twice == [], f"Listed twice: {', '.join(twice)}"
    return rows


ROWS = parse(MATRIX)


def url_patterns(resolver=None):
    """(name, route) of every URL pattern, walked recursively; a whole namespace counts once, unnamed ones by route."""

    def walk(patterns, namespace, route):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in WHOLE_NAMESPACES:
                    yield WHOLE_NAMESPACES[pattern.namespace], route + str(pattern.pattern)
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, route + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                full = route + str(pattern.pattern)
                yield (f"{namespace}{pattern.name}" if pattern.name else f"(unnamed) {full}"), full

    resolver = resolver or get_resolver()
    return list(walk(resolver.url_patterns, "", ""))


def url_names(resolver=None):
    return [name for name, _route in url_patterns(resolver)]


def unlisted(resolver=None, rows=ROWS):
    """The URL patterns the matrix does not list (an unnamed one is listed by its route, without the blank)."""
    listed = {row.name for row in rows}
    return [name for name in url_names(resolver) if name not in listed and name.replace(" ", "") not in listed]


# --- The world the requests run in ---------------------------------------------------------------------


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("paspoort.png", buffer.getvalue(), content_type="image/png")


def case_with_its_work(*, officer, v_number, surname, **kwargs):
    """A case in progress with one of every object a URL can point at."""
    case = CaseFactory(
        in_progress=True,
        case_officer=officer,
        foreign_national=ForeignNationalFactory(v_number=v_number, surname=surname),
        **kwargs,
    )
    procedure = ProcedureFactory(case=case)
    term = services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=officer, now=NOW)
    services.interview_record(
        case=case,
        kind="first",
        held_at=NOW - dt.timedelta(hours=2),
        interpreter_mode="in_person",
        interpreter_language="ti",
        stance="undecided",
        summary="Eerste vertrekgesprek.",
        actions=[("Paspoort ophalen bij de ambassade", AgreedAction.Party.FOREIGN_NATIONAL, dt.date(2026, 4, 20))],
        actor=officer,
        now=NOW,
    )
    deadline = DeadlineFactory(case=case, overdue=True)
    document = document_upload(
        case=case, upload=png(), kind=DocumentKind.PASSPORT, description="", actor=officer, now=NOW
    )
    travel_document_request = request_create(
        case=case, country="MAR", third_country_access="Verblijfsvergunning", actor=officer, now=NOW
    )
    forced_plan = departure_services.plan_record(
        case=case,
        actor=officer,
        now=NOW,
        destination_type="country_of_origin",
        destination_country="MAR",
        track="forced",
        reason="Gedwongen vertrek",
    )
    removal = departure_services.removal_book(
        case=case,
        actor=officer,
        now=NOW,
        kind="scheduled",
        carrier="Royal Air Maroc",
        flight_number="AT851",
        departure_airport="Schiphol",
        departs_at=NOW + dt.timedelta(days=60),
        kmar_escorts=2,
    )
    operation = departure_operations.operation_create(
        actor=TeamLeadFactory(team=officer.team),
        now=NOW,
        kind="scheduled",
        reference=f"OP-{case.pk}",
        carrier="Royal Air Maroc",
        flight_number="AT851",
        departure_airport="Schiphol",
        departs_at=NOW + dt.timedelta(days=60),
        destination_country="MAR",
        kmar_escorts=2,
    )
    place = departure_operations.operation_removal_join(operation=operation, removal=removal, actor=officer, now=NOW)
    claim = departure_services.dublin_claim_record(
        case=case,
        kind="take_back",
        member_state="ESP",
        registered_on=dt.date(2026, 2, 1),
        requested_on=dt.date(2026, 2, 10),
        actor=officer,
        now=NOW,
    )
    return {
        "case": case,
        "lp": travel_document_request,
        "plan": forced_plan,
        "rem": removal,
        "claim": claim,
        "op": operation,
        "pass": place,
        "meas": Measure.objects.create(
            case=case,
            kind="reporting_duty",
            legal_basis="art. 57 Vw 2000",
            ground="Meldplicht",
            imposed_by=officer,
            imposed_at=NOW,
            starts_at=NOW,
            frequency_days=7,
            place="Ter Apel",
        ),  # fmt: skip
        "hold": Measure.objects.create(
            case=case,
            kind="holding",
            legal_basis="art. 50 Vw 2000",
            ground="Identiteit vaststellen",
            imposed_by=officer,
            imposed_at=NOW,
            starts_at=NOW,
        ),  # fmt: skip
        "mvb": DetentionOrder.objects.create(case=case, drafted_by=officer, drafted_at=NOW),
        "proc": procedure,
        "term": term,
        "action": AgreedAction.objects.get(interview__case=case),
        "deadline": deadline,
        "item": WorkItem.objects.get(deadline=deadline),
        "doc": document,
        "hand": Handover.objects.create(
            source=Source.KMAR,
            reference=f"MATCH-{v_number}",
            v_number=v_number,
            handover_date=NOW.date(),
            received_at=NOW,
            received_by=ChainPartnerFactory(chain_partner="kmar"),
            case=None,
            outcome=HandoverOutcome.AWAITING_MATCH,
            payload={"surname": "Onbekend"},
        ),
    }


@dataclass
class World:
    users: dict
    subjects: dict  # subject → {object kind → object}
    names: dict  # subject → (surname, V-number)
    admin_objects: dict = field(default_factory=dict)  # kind → id of the admin's object
    clients: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # user → the session key it logged in with


def build_world():
    team_a, team_b = TeamFactory(code="team-a", name="Team A"), TeamFactory(code="team-b", name="Team B")
    officer = CaseOfficerFactory(team=team_a)
    colleague = CaseOfficerFactory(team=team_a)
    officer_b = CaseOfficerFactory(team=team_b)
    partner = ChainPartnerFactory(chain_partner="ind")
    users = {
        "officer": officer,
        "colleague": colleague,
        "lead": TeamLeadFactory(team=team_a),
        "enforcement": EnforcementOfficerFactory(team=team_a),
        "admin": FunctionalAdminFactory(),
        "privacy": PrivacyOfficerFactory(),
        "management": ManagementFactory(),
        "partner": partner,
    }
    # Surnames that are no word of the interface, so that finding one on a page means the person is shown.
    names = {
        "own": ("Amrani", "7100000001"),
        "team": ("Bakkali", "7100000002"),
        "other": ("Chaouch", "7100000003"),
        "conf": ("Dirani", "7100000004"),
    }
    subjects = {
        "own": case_with_its_work(officer=officer, v_number=names["own"][1], surname=names["own"][0]),
        "team": case_with_its_work(officer=colleague, v_number=names["team"][1], surname=names["team"][0]),
        "other": case_with_its_work(officer=officer_b, v_number=names["other"][1], surname=names["other"][0]),
        "conf": case_with_its_work(
            officer=colleague, v_number=names["conf"][1], surname=names["conf"][0], confidential=True
        ),
    }
    HandoverFactory(case=subjects["own"]["case"], source=Source.IND, received_by=partner)
    HandoverFactory(case=subjects["other"]["case"], source=Source.POLICE)
    # The admin's objects: a role change another administrator proposed (so the world's may decide it).
    proposal = role_change_propose(
        user=colleague, roles=[Role.TEAM_LEAD], reason="Benoemd", actor=FunctionalAdminFactory(), now=NOW
    )
    admin_objects = {
        "user": officer.pk,
        "user_type": ContentType.objects.get_for_model(officer).pk,
        "team": team_a.pk,
        "rolechange": proposal.pk,
        "holiday": AtwHoliday.objects.order_by("date").first().pk,
        "country": Country.objects.get(code="MAR").pk,
        "mission": Mission.objects.filter(country__code="MAR").order_by("id").first().pk,
        "heartbeat": Heartbeat.objects.create(worker="celery@matrix", last_beat_at=NOW, beats=1).pk,
        "group": Group.objects.get(name=Role.CASE_OFFICER.value).pk,
        "complaint": Complaint.objects.create(
            reference="KL-2026-001",
            received_on=NOW.date(),
            subject="Bejegening",
            registered_at=NOW,
            registered_by=colleague,
        ).pk,
        # Its own row: a transactional test earlier in the run flushes the targets the migration seeded.
        "target": Target.objects.get_or_create(
            kpi=Kpi.DEMONSTRABLE_DEPARTURE,
            year=2031,
            defaults={"comparison": Comparison.AT_LEAST, "percentage": 50, "source": "Matrix"},
        )[0].pk,
    }
    return World(users=users, subjects=subjects, names=names, admin_objects=admin_objects)


def client_for(world, user_key):
    """The user's client, logged in: staff with a session, the chain partner with its token (it cannot log in).

    One client per user for the whole table; it logs in again after a row that logged it out.
    """
    client = world.clients.get(user_key)
    user = world.users.get(user_key)
    if client is None:
        client = world.clients[user_key] = Client()
        if user_key == "partner":
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {api_token_key(user)}"
    if user is not None and user_key != "partner":
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is None or not cookie.value or cookie.value != world.sessions.get(user_key):
            client.force_login(user)
            world.sessions[user_key] = client.cookies[settings.SESSION_COOKIE_NAME].value
    # A message one row left behind must not show on the next row's page.
    client.cookies.pop("messages", None)
    return client


def url_of(world, row, subject):
    if row.name in UNNAMED_URLS:
        return UNNAMED_URLS[row.name](world)
    kwargs = {key: value(world) if callable(value) else value for key, value in EXTRA_KWARGS.get(row.name, {}).items()}
    if row.on != "-":
        kwargs["pk"] = world.subjects[subject][row.on].pk
    return reverse(row.name, kwargs=kwargs)


# --- What was written -----------------------------------------------------------------------------------


# Tables whose rows change on every request of a logged-in user by design.
NOT_WRITES = {"django_session"}


def fingerprint():
    """How many rows this transaction has inserted, updated and deleted per table so far, and the document store.

    PostgreSQL counts every write of the current transaction, savepoints included, so a request that
    wrote (even something it then rolled back) shows up as a changed count.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")
        rows = {table: counts for table, *counts in cursor.fetchall() if table not in NOT_WRITES}
    media = Path(settings.MEDIA_ROOT)
    rows["(document store)"] = sorted(str(p.relative_to(media)) for p in media.rglob("*")) if media.exists() else []
    return rows


def changed(before, after):
    return sorted(table for table in after if before.get(table, [0, 0, 0]) != after[table])


# --- Asking --------------------------------------------------------------------------------------------


def outcome(response, world, subject):
    """The response as the table spells it."""
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith((reverse(settings.LOGIN_URL), reverse("admin:login"))):
        return "login"
    if location == reverse("cases:break_glass", kwargs={"pk": world.subjects[subject]["case"].pk}):
        return "glass"
    return "302"


def ask(world, row, actor_key):
    """The outcome of the row's request as this actor, and what broke the rules besides the table."""
    actor = ACTORS[actor_key]
    # The table asks more than a minute's API budget of one partner at one frozen moment: no throttling here.
    cache.clear()
    client = client_for(world, actor.user)
    url = url_of(world, row, actor.subject)
    problems = []
    with transaction.atomic():
        before = fingerprint()
        body = BODIES[row.name](world) if row.method == "POST*" else {}
        if row.method == "GET":
            response = client.get(url)
        elif row.name.startswith(("cases-api:", "laissezpasser:api-", "departures:api-", "detention:api-")):
            response = client.post(url, data=body, content_type="application/json")
        else:
            response = client.post(url, data=body)
        got = outcome(response, world, actor.subject)
        if got == "login" and row.expected[actor_key] == "out":
            # Logged out on purpose (every session ended): the way to the login page, and it may write.
            got = "out"
        if got in DENIALS:
            written = changed(before, fingerprint())
            if written:
                problems.append(f"{row} as {actor_key}: denied ({got}) but wrote {written}")
        transaction.set_rollback(True)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", errors="replace")
    for subject, (surname, v_number) in world.names.items():
        if actor.user is None or subject in SCOPE[actor.user]:
            continue
        for shown in (surname, v_number):
            if shown in text:
                problems.append(f"{row} as {actor_key}: shows {shown!r} of the {subject} case, outside the scope")
    return got, problems


def actors_to_ask(row):
    """Every actor for a row about an object; one per user for a row without one."""
    if row.on != "-":
        return list(ACTORS)
    first = {}
    for key, actor in ACTORS.items():
        first.setdefault(actor.user, key)
    return list(first.values())


# --- The tests -----------------------------------------------------------------------------------------


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"
    # Every 403 and 404 would log a warning with its traceback: hundreds of them say nothing here.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    with time_machine.travel(NOW, tick=False):
        yield build_world()
    request_log.setLevel(level)


USERS = list(dict.fromkeys(actor.user or "anonymous" for actor in ACTORS.values()))


@pytest.mark.parametrize("user", USERS)
def test_each_url_answers_the_user_in_each_scope_as_the_matrix_says(world, user):
    mismatches, problems = [], []
    for row in ROWS:
        for actor_key in actors_to_ask(row):
            if (ACTORS[actor_key].user or "anonymous") != user:
                continue
            got, broken = ask(world, row, actor_key)
            problems += broken
            if got != row.expected[actor_key]:
                mismatches.append(f"{row} as {actor_key}: the matrix says {row.expected[actor_key]}, got {got}")
    assert mismatches + problems == []


def test_every_url_pattern_is_in_the_matrix():
    missing = unlisted()
    assert missing == [], f"Add these URL patterns to the matrix with what each actor gets: {', '.join(missing)}"


@override_settings(ROOT_URLCONF="tests.dtv.urls_with_an_unlisted_page")
def test_a_url_pattern_nobody_listed_is_reported_by_its_name_or_its_route():
    assert unlisted() == ["forgotten_page", "(unnamed) naamloos/"]


def test_the_matrix_lists_only_url_patterns_that_exist():
    names = set(url_names()) | {name.replace(" ", "") for name in url_names()}
    assert sorted({row.name for row in ROWS} - names) == []


def test_a_row_without_an_object_gives_one_answer_per_user():
    disagreeing = [
        f"{row} for {user}"
        for row in ROWS
        if row.on == "-"
        for user in USERS
        if len({cell for key, cell in row.expected.items() if (ACTORS[key].user or "anonymous") == user}) > 1
    ]
    assert disagreeing == []


def test_a_url_pattern_with_an_id_names_the_object_it_points_at():
    with_id = {name for name, route in url_patterns() if "<int:pk>" in route}
    assert sorted(row.name for row in ROWS if row.name in with_id and row.on == "-") == []


class TestTheChecksThemselves:
    """The matrix is only as good as what it can see: a write, and a name on a page."""

    def test_the_write_check_sees_an_insert(self, world):
        with transaction.atomic():
            before = fingerprint()
            services.note_add(case=world.subjects["own"]["case"], text="Gebeld.", actor=world.users["officer"], now=NOW)
            assert "cases_caseevent" in changed(before, fingerprint())
            transaction.set_rollback(True)

    def test_the_write_check_sees_an_update(self, world):
        with transaction.atomic():
            before = fingerprint()
            Case.objects.filter(pk=world.subjects["own"]["case"].pk).update(confidential=True)
            assert changed(before, fingerprint()) == ["cases_case"]
            transaction.set_rollback(True)

    def test_a_page_that_shows_a_case_outside_the_scope_is_reported(self, world):
        # The team lead sees the confidential case of the team; the case officer would be told.
        row = Row("GET", "cases:case_detail", "case", {})
        world.users["officer"] = world.users["lead"]
        _got, problems = ask(world, row, "conf")
        assert problems == [
            "GET cases:case_detail as conf: shows 'Dirani' of the conf case, outside the scope",
            "GET cases:case_detail as conf: shows '7100000004' of the conf case, outside the scope",
        ]

    def test_the_pages_of_the_officer_do_show_the_cases_in_scope(self, world):
        # Otherwise "shows no name outside the scope" would hold for pages that show no names at all.
        client = client_for(world, "officer")
        for page in ("cases:workqueue", "cases:notifications"):
            assert "Amrani" in client.get(reverse(page)).text, page
