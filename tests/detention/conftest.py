import pytest

from tests.factories.accounts import EnforcementOfficerFactory, TeamLeadFactory
from tests.factories.detention import detention_case


@pytest.fixture
def case(db):
    return detention_case()


@pytest.fixture
def enforcer(case):
    return EnforcementOfficerFactory(team=case.team, first_name="Joris", last_name="Bakker")


@pytest.fixture
def lead(case):
    return TeamLeadFactory(team=case.team, first_name="Marieke", last_name="Jansen")


@pytest.fixture(autouse=True)
def _pdf_tasks_eager(settings):
    """Issuing schedules the PDF task on commit: in tests it runs in the process, as a worker would."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from dtv.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def holidays():
    from cases.deadlines import atw

    return atw.holiday_names(atw.calendar_rows(2000, 2040))
