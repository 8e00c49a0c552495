"""The README's two commands on a fresh minimal Debian: the editor opens and the tests pass.

A new user has Python and git and nothing else. This builds such a machine (debootstrap
--variant=minbase from the mirror this machine uses, then only `python3` and `git`), puts the
checkout in it, and does what the README says, in order:

1. `./dev run` without a display: sets everything up and checks the example map;
2. the editor on a display that lacks Qt's X11 libraries: one line naming them and the command
   that installs them, not Qt's abort;
3. `./dev run` on a display (Xvfb, X11 platform): it installs what Qt needs and the window appears;
4. `./dev test`: the whole suite passes with nothing skipped.

Needs root, debootstrap, Xvfb and xwininfo (`./dev test-fresh-machine` installs them); run by
`.ci/run`, deselected from a plain `./dev test` (it takes several minutes and the network).
The steps share one machine, so they run in file order.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..virtual_display import xvfb_display

pytestmark = [pytest.mark.fresh_machine, pytest.mark.slow]

CHECKOUT = Path(__file__).resolve().parents[2]
ARTIFACTS = CHECKOUT / "artifacts"
HOME = "/root"
WORKDIR = f"{HOME}/journeymapper"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
EXAMPLE = "resources/examples/corner-bakery.jmap"
WINDOW_TITLE = '"corner-bakery.jmap '  # the editor's window is named after its file, then the program


def _host_release() -> dict[str, str]:
    fields = {}
    for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        fields[key] = value.strip().strip('"')
    return fields


def _host_sources(codename: str) -> list[tuple[str, str]]:
    """(mirror, suite) of this machine's package sources for its own release (bookworm,
    bookworm-updates, bookworm-security...), in both of apt's formats; other repositories are left out."""
    sources: list[tuple[str, str]] = []
    files = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in files:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.MULTILINE))
                if "deb" not in fields.get("Types", "").split():
                    continue
                for uri in fields.get("URIs", "").split():
                    sources += [(uri, suite) for suite in fields.get("Suites", "").split()]
        else:
            for line in text.splitlines():
                words = [w for w in line.split() if not w.startswith("[")]  # no [options]
                if len(words) >= 3 and words[0] == "deb":
                    sources.append((words[1], words[2]))
    ours = [(uri, suite) for uri, suite in sources if suite.split("-")[0] == codename]
    return list(dict.fromkeys(ours))


def _require(condition: bool, what: str) -> None:
    """Missing tools fail this test rather than skip it: CI must never pass it by not running it."""
    if not condition:
        pytest.fail(f"the fresh-machine test needs {what} (./dev test-fresh-machine installs it)")


