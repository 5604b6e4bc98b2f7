import pytest

from cases.removability import register_removability_check, registered_checks, unregister_removability_check


def _of_cases_or_tests(check):
    module = check.rows.__module__
    return module.startswith("cases.") or module.startswith("tests.")


@pytest.fixture(autouse=True)
def _only_the_removability_checks_of_cases():
    """The tests of cases weigh the checks of cases (and the throwaway ones they register), not those of the apps.

    The apps above cases (travel documents, detention, ...) test their own checks, and the whole conjunction
    in their own suites; here a person with an established nationality and no pending procedure is removable.
    """
    others = [check for check in registered_checks() if not _of_cases_or_tests(check)]
    for check in others:
        unregister_removability_check(check.key)
    yield
    for check in others:
        if check.key not in {c.key for c in registered_checks()}:
            register_removability_check(check)
