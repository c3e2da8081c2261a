"""The release workflow only runs pinned code: actions by commit, runners and containers by version."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "release.yml"


def jobs() -> dict[str, dict[str, object]]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]  # type: ignore[no-any-return]


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u)] == []


def test_no_floating_runner_or_image() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "-latest" not in text
    assert jobs()["linux"]["container"].endswith("-bookworm")  # type: ignore[union-attr]


def test_installs_are_locked() -> None:
    installs = re.findall(r"pip install [^\n]*", WORKFLOW.read_text(encoding="utf-8"))
    assert installs
    assert [line for line in installs if "--require-hashes -r packaging/lock/" not in line] == []


def test_release_is_a_draft_after_every_build() -> None:
    release = jobs()["release"]
    assert set(release["needs"]) >= {"version", "linux", "linux-clean-root", "windows", "macos"}  # type: ignore[arg-type]
    assert "--draft" in WORKFLOW.read_text(encoding="utf-8")
