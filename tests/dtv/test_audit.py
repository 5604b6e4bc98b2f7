"""Review 1, finding 7: pip-audit audited 0 of 73 packages and still said "No known vulnerabilities found"."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"
spec = importlib.util.spec_from_file_location("audit", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def test_nothing_audited_fails_loudly():
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}] * 3}
    code, message = audit.verdict(report)
    assert code == 2
    assert message.startswith("AUDIT FAILED: 0 of 3 packages were audited (3 skipped)")


def test_a_vulnerable_package_fails_and_is_named():
    report = {"dependencies": [{"name": "django", "version": "6.1.0", "vulns": [{"id": "PYSEC-1"}]}]}
    assert audit.verdict(report) == (
        1,
        "AUDIT FAILED: 1 vulnerable of 1 audited packages: django 6.1.0 (PYSEC-1)",
    )


def test_audited_packages_without_vulnerabilities_pass():
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1.3", "vulns": []},
            {"name": "regie", "skip_reason": "not on PyPI"},
        ]
    }
    assert audit.verdict(report) == (
        0,
        "Audit passed: 1 packages audited, no known vulnerability; 1 skipped (not on the package index).",
    )
