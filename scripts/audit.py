"""`make audit`: pip-audit over the installed (locked) dependencies that fails unless it really audited them.

pip-audit prints "No known vulnerabilities found" and exits 0 even when it could not look a single
package up (no route to its vulnerability service: every package is then "skipped"). This wrapper
reads its JSON report and fails loudly in that case, and when any package has a known vulnerability.
"""

import json
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def verdict(report: dict) -> tuple[int, str]:
    """(exit code, message) for a pip-audit JSON report: 0 only if packages were audited and none is vulnerable."""
    dependencies = report.get("dependencies", [])
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    skipped = len(dependencies) - len(audited)
    vulnerable = [dep for dep in audited if dep.get("vulns")]
    if not audited:
        return 2, (
            f"AUDIT FAILED: 0 of {len(dependencies)} packages were audited ({skipped} skipped): "
            "pip-audit could not reach its vulnerability service. This is not a clean bill of health."
        )
    if vulnerable:
        names = ", ".join(
            f"{dep['name']} {dep['version']} ({', '.join(vuln['id'] for vuln in dep['vulns'])})" for dep in vulnerable
        )
        return 1, f"AUDIT FAILED: {len(vulnerable)} vulnerable of {len(audited)} audited packages: {names}"
    note = f"; {skipped} skipped (not on the package index)" if skipped else ""
    return 0, f"Audit passed: {len(audited)} packages audited, no known vulnerability{note}."


def main() -> int:
    command = [str(VENV_BIN / "pip-audit"), "--local", "--format", "json", "--progress-spinner", "off"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"AUDIT FAILED: pip-audit gave no report (exit {result.returncode}):\n{result.stderr}", file=sys.stderr)
        return 2
    code, message = verdict(report)
    print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
