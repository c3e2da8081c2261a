"""The real app in a real X session (Xvfb + openbox), driven with xdotool like a user, watched through its probe.

One scripted session walks the journeys of issue 13: the window comes up; F6 and Tab reach the form; typing,
Ctrl+E from inside a one-line field, Ctrl+Z; Tab through every region with the docks open; a second
``resumepair open`` hands its file to the running window (and exits 0) instead of opening a second one; leaving
an edited file-linked resume asks, and re-opening the file asks which version to keep; the CLI's queue commands
work beside the app; Ctrl+Q closes. Every wait is on the app's probe file (``app/ui/probe.py``), never a sleep.
With ``RESUMEPAIR_SCREENSHOTS=DIR`` it also saves the screen at 1024×700 and 1600×1000 there (``make
screenshots`` points it at docs/screenshots).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SAMPLE, kill_group, run_cli

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
WAIT_S = 60.0
CLI_TIMEOUT_S = 240  #: a second `resumepair` process imports Qt; on a loaded 2-core machine that alone took ~60 s

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 session: Linux only")


class XSession:
    """Xvfb with openbox on a display of its own."""

    def __init__(self, folder: Path) -> None:
        missing = [tool for tool in TOOLS if shutil.which(tool) is None]
        if missing:
            pytest.fail(f"missing {missing}: run `make system-deps` (xvfb openbox xdotool x11-utils)")
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1700x1100x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            self.display = f":{pipe.readline().strip()}"
        self.env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb", "HOME": str(folder)}
        self.env.pop("WAYLAND_DISPLAY", None)
        self.wm: subprocess.Popen[bytes] | None = None
        try:
            self._start_window_manager()
        except BaseException:
            self.close()
            raise

    def _start_window_manager(self) -> None:
        """openbox, started again if it gives up while the display comes up (seen once under heavy load)."""
        for _attempt in range(3):
            self.wm = subprocess.Popen(
                ["openbox"],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            deadline = time.monotonic() + WAIT_S
            while time.monotonic() < deadline and self.wm.poll() is None:
                if "_NET_SUPPORTING_WM_CHECK(WINDOW)" in self.run("xprop", "-root").stdout:
                    return
                time.sleep(0.1)
            kill_group(self.wm)
        pytest.fail(
            f"openbox did not come up on {self.display} (last exit code {self.wm.returncode if self.wm else None})"
        )

    def run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30, check=check)

    def key(self, *keys: str) -> None:
        self.run("xdotool", "key", "--clearmodifiers", *keys, check=True)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "30", text, check=True)

    def click(self, x: int, y: int) -> None:
        self.run("xdotool", "mousemove", "--sync", str(x), str(y), "click", "1", check=True)

    def screenshot(self, geometry: list[int], target: Path) -> None:
        """The window's client area (``geometry``: x, y, width, height on the screen), as the screen shows it."""
        script = (
            "import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication(sys.argv)\n"
            "x, y, w, h = (int(v) for v in sys.argv[2:6])\n"
            "assert app.primaryScreen().grabWindow(0).copy(x, y, w, h).save(sys.argv[1], 'PNG')\n"
        )
        values = [str(value) for value in geometry]
        subprocess.run(
            [sys.executable, "-c", script, str(target), *values], env=self.env, check=True, timeout=CLI_TIMEOUT_S
        )

    def close(self) -> None:
        for process in (self.wm, self.xvfb):
            if process is not None:
                kill_group(process)


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT_S) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


