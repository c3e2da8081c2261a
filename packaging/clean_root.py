"""Installs the .deb into a clean distribution root, smoke-tests it there, purges it (``make smoke-dist``).

``sudo python packaging/clean_root.py --deb dist/resumepair_<v>_amd64.deb [--distro debian-12] [--out build/smoke]``

1. A minimal root (``debootstrap --variant=minbase``: what every Debian or Ubuntu system has, nothing more: no
   fonts, no fontconfig, no X libraries) is made once and cached as a tarball in ``build/clean-root/``; each run
   unpacks a pristine copy.
2. Inside it, apt installs only what the package's ``Depends`` name (``apt-get satisfy --no-install-recommends``),
   a normal user is created, and the whole file system is listed; then ``dpkg -i`` installs the package.
3. ``packaging/smoke.py``'s checks run against ``/usr/bin/resumepair`` inside the root, as root (Chromium's
   sandbox off, as the app does for root) and as the normal user (sandbox on): the PDF checks (A4, the name in
   the text, every font embedded, none Type 3) and a screenshot of the window. The root runs nothing of this
   machine: the checks read the files the program wrote, from outside.
4. The install folder must be exactly as dpkg left it after those runs (nothing written into it at run time).
5. ``dpkg --purge``, and the file system must be as it was before the install (logs, apt's caches and the
   users' home folders aside; what the app left in a home folder is reported, not failed).

The root is entered with bubblewrap (a private mount namespace and pivot_root, not chroot(2)): Chromium's
sandbox creates user namespaces, which the kernel refuses to a chrooted process. Needs root, debootstrap and
bubblewrap (``make dist-deps``), and the host's pypdf and pdffonts for the checks. Writes
``<out>/clean-root.json`` (times, sizes, results) and each user's out.pdf/out.png.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
CACHE = ROOT / "build" / "clean-root"
sys.path.insert(0, str(PACKAGING))
import smoke  # noqa: E402 - packaging/smoke.py, beside this file

USER = "resumepair-user"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass(frozen=True)
class Distro:
    """Where debootstrap gets a distribution from."""

    suite: str
    mirror: str
    keyring: str
    sources: str  # the root's /etc/apt/sources.list


DISTROS = {
    "debian-12": Distro(
        "bookworm",
        "http://deb.debian.org/debian",
        "/usr/share/keyrings/debian-archive-keyring.gpg",
        "deb http://deb.debian.org/debian bookworm main\n"
        "deb http://deb.debian.org/debian bookworm-updates main\n"
        "deb http://deb.debian.org/debian-security bookworm-security main\n",
    ),
    "ubuntu-24.04": Distro(
        "noble",
        "http://archive.ubuntu.com/ubuntu",
        "/usr/share/keyrings/ubuntu-archive-keyring.gpg",
        "deb http://archive.ubuntu.com/ubuntu noble main universe\n"
        "deb http://archive.ubuntu.com/ubuntu noble-updates main universe\n"
        "deb http://security.ubuntu.com/ubuntu noble-security main universe\n",
    ),
}

#: Paths whose changes say nothing about the package: kernel file systems, logs, apt's and debconf's caches,
#: dpkg's own bookkeeping (its per-package files under info/ are checked), ldconfig's cache.
VOLATILE = (
    "proc/", "sys/", "dev/", "run/", "tmp/", "var/tmp/", "var/log/", "var/cache/apt/", "var/lib/apt/",
    "var/cache/debconf/", "var/cache/ldconfig/", "etc/ld.so.cache", "var/lib/dpkg/status", "var/lib/dpkg/available",
    "var/lib/dpkg/lock", "var/lib/dpkg/triggers/", "var/lib/dpkg/updates/", "var/lib/dpkg/diversions",
)  # fmt: skip
HOMES = ("root/", "home/")
#: Caches of shared libraries, rebuilt at will: fontconfig's system cache is written by whichever program first
#: runs fontconfig as root (the app included). Reported, not failed; they belong to fontconfig, not the package.
CACHES = ("var/cache/fontconfig",)


class CleanRootError(Exception):
    """A step in the clean root failed."""


def log(message: str) -> None:
    print(f"[clean-root] {message}", flush=True)


def base_tarball(name: str, distro: Distro, refresh: bool) -> Path:
    """The cached minbase root of ``distro`` (made with debootstrap the first time)."""
    tarball = CACHE / f"{name}-minbase.tar"
    if tarball.is_file() and not refresh:
        return tarball
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        target = Path(folder) / "root"
        log(f"debootstrap --variant=minbase {distro.suite} (once; cached in {tarball.relative_to(ROOT)})")
        command = ["debootstrap", "--variant=minbase", f"--keyring={distro.keyring}", distro.suite, str(target)]
        subprocess.run([*command, distro.mirror], check=True, stdout=subprocess.DEVNULL)
        partial = tarball.with_suffix(".tar.partial")
        subprocess.run(["tar", "-C", str(target), "--numeric-owner", "-cf", str(partial), "."], check=True)
        partial.rename(tarball)
    return tarball


class Root:
    """A pristine copy of a minimal root, and commands run inside it through bubblewrap."""

    def __init__(self, path: Path, tarball: Path) -> None:
        self.path = path
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        subprocess.run(["tar", "-C", str(path), "--numeric-owner", "-xf", str(tarball)], check=True)

    def argv(self, command: list[str], env: dict[str, str], user: str | None = None) -> list[str]:
        """``command`` as run in the root: own mount, PID and IPC namespaces; ``env`` is its whole environment."""
        wrap = [
            "bwrap", "--bind", str(self.path), "/", "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--tmpfs", "/dev/shm", "--ro-bind", "/etc/resolv.conf", "/etc/resolv.conf",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "clean-root", "--die-with-parent",
            "--cap-add", "ALL", "--clearenv",
        ]  # fmt: skip
        for key, value in sorted(env.items()):
            wrap += ["--setenv", key, value]
        if user is not None:  # drop to the user inside (util-linux's setpriv is in every minimal root)
            uid = self.uid(user)
            wrap += ["--", "setpriv", f"--reuid={uid}", f"--regid={uid}", "--init-groups", "--inh-caps=-all"]
        else:
            wrap += ["--"]
        return [*wrap, *command]

    def run(self, command: list[str], *, user: str | None = None, quiet: bool = True) -> float:
        """Runs ``command`` in the root as root (or ``user``); returns the seconds it took."""
        home = "/root" if user is None else f"/home/{user}"
        env = {"PATH": PATH, "HOME": home, "DEBIAN_FRONTEND": "noninteractive", "LANG": "C.UTF-8"}
        started = time.monotonic()
        result = subprocess.run(self.argv(command, env, user), capture_output=quiet, text=True, check=False)
        if result.returncode != 0:
            detail = f"\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}" if quiet else ""
            raise CleanRootError(f"`{' '.join(command)}` exited {result.returncode}{detail}")
        return round(time.monotonic() - started, 1)

    def uid(self, user: str) -> int:
        """``user``'s numeric id in the root's /etc/passwd."""
        for line in (self.path / "etc" / "passwd").read_text(encoding="utf-8").splitlines():
            fields = line.split(":")
            if fields[0] == user:
                return int(fields[2])
        raise CleanRootError(f"no user {user} in the root")

    def inside(self, path: Path) -> str:
        """How a program in the root sees ``path`` (a path under the root on this machine)."""
        return "/" + path.resolve().relative_to(self.path.resolve()).as_posix()

    def listing(self, under: str = "") -> dict[str, str]:
        """``{relative path: kind, mode, size, target}`` of everything under ``under``, volatile places left out."""
        entries: dict[str, str] = {}
        base = self.path / under
        for dirpath, dirs, files in os.walk(base):
            for name in [*dirs, *files]:
                full = Path(dirpath, name)
                rel = full.relative_to(self.path).as_posix()
                if rel.startswith(VOLATILE) or (rel + "/").startswith(VOLATILE):
                    continue
                info = full.lstat()
                if full.is_symlink():
                    entries[rel] = f"link {full.readlink()}"
                elif full.is_dir():
                    entries[rel] = f"dir {info.st_mode:o}"
                else:
                    entries[rel] = f"file {info.st_mode:o} {info.st_size} {int(info.st_mtime)}"
            dirs[:] = [
                d for d in dirs if not (Path(dirpath, d).relative_to(self.path).as_posix() + "/").startswith(VOLATILE)
            ]
        return entries


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    added = [f"+ {p}" for p in sorted(after.keys() - before.keys())]
    removed = [f"- {p}" for p in sorted(before.keys() - after.keys())]
    changed = [
        f"~ {p}"
        for p in sorted(before.keys() & after.keys())
        if before[p] != after[p] and not before[p].startswith("dir")
    ]
    return added + removed + changed


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def check(deb: Path, distro_name: str, out: Path, refresh: bool) -> dict[str, object]:
    """Every step of the module docstring; returns the report (``CleanRootError`` on the first failure)."""
    distro = DISTROS[distro_name]
    report: dict[str, object] = {"distro": distro_name, "deb": deb.name, "deb_bytes": deb.stat().st_size}
    started = time.monotonic()
    tarball = base_tarball(distro_name, distro, refresh)
    report["base_root_seconds"] = round(time.monotonic() - started, 1)
    root = Root(CACHE / f"{distro_name}-root", tarball)
    (root.path / "etc" / "apt" / "sources.list").write_text(distro.sources, encoding="utf-8")
    root.run(["apt-get", "update", "-qq"])

    depends = deb_field(deb, "Depends")
    report["depends"] = depends
    log(f"apt-get satisfy --no-install-recommends '{depends}'")
    report["depends_seconds"] = root.run(["apt-get", "satisfy", "-y", "-qq", "--no-install-recommends", depends])
    root.run(["useradd", "--create-home", "--shell", "/bin/sh", USER])
    before_install = root.listing()

    shutil.copy2(deb, root.path / "tmp" / deb.name)
    log(f"dpkg -i {deb.name}")
    report["install_seconds"] = root.run(["dpkg", "-i", f"/tmp/{deb.name}"])
    report["installed_bytes"] = int(deb_field(deb, "Installed-Size")) * 1024
    installed = root.listing("opt/resumepair")

    for user in (None, USER):
        who = user or "root"
        folder = root.path / "tmp" / f"smoke-{who}"
        folder.mkdir(mode=0o777)
        folder.chmod(0o777)
        sample = folder / "sample.resume.json"
        shutil.copy2(smoke.SAMPLE, sample)
        sample.chmod(0o644)
        home = "/root" if user is None else f"/home/{user}"
        env = {"PATH": PATH, "HOME": home}  # no LANG: a bare system's C locale

        def launcher(argv: list[str], env: dict[str, str], user: str | None = user) -> list[str]:
            return root.argv(argv, env, user)

        log(f"smoke test as {who}")
        try:
            result = smoke.smoke_test(
                "/usr/bin/resumepair", folder, sample, launcher=launcher, inside=root.inside, env=env
            )
        except smoke.SmokeError as exc:
            smoke.print_log_tail(folder)
            raise CleanRootError(f"smoke test as {who}: {exc}") from exc
        finally:
            target = out / who
            target.mkdir(parents=True, exist_ok=True)
            for name in ("out.pdf", "out.png"):
                if (folder / name).is_file():
                    shutil.copy2(folder / name, target / name)
        report[f"smoke_{who}"] = result

    written = differences(installed, root.listing("opt/resumepair"))
    report["written_into_install_folder"] = written
    if written:
        raise CleanRootError("the app wrote into its install folder:\n  " + "\n  ".join(written[:20]))

    log("dpkg --purge resumepair")
    report["purge_seconds"] = root.run(["dpkg", "--purge", "resumepair"])
    after_purge = root.listing()
    left = differences(before_install, after_purge)
    report["left_in_homes"] = [line for line in left if line[2:].startswith(HOMES)]
    report["left_in_caches"] = [line for line in left if line[2:].startswith(CACHES)]
    left = [line for line in left if not line[2:].startswith(HOMES + CACHES)]
    report["left_after_purge"] = left
    if left:
        raise CleanRootError("the purge left the system changed:\n  " + "\n  ".join(left[:30]))
    report["total_seconds"] = round(time.monotonic() - started, 1)
    shutil.rmtree(root.path)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", required=True, type=Path, help="the package to install")
    parser.add_argument("--distro", choices=sorted(DISTROS), default="debian-12")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "smoke", help="report, PDFs and screenshots")
    parser.add_argument("--refresh", action="store_true", help="debootstrap the base root again")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("clean_root: needs root (debootstrap, dpkg inside the root)", file=sys.stderr)
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        report = check(args.deb.resolve(), args.distro, out, args.refresh)
        status = 0
    except (CleanRootError, subprocess.CalledProcessError) as exc:
        report = {"distro": args.distro, "failed": str(exc)}
        print(f"clean_root: FAILED: {exc}", file=sys.stderr)
        status = 1
    (out / "clean-root.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    print("clean_root: OK" if status == 0 else "clean_root: FAILED")
    return status


if __name__ == "__main__":
    sys.exit(main())