class FreshMachine:
    """A minimal Debian root, entered with chroot in a mount namespace of its own (so its mounts
    of /proc, /dev, /sys and the X socket folder go away with each command)."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env  # given to every command

    def command(self, script: str, env: dict[str, str] | None = None) -> list[str]:
        binds = [("/dev", "/dev", "--rbind"), ("/sys", "/sys", "--bind")]
        if Path("/tmp/.X11-unix").is_dir():
            binds.append(("/tmp/.X11-unix", "/tmp/.X11-unix", "--bind"))
        mounts = [f"mount -t proc proc {self.root}/proc"]
        for source, target, how in binds:
            mounts.append(f"mkdir -p {self.root}{target} && mount {how} {source} {self.root}{target}")
        variables = {"HOME": HOME, "PATH": PATH, "TERM": "dumb", **self.env, **(env or {})}
        assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in variables.items())
        enter = (f"exec chroot {self.root} /usr/bin/env -i {assignments} "
                 f"/bin/bash -c {shlex.quote(script)}")
        return ["unshare", "--mount", "--propagation", "private", "--fork", "/bin/bash", "-c",
                " && ".join(mounts) + " && " + enter]

    def run(self, script: str, timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(script, env), capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)

    def start(self, script: str, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
        with open(log, "w") as out:
            return subprocess.Popen(self.command(script, env), stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)


def _pip_trust(root: Path) -> dict[str, str]:
    """The certificates this machine's pip trusts, given to the fresh machine's pip: where the
    network reaches the package index through an intercepting proxy, the proxy's authority is part
    of this machine, as its mirror is, not something a user would install."""
    bundle = os.environ.get("PIP_CERT") or "/etc/ssl/certs/ca-certificates.crt"
    if not Path(bundle).is_file():
        return {}
    target = root / "etc" / "host-ca-certificates.crt"
    shutil.copyfile(bundle, target)
    return {"PIP_CERT": "/etc/host-ca-certificates.crt"}


@pytest.fixture(scope="module")
def machine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FreshMachine]:
    _require(hasattr(os, "geteuid") and os.geteuid() == 0, "root (debootstrap and chroot)")
    _require(shutil.which("debootstrap") is not None, "debootstrap")
    release = _host_release()
    codename = release.get("VERSION_CODENAME", "")
    sources = _host_sources(codename)
    _require(bool(codename and sources), f"a Debian-like host with apt sources for its release ({codename!r})")
    root = tmp_path_factory.mktemp("fresh") / "debian"
    mirror = next((uri for uri, suite in sources if suite == codename), sources[0][0])
    started = time.monotonic()
    made = subprocess.run(["debootstrap", "--variant=minbase", codename, str(root), mirror],
                          capture_output=True, text=True, timeout=600, check=False)
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    lines = [f"deb {uri} {suite} main" for uri, suite in sources]
    (root / "etc" / "apt" / "sources.list").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
    fresh = FreshMachine(root, _pip_trust(root))
    # What the README asks of a user: Python 3.11 or newer, and git to get the code.
    installed = fresh.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                          "apt-get install -y -qq --no-install-recommends python3 git", timeout=600)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    _put_checkout(root / WORKDIR.lstrip("/"))
    committed = fresh.run(f"cd {WORKDIR} && git init -q && git add -A && "
                          "git -c user.name=ci -c user.email=ci@localhost commit -qm checkout", timeout=300)
    assert committed.returncode == 0, committed.stderr
    print(f"\nfresh Debian {codename} from {mirror} in {time.monotonic() - started:.0f} s")
    try:
        yield fresh
    finally:
        subprocess.run(["rm", "-rf", "--one-file-system", str(root)], check=False)


def _put_checkout(target: Path) -> None:
    """The files of this checkout a clone would hold (tracked and new, not ignored: no .venv)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=CHECKOUT, capture_output=True, check=True).stdout
    target.mkdir(parents=True)
    for name in filter(None, listed.decode().split("\0")):
        source = CHECKOUT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A virtual X display on this machine, reached from the fresh one through /tmp/.X11-unix."""
    _require(shutil.which("Xvfb") is not None, "Xvfb (Debian xvfb)")
    _require(shutil.which("xwininfo") is not None, "xwininfo (Debian x11-utils)")
    with xvfb_display("1400x900x24") as name:
        yield name


def test_dev_run_without_a_display_sets_up_and_checks_the_example(machine: FreshMachine) -> None:
    result = machine.run(f"cd {WORKDIR} && ./dev run", timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "1 file checked: 0 errors" in output, output[-4000:]
    assert "no display here" in output
    assert "was not created successfully" not in output  # Python's venv advice, which ./dev acts on
    assert "Traceback" not in output


def test_the_editor_names_the_missing_libraries_instead_of_aborting(machine: FreshMachine, display: str) -> None:
    result = machine.run(f"cd {WORKDIR} && .venv/bin/journeymapper {EXAMPLE}", timeout=120,
                         env={"DISPLAY": display})
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert "cannot open a window" in lines[0] and "libxcb-cursor.so.0" in lines[0]
    assert "apt-get install" in lines[0] and "libxcb-cursor0" in lines[0], lines[0]
    assert "qt.qpa" not in result.stderr and "Aborted" not in result.stderr


def _window_titles(display: str) -> str:
    # In the C locale xwininfo cannot print a UTF-8 window name at all: ask for UTF-8.
    return subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True,
                          encoding="utf-8", errors="replace", timeout=30,
                          env={**os.environ, "LC_ALL": "C.UTF-8"}, check=False).stdout


def test_dev_run_on_a_display_installs_what_qt_needs_and_opens_the_editor(
    machine: FreshMachine, display: str, tmp_path: Path,
) -> None:
    log = tmp_path / "dev-run.log"
    editor = machine.start(f"cd {WORKDIR} && ./dev run", log,
                           env={"DISPLAY": display, "LANG": "C.UTF-8"})
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and editor.poll() is None:
            if WINDOW_TITLE in _window_titles(display):
                break
            time.sleep(1)
        titles = _window_titles(display)
        output = log.read_text(errors="replace")
        assert editor.poll() is None, f"./dev run exited with {editor.returncode}:\n{output[-4000:]}"
        assert WINDOW_TITLE in titles, f"no editor window on {display}:\n{titles[-2000:]}\n{output[-4000:]}"
        time.sleep(2)  # let it paint before the picture
        _screenshot(display, ARTIFACTS / "fresh-machine-editor.png")
        assert "Could not load the Qt platform plugin" not in output
        assert "dev: installing system packages:" in output and "libxcb-cursor0" in output
    finally:
        os.killpg(editor.pid, signal.SIGTERM)
        try:
            editor.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(editor.pid, signal.SIGKILL)
            editor.wait()


def _screenshot(display: str, target: Path) -> None:
    """A picture of the display for a person to look at (Pillow reads X11 by itself)."""
    try:
        from PIL import ImageGrab
    except ImportError:
        return
    target.parent.mkdir(exist_ok=True)
    ImageGrab.grab(xdisplay=display).save(target)


def test_dev_test_passes_with_nothing_skipped(machine: FreshMachine) -> None:
    result = machine.run(f"cd {WORKDIR} && ./dev test -q -p no:cacheprovider -rs", timeout=900)
    output = result.stdout + result.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fresh-machine-tests.log").write_text(output, encoding="utf-8")
    summary = [line for line in output.splitlines() if re.search(r"\d+ passed", line)]
    assert result.returncode == 0, output[-6000:]
    assert summary, output[-3000:]
    assert not re.search(r"\d+ (failed|skipped|errors?)\b", summary[-1]), summary[-1] + "\n" + output[-6000:]