class App:
    """``python -m app open FILE`` in the X session, with its probe file."""

    def __init__(self, session: XSession, data_dir: Path, file: Path, probe: Path) -> None:
        self.session, self.data_dir, self.probe_path = session, data_dir, probe
        env = {**session.env, "RESUMEPAIR_UI_PROBE": str(probe), "RESUMEPAIR_DATA_DIR": str(data_dir)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "open", str(file)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def state(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.probe_path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def until(self, condition: Callable[[dict[str, Any]], Any], what: str) -> dict[str, Any]:
        def check() -> dict[str, Any] | None:
            if self.process.poll() is not None:
                pytest.fail(f"the app exited ({self.process.returncode}) waiting for {what}: {self.process.stderr}")
            state = self.state()
            return state if state and condition(state) else None

        result: dict[str, Any] = wait_for(check, what)
        return result

    def region(self) -> str | None:
        focus = self.state().get("focus") or {}
        return focus.get("region")

    def focus_key(self) -> tuple[Any, ...]:
        focus = self.state().get("focus") or {}
        return (focus.get("region"), focus.get("object"), focus.get("name"), focus.get("class"), focus.get("text"))

    def press_until_focus_moves(self, *keys: str) -> tuple[Any, ...]:
        before = self.focus_key()
        self.session.key(*keys)
        return wait_for(lambda: self.focus_key() != before and self.focus_key(), f"focus to move from {before}")

    def click_button(self, text: str) -> None:
        state = self.until(lambda s: s.get("modal") and text in s["modal"]["buttons"], f"a dialog with “{text}”")
        x, y = state["modal"]["buttons"][text]
        self.session.click(x, y)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[XSession]:
    x = XSession(tmp_path)
    yield x
    x.close()


def resume(folder: Path, name: str) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["basics"]["name"] = name
    path = folder / f"{name.split(maxsplit=1)[0].lower()}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_a_scripted_session_in_a_real_window(session: XSession, tmp_path: Path) -> None:
    shots = Path(os.environ["RESUMEPAIR_SCREENSHOTS"]) if os.environ.get("RESUMEPAIR_SCREENSHOTS") else None
    first, second = resume(tmp_path, "Ada Lovelace"), resume(tmp_path, "Grace Hopper")
    data_dir = tmp_path / "data"
    app = App(session, data_dir, first, tmp_path / "probe.json")
    try:
        state = app.until(lambda s: s.get("pages", 0) > 0 and s.get("source") == str(first), "the first preview")
        pid = state["pid"]
        window = session.run("xdotool", "search", "--sync", "--pid", str(app.process.pid), "--name", "ResumePair")
        window_id = window.stdout.split()[-1]
        session.run("xdotool", "windowactivate", "--sync", window_id, check=True)

        # Small screen first: the window at 1024x700 (client area), then the keyboard.
        session.run("xdotool", "windowmove", "--sync", window_id, "0", "0", check=True)
        session.run("xdotool", "windowsize", "--sync", window_id, "1024", "700", check=True)
        app.until(lambda s: s["size"] == [1024, 700], "the window at 1024x700")
        app.until(lambda s: s.get("focus"), "a focused control")
        for _ in range(6):  # F6 walks the regions: library, sections, form
            if app.region() == "form":
                break
            app.press_until_focus_moves("F6")
        assert app.region() == "form"
        assert app.state()["focus"]["name"] == "Name"

        # Typing, Ctrl+E from inside the field, Ctrl+Z.
        session.key("End")
        session.type(" Jr")
        app.until(lambda s: s["name"] == "Ada Lovelace Jr" and s["title"].startswith("*"), "the typed name")
        session.key("ctrl+e")
        app.until(lambda s: (s.get("modal") or {}).get("title") == "Export PDF", "the export dialog")
        session.key("Escape")
        app.until(lambda s: s.get("modal") is None, "the dialog to close")
        session.key("ctrl+z")
        app.until(lambda s: s["name"] == "Ada Lovelace" and not s["title"].startswith("*"), "the undone typing")

        # The Experience page at 1024x700 with the queue dock open, then Tab through every region.
        session.key("shift+F6")
        app.until(lambda s: (s.get("focus") or {}).get("region") == "sections", "the section list")
        session.key("Down")
        session.key("ctrl+shift+j")
        app.until(lambda s: s["docks"] == ["queue"], "the queue dock")
        if shots:
            session.screenshot(app.state()["geometry"], shots / "after-1024x700.png")
        regions = [app.region()]
        for _ in range(120):
            regions.append(app.press_until_focus_moves("Tab")[0])
            if regions[-1] == "sections" and "queue" in regions:
                break
        visited = [r for i, r in enumerate(regions) if i == 0 or regions[i - 1] != r]
        assert visited[:5] == ["sections", "form", "preview", "queue", "library"], visited
        session.key("ctrl+shift+j")
        app.until(lambda s: s["docks"] == [], "the dock to close")

        session.run("xdotool", "windowsize", "--sync", window_id, "1600", "1000", check=True)
        app.until(lambda s: s["size"] == [1600, 1000], "the window at 1600x1000")
        if shots:
            session.screenshot(app.state()["geometry"], shots / "after-1600x1000.png")

        # An edit, then a second `resumepair open` hands its file over and exits at once.
        app.press_until_focus_moves("F6")  # from the sections to the Experience form
        for _ in range(12):
            if app.state()["focus"]["name"] == "Position":
                break
            app.press_until_focus_moves("Tab")
        assert app.state()["focus"]["name"] == "Position"
        session.key("End")
        session.type(" (lead)")
        app.until(lambda s: s["title"].startswith("*"), "an unsaved edit")
        other = run_cli("open", str(second), data_dir=data_dir, timeout=CLI_TIMEOUT_S)
        assert other.returncode == 0, other.stderr
        assert "already running" in other.stderr
        app.click_button("Discard")  # "Save your changes to ada.json?"
        app.until(lambda s: s["source"] == str(second) and s["pid"] == pid, "Grace Hopper in the same window")
        assert json.loads(first.read_text(encoding="utf-8"))["basics"]["name"] == "Ada Lovelace"

        # Re-opening the first file: its library copy has the edit, the file does not: the app asks.
        again = run_cli("open", str(first), data_dir=data_dir, timeout=CLI_TIMEOUT_S)
        assert again.returncode == 0, again.stderr
        app.click_button("Keep library version")
        state = app.until(lambda s: s["source"] == str(first), "Ada Lovelace again")
        assert state["file_dirty"] and state["title"].startswith("*")

        # The CLI's queue commands work beside the app.
        jobs = run_cli("jobs", "--json", data_dir=data_dir, timeout=CLI_TIMEOUT_S)
        assert jobs.returncode == 0, jobs.stderr
        assert isinstance(json.loads(jobs.stdout), list)

        # Quit: the unsaved file edit is asked about once more; discard (it stays in the library).
        session.key("ctrl+q")
        app.click_button("Discard")
        assert app.process.wait(60) == 0
    finally:
        if app.process.poll() is None:
            kill_group(app.process)
        app.process.communicate(timeout=30)
    assert not (data_dir / "app.lock").exists()
