"""Builds ResumePair's double-click installers for the platform it runs on (``make dist``).

1. Freezes the app with PyInstaller (``packaging/resumepair.spec``, onedir) into ``dist/bundle/``.
2. Packages it:

   * Linux: ``dist/resumepair_<version>_<arch>.deb`` (``dpkg-deb``; /opt/resumepair, /usr/bin/resumepair, a
     .desktop entry with the ``application/json`` association, hicolor icons, an AppArmor profile for Chromium's
     sandbox) and a portable ``dist/resumepair-<version>-linux-<machine>.tar.gz``;
   * Windows: ``dist/ResumePair-<version>-windows-x64-setup.exe`` with Inno Setup (when ``iscc`` is found) and a
     portable ``.zip``;
   * macOS: ``dist/bundle/ResumePair.app`` and ``dist/ResumePair-<version>-macos-<machine>.dmg`` (``hdiutil``),
     signed and notarised when the environment provides the credentials (see packaging/README.md).

3. Writes ``dist/build-info.json``: sizes, times, artefacts.

Usage: ``python packaging/build.py [--no-excludes] [--bundle-only] [--skip-bundle] [--print-version]``. Needs
exactly ``packaging/lock/build.txt`` in the running Python (``make dist`` makes that venv). Timestamps inside the
packages are ``SOURCE_DATE_EPOCH`` (default: the last commit's time), so rebuilding a commit gives the same dates.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
DIST = ROOT / "dist"
BUNDLE_DIR = DIST / "bundle"
WORK = ROOT / "build" / "pyinstaller"
STAGING = ROOT / "build" / "staging"
ICONS = PACKAGING / "icons"
APP_NAME = "ResumePair"
PACKAGE = "resumepair"
DESCRIPTION = "Desktop resume builder with an offline, ATS-readable PDF export"
HOMEPAGE = os.environ.get("RESUMEPAIR_HOMEPAGE", "https://github.com/resumepair/resumepair")
MAINTAINER = os.environ.get("RESUMEPAIR_MAINTAINER", "ResumePair maintainers <maintainers@resumepair.invalid>")

#: --fast: packages compressed quickly (zstd -1, gzip -1) to try things; xz takes minutes on 400 MB
FAST = False

sys.path.insert(0, str(PACKAGING))
import icons  # noqa: E402 - packaging/icons.py, beside this file


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def version() -> str:
    """``app.__version__``, read from the source (the build Python need not import the app)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("app/__init__.py has no __version__")
    return match.group(1)


def numeric_version(ver: str) -> str:
    """The four numbers Windows file versions allow: the release part of a PEP 440 version (0.2.0rc1 -> 0.2.0.0)."""
    match = re.match(r"\d+(?:\.\d+)*", ver)
    release = match.group().split(".") if match else ["0"]
    return ".".join([*[*release, "0", "0", "0"][:3], "0"])


def require_signing() -> bool:
    """True for release builds (``RESUMEPAIR_REQUIRE_SIGNING=1``): unsigned Windows/macOS artefacts are an error."""
    return os.environ.get("RESUMEPAIR_REQUIRE_SIGNING") == "1"


def tree_size(path: Path) -> int:
    """Bytes of every regular file under ``path`` (symlinks not followed, not counted)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            file = Path(dirpath, name)
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def bundle_breakdown(bundle: Path) -> dict[str, int]:
    """Bytes per part of the bundle, so a size change can be traced: each resources/ folder, Qt, the rest."""
    internal = bundle / "_internal"
    if not internal.is_dir():  # macOS .app layout: sizes of the whole only
        return {}
    parts: dict[str, int] = {}
    resources = internal / "app" / "_resources"
    for folder in sorted(resources.iterdir()) if resources.is_dir() else []:
        parts[f"resources/{folder.name}"] = tree_size(folder)
    qt = internal / "PySide6"
    parts["PySide6 (Qt, Qt WebEngine)"] = tree_size(qt)
    parts["everything else (Python, bundled system libraries)"] = tree_size(bundle) - sum(parts.values())
    return parts


def mb(size: int) -> float:
    return round(size / 1_000_000, 1)


# --------------------------------------------------------------------------------------------------- PyInstaller
def freeze(trim: bool) -> Path:
    """Runs PyInstaller; returns the onedir bundle (``dist/bundle/resumepair``)."""
    icons.ensure()
    env = dict(os.environ)
    env.pop("RESUMEPAIR_NO_EXCLUDES", None)
    if not trim:
        env["RESUMEPAIR_NO_EXCLUDES"] = "1"
    if BUNDLE_DIR.exists():
        shutil.rmtree(BUNDLE_DIR)
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(BUNDLE_DIR), "--workpath", str(WORK), str(PACKAGING / "resumepair.spec"),
    ]  # fmt: skip
    log(" ".join(cmd))
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    bundle = BUNDLE_DIR / PACKAGE
    exe = bundle / ("resumepair.exe" if sys.platform == "win32" else "resumepair")
    if not exe.is_file():
        raise SystemExit(f"PyInstaller did not produce {exe}")
    missing = missing_resources(bundle / "_internal" / "app" / "_resources")
    if missing:
        raise SystemExit(f"{len(missing)} files of resources/ are missing from the bundle: {missing[:5]}")
    return bundle


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time (reproducible-builds.org), else now."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, cwd=ROOT, check=False)
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else int(time.time())


def add_webengine_locales_folder(bundle: Path) -> list[str]:
    """Creates the empty ``locales`` folder beside ``qtwebengine_resources.pak`` that Chromium would create at run time.

    Every QtWebEngineProcess computes Chromium's default locales folder (``<resources>/locales``) and creates it
    when it is missing (seen with strace), although the .pak files come from ``translations/qtwebengine_locales``.
    Run as root (or from a writable portable folder), that writes into the install folder, and ``dpkg --purge``
    then leaves it behind. Shipped empty, it is the package's own and nothing is written.
    """
    made = []
    for pak in bundle.rglob("qtwebengine_resources.pak"):
        folder = pak.parent / "locales"
        if not folder.exists():
            folder.mkdir()
            made.append(folder.relative_to(bundle).as_posix())
    return made


def missing_resources(packaged: Path) -> list[str]:
    """Files under the checkout's ``resources/`` that ``packaged`` (the bundle's copy) lacks, as relative paths."""
    source = ROOT / "resources"
    return sorted(
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.is_file() and not (packaged / path.relative_to(source)).is_file()
    )


#: Bundle paths (Linux) of optional Qt plugins and the libraries only they use: Wayland and the GTK theme. Qt
#: loads them only when the session and the system's libraries are there, and falls back to xcb/Fusion otherwise.
OPTIONAL_MARKERS = ("platformthemes/", "wayland", "Wayland", "WlShell")


def check_linux_libraries(bundle: Path) -> list[str]:
    """Fails if a core library of the bundle cannot find a dependency; returns the optional ones that cannot.

    Optional: Qt plugins for desktops the build machine lacks (GTK 3 theme, Wayland); Qt loads those only when
    the user's system provides the libraries, and falls back otherwise.
    """
    internal = bundle / "_internal"
    search = [internal, internal / "PySide6" / "Qt" / "lib", internal / "PySide6"]
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(str(p) for p in search))
    fatal, optional = [], []
    for file in elf_files(bundle):
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True, env=env, check=False).stdout
        for line in out.splitlines():
            if "not found" in line:
                rel = file.relative_to(bundle).as_posix()
                entry = f"{rel}: {line.split()[0]}"
                (optional if any(m in rel for m in OPTIONAL_MARKERS) else fatal).append(entry)
    if fatal:
        raise SystemExit("bundle libraries with missing dependencies:\n  " + "\n  ".join(sorted(set(fatal))))
    return sorted(set(optional))


def elf_files(root: Path) -> list[Path]:
    found = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath, name)
            if path.is_symlink() or not path.is_file():
                continue
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


# --------------------------------------------------------------------------------------------------- Linux
def remove_broken_symlinks(bundle: Path) -> list[str]:
    """Deletes symlinks that point nowhere (PyInstaller copies some of the wheels' framework links as they are)."""
    broken = []
    for dirpath, dirs, files in os.walk(bundle):
        for name in [*files, *dirs]:
            path = Path(dirpath, name)
            if path.is_symlink() and not path.exists():
                broken.append(path.relative_to(bundle).as_posix())
                path.unlink()
    return sorted(broken)


def strip_build_machine_runpaths(bundle: Path) -> list[str]:
    """Removes RPATH/RUNPATH entries that are absolute paths (the build machine's Python, a pyenv prefix...).

    They point outside the install folder: at best dead weight that leaks the build host's layout, at worst a
    library search in a world-writable or user-controlled folder on the user's machine. ``$ORIGIN`` entries, which
    the Qt libraries need to find each other, are kept. Returns the files changed.
    """
    patchelf = shutil.which("patchelf")
    changed = []
    for file in elf_files(bundle):
        out = subprocess.run(["readelf", "-d", str(file)], capture_output=True, text=True, check=False).stdout
        match = re.search(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]*)\]", out)
        if not match:
            continue
        entries = [entry for entry in match.group(1).split(":") if entry]
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        if kept == entries:
            continue
        if patchelf is None:
            raise SystemExit(f"{file.relative_to(bundle)} has RUNPATH {match.group(1)}; install patchelf to drop it")
        command = (
            [patchelf, "--set-rpath", ":".join(kept), str(file)] if kept else [patchelf, "--remove-rpath", str(file)]
        )
        subprocess.run(command, check=True)
        changed.append(file.relative_to(bundle).as_posix())
    return changed


@dataclass(frozen=True)
class SystemLibraries:
    """What the bundle takes from the user's system rather than carrying it."""

    core: frozenset[str]  #: paths (on this machine) of libraries the program itself links to
    optional: frozenset[str]  #: those only optional plugins (Wayland) link to
    glibc: tuple[int, int]  #: the newest GLIBC_x.y symbol version any file uses
    data: frozenset[str]  #: sonames of bundled libraries that read data files from the system (LIBRARY_DATA)


def linux_system_libraries(bundle: Path) -> SystemLibraries:
    """Reads every ELF file of the bundle: the system libraries they link to directly, and the glibc they need."""
    bundle = bundle.resolve()
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    core_libs: set[str] = set()
    optional_libs: set[str] = set()
    glibc = (2, 17)
    objdump = shutil.which("objdump")  # binutils: finds the newest GLIBC_x.y symbol version the bundle needs
    for file in elf_files(bundle):
        optional = any(marker in file.relative_to(bundle).as_posix() for marker in OPTIONAL_MARKERS)
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True, env=env, check=False).stdout
        direct = needed(file)  # ldd lists indirect dependencies too; those are their packages' business
        for line in out.splitlines():
            match = re.match(r"\s*(\S+)\s+=>\s+(/\S+)", line)
            if match and match.group(1) in direct and not match.group(2).startswith(str(bundle)):
                (optional_libs if optional else core_libs).add(match.group(2))
        if not objdump:
            continue
        symbols = subprocess.run([objdump, "-T", str(file)], capture_output=True, text=True, check=False).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", symbols):
            glibc = max(glibc, (int(major), int(minor)))
    bundled = {path.name for path in internal.rglob("lib*.so*")}
    return SystemLibraries(
        frozenset(core_libs), frozenset(optional_libs - core_libs), glibc, frozenset(set(LIBRARY_DATA) & bundled)
    )


#: Libraries PyInstaller copies from the build machine that read data files from the user's system, and the
#: package of that data (Debian/Ubuntu, Fedora/openSUSE). Without fontconfig's configuration (/etc/fonts)
#: fontconfig finds no font at all: Chromium prints blank PDFs and Qt draws every label as boxes (the package also
#: pulls in a font). Without the XKB data, libxkbcommon has no keymap and the window takes no keyboard input.
LIBRARY_DATA = {
    "libfontconfig.so.1": ("fontconfig-config", "fontconfig"),
    "libxkbcommon.so.0": ("xkb-data", "xkeyboard-config"),
}


def debian_depends(libraries: SystemLibraries) -> tuple[list[str], list[str]]:
    """Debian packages for the libraries the bundle takes from the system (glibc, GL, ...): (Depends, Recommends).

    Libraries only optional plugins need (Wayland) are recommended, not required.
    """

    def owners(libs: frozenset[str]) -> set[str]:
        found = set()
        for lib in sorted(libs):
            owner = dpkg_owner(lib)
            if owner:
                found.add(owner)
            else:
                log(f"warning: no Debian package owns {lib}")
        return found

    data = {LIBRARY_DATA[soname][0] for soname in libraries.data}
    depends = (owners(libraries.core) | data) - {"libc6"}
    recommends = owners(libraries.optional) - depends - {"libc6"}
    glibc = libraries.glibc
    return [f"libc6 (>= {glibc[0]}.{glibc[1]})", *sorted(depends)], sorted(recommends)


def needed(file: Path) -> set[str]:
    """The libraries ``file`` links to directly (its ELF NEEDED entries)."""
    out = subprocess.run(["readelf", "-d", str(file)], capture_output=True, text=True, check=False).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def dpkg_owner(path: str) -> str | None:
    """The package that installed ``path`` (tries the /lib <-> /usr/lib alias of merged-/usr systems)."""
    candidates = [path, os.path.realpath(path)]
    for candidate in list(candidates):
        if candidate.startswith("/usr/lib/"):
            candidates.append(candidate.removeprefix("/usr"))
        elif candidate.startswith("/lib/"):
            candidates.append("/usr" + candidate)
    for candidate in candidates:
        result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    return None


def copy_tree(src: Path, dst: Path) -> None:
    """Copies a bundle, normalising permissions for a package (0755 dirs and executables, 0644 files)."""
    shutil.copytree(src, dst, symlinks=True)
    for dirpath, dirs, files in os.walk(dst):
        Path(dirpath).chmod(0o755)
        for name in files:
            path = Path(dirpath, name)
            if path.is_symlink():
                continue
            path.chmod(0o755 if is_program(path) else 0o644)
        for name in dirs:
            Path(dirpath, name).chmod(0o755)


def is_program(path: Path) -> bool:
    """Executable files keep their x bit; shared libraries and extension modules (``.so``) never need one."""
    return bool(path.stat().st_mode & 0o111) and not re.search(r"\.so(\.[0-9.]+)?$", path.name)


def linux_share_files(dest: Path) -> None:
    """Desktop entry, icons and AppArmor profile, laid out under ``dest`` like /usr/share (or a portable share/)."""
    (dest / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(PACKAGING / "linux" / "resumepair.desktop", dest / "applications" / "resumepair.desktop")
    for size in icons.HICOLOR_SIZES:
        target = dest / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ICONS / "png" / f"{size}.png", target / "resumepair.png")
    scalable = dest / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ICONS / "resumepair.svg", scalable / "resumepair.svg")


def package_version(ver: str) -> str:
    """A PEP 440 version as dpkg and rpm order it: pre-releases get a tilde (0.2.0rc1 -> 0.2.0~rc1).

    Both sort ``0.2.0rc1`` *after* ``0.2.0``, so upgrading from the release candidate to the release would be a
    downgrade; ``~`` sorts before anything, in dpkg and in rpm (>= 4.10).
    """
    return re.sub(r"(?<=\d)\.?(a|b|rc|dev)(\d*)", r"~\1\2", ver)


LONG_DESCRIPTION = (
    "ResumePair edits JSON Resume files and exports them to PDFs that applicant\n"
    "tracking systems can read: real text, embedded fonts, exact page sizes.\n"
    "Everything runs offline. Includes the `resumepair` command line (export,\n"
    "batch, validate)."
)


def stage_linux_root(bundle: Path, root: Path) -> None:
    """The installed file system of the .deb and the .rpm: /opt/resumepair, /usr/bin, menu entry, icons, docs."""
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / PACKAGE
    copy_tree(bundle, opt)
    (opt / "share" / "apparmor").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / "apparmor-resumepair", opt / "share" / "apparmor" / "resumepair")
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
    linux_share_files(root / "usr" / "share")
    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(debian_copyright(), encoding="utf-8")
    man = root / "usr" / "share" / "man" / "man1"
    man.mkdir(parents=True)
    (man / f"{PACKAGE}.1.gz").write_bytes(gzip_bytes((PACKAGING / "linux" / f"{PACKAGE}.1").read_bytes()))


def gzip_bytes(data: bytes) -> bytes:
    """``gzip -9n``: no name, no time stamp in the header (reproducible, and lintian asks for it)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as archive:
        archive.write(data)
    return buffer.getvalue()


def normalise_usr(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root / "usr"):
        Path(dirpath).chmod(0o755)
        for name in files:
            path = Path(dirpath, name)
            if not path.is_symlink():
                path.chmod(0o644)


def build_deb(bundle: Path, ver: str, libraries: SystemLibraries) -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    root = STAGING / "deb"
    stage_linux_root(bundle, root)
    doc = root / "usr" / "share" / "doc" / PACKAGE
    (doc / "changelog.gz").write_bytes(debian_changelog(package_version(ver)))
    overrides = root / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / "lintian-overrides", overrides / PACKAGE)
    normalise_usr(root)
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    depends, recommends = debian_depends(libraries)
    installed_kb = (tree_size(root) + 1023) // 1024
    control = {
        "Package": PACKAGE,
        "Version": package_version(ver),
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kb),
        "Depends": ", ".join(depends),
        # Optional desktop integration: Qt uses them when present (Wayland sessions).
        "Recommends": ", ".join(sorted({*recommends, "libwayland-cursor0", "libwayland-egl1"})),
        "Section": "misc",
        "Priority": "optional",
        "Homepage": HOMEPAGE,
        "Description": f"{DESCRIPTION}\n" + "\n".join(f" {line}" for line in LONG_DESCRIPTION.splitlines()),
    }
    (control_dir / "control").write_text("".join(f"{k}: {v}\n" for k, v in control.items()), encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copy2(PACKAGING / "linux" / script, control_dir / script)
        (control_dir / script).chmod(0o755)
    control_dir.chmod(0o755)
    (control_dir / "control").chmod(0o644)
    out = DIST / f"{PACKAGE}_{ver}_{arch}.deb"
    log(f"dpkg-deb --build -> {out.name} (Depends: {control['Depends']})")
    compression = ["-Zzstd", "-z1"] if FAST else ["-Zxz"]
    cmd = ["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(out)]
    if "--threads-max" in subprocess.run(["dpkg-deb", "--help"], capture_output=True, text=True, check=False).stdout:
        cmd.insert(1, f"--threads-max={os.cpu_count() or 1}")  # dpkg >= 1.21.9: parallel xz
    epoch = source_date_epoch()
    clamp_mtimes(root, epoch)
    subprocess.run(cmd, check=True, env=dict(os.environ, SOURCE_DATE_EPOCH=str(epoch)))
    return out


def rpm_requires(libraries: SystemLibraries) -> list[str]:
    """RPM requirements: sonames (``libEGL.so.1()(64bit)``) and the data packages (``LIBRARY_DATA``).

    Every RPM distribution's libraries provide their sonames whatever the package is called; the data packages
    are named the same in Fedora and openSUSE.
    """
    sonames = sorted({Path(path).name for path in libraries.core} - {"libc.so.6"})
    glibc = f"libc.so.6(GLIBC_{libraries.glibc[0]}.{libraries.glibc[1]})(64bit)"
    return [glibc, *(f"{soname}()(64bit)" for soname in sonames), *sorted(LIBRARY_DATA[s][1] for s in libraries.data)]


RPM_SPEC = """\
Name: {name}
Version: {version}
Release: 1
Summary: {summary}
License: MIT and LGPL-3.0-only and OFL-1.1
URL: {homepage}
BuildArch: {arch}
# The bundle carries its own Qt and Python: rpm must neither scan it for requirements (they would name the bundled
# libraries) nor offer it as a provider of Qt or Python libraries to the rest of the system.
AutoReqProv: no
{requires}
Recommends: (libwayland-cursor.so.0()(64bit) and libwayland-egl.so.1()(64bit))

# Prebuilt, already stripped files: no debuginfo split, no build-id links, no brp scripts (stripping the
# PyInstaller program would cut off the archive appended to it).
%global debug_package %{{nil}}
%global _build_id_links none
%global __os_install_post %{{nil}}
%global _binary_payload {payload}
%global _source_date_epoch_from_changelog 0
%global clamp_mtime_to_source_date_epoch 1
%global use_source_date_epoch_as_buildtime 1

%description
{description}

%install
cp -a {staging}/. %{{buildroot}}/

%post
# Chromium's sandbox needs the AppArmor profile where AppArmor 4 restricts user namespaces (openSUSE).
if [ -e /etc/apparmor.d/abi/4.0 ]; then
    cp /opt/{name}/share/apparmor/{name} /etc/apparmor.d/{name}
    if command -v apparmor_parser >/dev/null 2>&1 && [ -d /sys/kernel/security/apparmor ]; then
        apparmor_parser --replace /etc/apparmor.d/{name} || :
    fi
fi
:

%postun
if [ "$1" = 0 ] && [ -f /etc/apparmor.d/{name} ]; then
    if command -v apparmor_parser >/dev/null 2>&1 && [ -d /sys/kernel/security/apparmor ]; then
        apparmor_parser --remove /etc/apparmor.d/{name} >/dev/null 2>&1 || :
    fi
    rm -f /etc/apparmor.d/{name}
fi
:

%files
/opt/{name}
/usr/bin/{name}
/usr/share/applications/{name}.desktop
/usr/share/icons/hicolor/*/apps/{name}.*
/usr/share/man/man1/{name}.1.gz
%doc /usr/share/doc/{name}
"""


def build_rpm(bundle: Path, ver: str, libraries: SystemLibraries) -> Path | None:
    """``dist/resumepair-<version>-1.<arch>.rpm`` for Fedora and openSUSE, made with ``rpmbuild``.

    Debian's ``rpm`` package is enough to build it. Skipped, with a message, where rpmbuild is missing.
    """
    rpmbuild = shutil.which("rpmbuild")
    if rpmbuild is None:
        log("rpmbuild not found (Debian/Ubuntu: apt install rpm): no .rpm")
        return None
    arch = platform.machine()
    top = STAGING / "rpm"
    root = top / "root"
    stage_linux_root(bundle, root)
    normalise_usr(root)
    epoch = source_date_epoch()
    clamp_mtimes(root, epoch)
    spec = top / f"{PACKAGE}.spec"
    spec.write_text(
        RPM_SPEC.format(
            name=PACKAGE, version=package_version(ver), summary=DESCRIPTION, homepage=HOMEPAGE, arch=arch,
            requires="\n".join(f"Requires: {r}" for r in rpm_requires(libraries)), description=LONG_DESCRIPTION,
            staging=root, payload="w1.zstdio" if FAST else "w10.zstdio",
        ),
        encoding="utf-8",
    )  # fmt: skip
    log(f"rpmbuild -> {PACKAGE}-{package_version(ver)}-1.{arch}.rpm")
    subprocess.run(
        [rpmbuild, "-bb", "--quiet", "--define", f"_topdir {top / 'top'}", "--define", f"_rpmdir {DIST}",
         "--define", "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm", "--target", arch, str(spec)],
        check=True, env=dict(os.environ, SOURCE_DATE_EPOCH=str(epoch)),
    )  # fmt: skip
    built = DIST / f"{PACKAGE}-{package_version(ver)}-1.{arch}.rpm"
    out = DIST / f"{PACKAGE}-{ver}-1.{arch}.rpm"  # file names keep the PEP 440 version, as the other artefacts do
    built.rename(out)
    return out


def lintian_report(deb: Path) -> dict[str, object]:
    """Lintian's findings on the .deb: counts per severity and the distinct tags (empty where lintian is missing)."""
    if shutil.which("lintian") is None:
        return {}
    out = subprocess.run(
        ["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True, check=False
    ).stdout
    lines = [line for line in out.splitlines() if re.match(r"[EWIPXO]: ", line)]
    counts = {kind: sum(line.startswith(f"{kind}: ") for line in lines) for kind in "EWI"}
    tags = sorted({f"{line[0]}: {line.split()[2]}" for line in lines})
    log(f"lintian: {counts['E']} errors, {counts['W']} warnings, {counts['I']} info ({', '.join(tags) or 'clean'})")
    return {"errors": counts["E"], "warnings": counts["W"], "info": counts["I"], "tags": tags}


def clamp_mtimes(root: Path, epoch: int) -> None:
    """Sets every file's time to ``epoch``, so the package does not record when it happened to be built."""
    for dirpath, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            os.utime(Path(dirpath, name), (epoch, epoch), follow_symlinks=False)
    os.utime(root, (epoch, epoch))


def debian_changelog(ver: str) -> bytes:
    """``linux/changelog`` gzipped reproducibly; its newest entry must be this version (a release updates it)."""
    text = (PACKAGING / "linux" / "changelog").read_text(encoding="utf-8")
    match = re.match(rf"{PACKAGE} \(([^)]+)\)", text)
    if not match or match.group(1) != ver:
        raise SystemExit(
            f"packaging/linux/changelog starts with {match.group(1) if match else '?'}, not {ver}: add an entry"
        )
    return gzip_bytes(text.encode("utf-8"))


def debian_copyright() -> str:
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ResumePair
Source: {HOMEPAGE}

Files: *
Copyright: 2026 ResumePair contributors
License: MIT
Comment: ResumePair itself.

Files: opt/resumepair/_internal/PySide6/* opt/resumepair/_internal/shiboken6/*
Copyright: 2015-2026 The Qt Company Ltd. and other contributors
License: LGPL-3
Comment: Qt 6 and Qt for Python (PySide6), used under the LGPL v3. Qt WebEngine includes Chromium, whose
 third-party licences are listed at https://doc.qt.io/qt-6/qtwebengine-licensing.html. The Qt libraries are
 shipped as separate shared libraries and may be replaced.

Files: opt/resumepair/_internal/app/_resources/fonts/*
Copyright: The fonts' authors, named in each font folder's licence file
License: OFL-1.1
Comment: The fonts embedded in exported PDFs; each folder under fonts/ holds its licence (OFL.txt).

Files: opt/resumepair/_internal/lib* opt/resumepair/_internal/python3*
Copyright: Python Software Foundation; the authors of each library
License: various
Comment: The Python runtime (PSF License) and libraries from the build system (Debian 12), bundled by
 PyInstaller; their licences are those of the Debian packages of the same names.
"""


def build_tarball(bundle: Path, ver: str) -> Path:
    """Portable archive: unpack anywhere and run ``resumepair-<version>/resumepair``."""
    top = f"{PACKAGE}-{ver}"
    out = DIST / f"{PACKAGE}-{ver}-linux-{platform.machine()}.tar.gz"
    extras = STAGING / "tar-extras"
    if extras.exists():
        shutil.rmtree(extras)
    share = extras / "share"
    linux_share_files(share)
    (share / "apparmor").mkdir()
    shutil.copy2(PACKAGING / "linux" / "apparmor-resumepair", share / "apparmor" / "resumepair")
    (extras / "README.txt").write_text(PORTABLE_README.format(top=top), encoding="utf-8")
    shutil.copy2(PACKAGING / "linux" / "install-menu-entry.sh", extras / "install-menu-entry.sh")
    (extras / "install-menu-entry.sh").chmod(0o755)
    epoch = source_date_epoch()

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = min(info.mtime, epoch)
        if info.isdir():
            info.mode = 0o755
        elif info.isfile():
            info.mode = 0o755 if info.mode & 0o111 and not re.search(r"\.so(\.[0-9.]+)?$", info.name) else 0o644
        return info

    log(f"tar -> {out.name}")
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", compresslevel=1 if FAST else 6, fileobj=raw, mtime=epoch) as compressed,
        tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        tar.add(bundle, arcname=top, filter=normalise)
        for path in sorted(extras.iterdir()):
            tar.add(path, arcname=f"{top}/{path.name}", filter=normalise)
    return out


PORTABLE_README = """ResumePair (portable Linux build)

Run:   ./resumepair            (the desktop app)
       ./resumepair --help     (the command line: export, batch, validate, ...)

Nothing needs installing: Python, Qt and Chromium are inside _internal/. The system needs glibc 2.36 or newer
(Debian 12, Ubuntu 23.04, Fedora 37 or later), fontconfig's configuration and a font (Debian/Ubuntu:
fontconfig-config; Fedora: fontconfig), and the graphics libraries every desktop has (libEGL, libGL, libgbm).

Menu entry and "Open with" for .json files, for you only, pointing at this folder:
    ./install-menu-entry.sh              (run it again after moving the folder)
    ./install-menu-entry.sh --remove

Ubuntu 23.10 and later: Chromium's sandbox needs permission to create a user namespace. Install the
AppArmor profile in share/apparmor/ (edit its two paths to this folder first):
    sudo cp share/apparmor/resumepair /etc/apparmor.d/ && sudo apparmor_parser -r /etc/apparmor.d/resumepair
or install the .deb instead, which does this for you.
"""


# --------------------------------------------------------------------------------------------------- Windows
def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"), os.environ.get("LOCALAPPDATA")):
        if base:
            for sub in ("Inno Setup 6", r"Programs\Inno Setup 6"):
                candidate = Path(base, sub, "ISCC.exe")
                if candidate.is_file():
                    return str(candidate)
    return None


def find_signtool() -> str:
    found = shutil.which("signtool")
    if found:
        return found
    kits = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"), "Windows Kits", "10", "bin")
    candidates = sorted(kits.glob("10.*/x64/signtool.exe"))
    if not candidates:
        raise SystemExit(
            "signtool.exe (Windows SDK) not found; it is needed to sign with RESUMEPAIR_WINDOWS_CERTIFICATE"
        )
    return str(candidates[-1])


def windows_sign_command() -> list[str] | None:
    """The Authenticode command (SHA-256, RFC 3161 timestamp) for ``RESUMEPAIR_WINDOWS_CERTIFICATE`` (a .pfx), or None.

    Unsigned programs make SmartScreen warn on first run; release builds (``RESUMEPAIR_REQUIRE_SIGNING=1``) refuse to
    be unsigned.
    """
    certificate = os.environ.get("RESUMEPAIR_WINDOWS_CERTIFICATE")
    if not certificate:
        if require_signing():
            raise SystemExit("RESUMEPAIR_REQUIRE_SIGNING=1 but RESUMEPAIR_WINDOWS_CERTIFICATE is not set")
        log("no RESUMEPAIR_WINDOWS_CERTIFICATE: the .exe files and the installer are NOT signed")
        return None
    timestamp = os.environ.get("RESUMEPAIR_TIMESTAMP_URL", "http://timestamp.digicert.com")
    command = [find_signtool(), "sign", "/fd", "sha256", "/tr", timestamp, "/td", "sha256", "/f", certificate]
    password = os.environ.get("RESUMEPAIR_WINDOWS_CERTIFICATE_PASSWORD")
    if password:
        command += ["/p", password]
    return command


def build_windows(bundle: Path, ver: str) -> list[Path]:
    sign = windows_sign_command()
    if sign:
        programs = [str(bundle / name) for name in ("resumepair.exe", "resumepairw.exe")]
        log("signing " + ", ".join(Path(p).name for p in programs))
        subprocess.run([*sign, *programs], check=True)
        subprocess.run([sign[0], "verify", "/pa", *programs], check=True)
    outputs = []
    portable = DIST / f"{APP_NAME}-{ver}-windows-x64.zip"
    log(f"zip -> {portable.name}")
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_file() or (path.is_dir() and not any(path.iterdir())):  # empty folders too (locales)
                archive.write(path, Path(f"{APP_NAME}-{ver}") / path.relative_to(bundle))
    outputs.append(portable)
    iscc = find_iscc()
    if iscc is None:
        if require_signing():
            raise SystemExit("Inno Setup (iscc) not found: a release build needs the setup.exe")
        log("Inno Setup (iscc) not found: no setup.exe; install it from https://jrsoftware.org/isinfo.php")
        return outputs
    cmd = [
        iscc, "/Q", f"/DAppVersion={ver}", f"/DAppNumericVersion={numeric_version(ver)}", f"/DSourceDir={bundle}",
        f"/DOutputDir={DIST}",
    ]  # fmt: skip
    if sign:
        # Inno Setup runs this for the setup.exe and the uninstaller it embeds ($f is the file; $q a quote).
        signtool = " ".join(f"$q{part}$q" if " " in part else part for part in sign)
        cmd += ["/DSign", f"/Ssigntool={signtool} $f"]
    cmd.append(str(PACKAGING / "windows" / "resumepair.iss"))
    log(" ".join(part for part in cmd if not part.startswith("/Ssigntool")))
    subprocess.run(cmd, check=True)
    setup = DIST / f"{APP_NAME}-{ver}-windows-x64-setup.exe"
    if sign:
        subprocess.run([sign[0], "verify", "/pa", str(setup)], check=True)
    outputs.append(setup)
    return outputs


# --------------------------------------------------------------------------------------------------- macOS
def notarise(path: Path) -> None:
    """Submits ``path`` (.zip of the .app, or the .dmg) to Apple's notary service and waits; fails unless Accepted.

    The credentials are a ``notarytool store-credentials`` profile (``RESUMEPAIR_NOTARY_PROFILE``); when it was
    stored in a keychain other than the login one (CI makes its own), ``RESUMEPAIR_NOTARY_KEYCHAIN`` names it.
    """
    command = [
        "xcrun",
        "notarytool",
        "submit",
        str(path),
        "--keychain-profile",
        os.environ["RESUMEPAIR_NOTARY_PROFILE"],
    ]
    credentials = command[4:]
    keychain = os.environ.get("RESUMEPAIR_NOTARY_KEYCHAIN")
    if keychain:
        credentials += ["--keychain", keychain]
    log(f"notarising {path.name} (xcrun notarytool, waits for Apple)")
    result = subprocess.run(
        [*command[:4], *credentials, "--wait", "--output-format", "json"], capture_output=True, text=True, check=False
    )
    answer = json.loads(result.stdout or "{}")
    if answer.get("status") != "Accepted":
        if answer.get("id"):
            subprocess.run(["xcrun", "notarytool", "log", answer["id"], *credentials], check=False)
        raise SystemExit(f"notarisation of {path.name} failed: {answer or result.stderr.strip()}")


def staple(path: Path) -> None:
    """Attaches the notarisation ticket, so Gatekeeper accepts ``path`` offline, and checks it."""
    subprocess.run(["xcrun", "stapler", "staple", str(path)], check=True)
    subprocess.run(["xcrun", "stapler", "validate", str(path)], check=True)


def build_macos(ver: str) -> list[Path]:
    """Signs, notarises and staples the .app, puts it on a .dmg, then signs, notarises and staples the .dmg.

    Both are stapled: the .dmg so it opens offline, and the .app so it still launches offline after the user has
    copied it out of the .dmg (a ticket stapled to the .dmg does not travel with the copy).
    """
    app = BUNDLE_DIR / f"{APP_NAME}.app"
    if not app.is_dir():
        raise SystemExit(f"PyInstaller did not produce {app}")
    identity = os.environ.get("RESUMEPAIR_CODESIGN_IDENTITY")
    notary = os.environ.get("RESUMEPAIR_NOTARY_PROFILE")
    if require_signing() and not (identity and notary):
        raise SystemExit(
            "RESUMEPAIR_REQUIRE_SIGNING=1 needs RESUMEPAIR_CODESIGN_IDENTITY and RESUMEPAIR_NOTARY_PROFILE"
        )
    if identity:
        # PyInstaller signed every binary with the identity (hardened runtime); seal the bundle as a whole.
        subprocess.run(
            ["codesign", "--force", "--timestamp", "--options", "runtime", "--entitlements",
             str(PACKAGING / "macos" / "entitlements.plist"), "--sign", identity, str(app)],
            check=True,
        )  # fmt: skip
    else:
        log("no RESUMEPAIR_CODESIGN_IDENTITY: the .app is signed ad hoc (runs only where it was built)")
    # PyInstaller signs ad hoc when there is no identity; only a real signature must verify strictly.
    subprocess.run(["codesign", "--verify", "--deep", "--strict", str(app)], check=bool(identity))
    if identity and notary:
        archive = STAGING / f"{APP_NAME}-notarise.zip"
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.unlink(missing_ok=True)
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(archive)], check=True)
        notarise(archive)
        staple(app)
    staging = STAGING / "dmg"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    subprocess.run(["ditto", str(app), str(staging / app.name)], check=True)
    (staging / "Applications").symlink_to("/Applications")
    dmg = DIST / f"{APP_NAME}-{ver}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    log(f"hdiutil -> {dmg.name}")
    create = [
        "hdiutil", "create", "-volname", f"{APP_NAME} {ver}", "-srcfolder", str(staging), "-fs", "HFS+",
        "-format", "UDZO", "-imagekey", "zlib-level=9", "-ov", str(dmg),
    ]  # fmt: skip
    for attempt in range(1, 4):  # hdiutil sometimes fails with "Resource busy" on CI machines; it passes on retry
        if subprocess.run(create, check=False).returncode == 0:
            break
        log(f"hdiutil create failed (attempt {attempt}); retrying")
        time.sleep(10 * attempt)
    else:
        raise SystemExit("hdiutil create failed three times")
    if identity:
        subprocess.run(["codesign", "--force", "--timestamp", "--sign", identity, str(dmg)], check=True)
        if notary:
            notarise(dmg)
            staple(dmg)
    return [dmg]


# --------------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-excludes", action="store_true", help="freeze without the spec's exclusions (to measure)")
    parser.add_argument("--bundle-only", action="store_true", help="freeze only; make no installer")
    parser.add_argument("--skip-bundle", action="store_true", help="package the existing dist/bundle again")
    parser.add_argument("--fast", action="store_true", help="compress quickly (to try things, not to ship)")
    parser.add_argument("--print-version", action="store_true", help="print app.__version__ and exit")
    args = parser.parse_args(argv)
    global FAST  # noqa: PLW0603 - one switch read by the three packagers
    FAST = args.fast
    ver = version()
    if args.print_version:
        print(ver)
        return 0
    DIST.mkdir(exist_ok=True)
    info: dict[str, object] = {"version": ver, "platform": sys.platform, "machine": platform.machine()}
    started = time.monotonic()
    bundle = BUNDLE_DIR / PACKAGE
    if not args.skip_bundle:
        bundle = freeze(trim=not args.no_excludes)
    info["freeze_seconds"] = round(time.monotonic() - started, 1)
    info["excludes"] = not args.no_excludes
    if sys.platform != "darwin":  # the .app is sealed by its signature; Chromium there uses the framework's folders
        add_webengine_locales_folder(bundle)
    info["bundle_bytes"] = tree_size(bundle)
    info["bundle_parts_bytes"] = bundle_breakdown(bundle)
    log(f"bundle {bundle} : {mb(tree_size(bundle))} MB unpacked ({info['freeze_seconds']} s)")
    artefacts: list[Path] = []
    if sys.platform.startswith("linux"):
        info["broken_symlinks_removed"] = remove_broken_symlinks(bundle)
        info["runpaths_stripped"] = len(strip_build_machine_runpaths(bundle))
        log(
            f"removed {len(info['broken_symlinks_removed'])} broken symlinks; dropped build-machine RUNPATHs from "
            f"{info['runpaths_stripped']} files"
        )
        optional = check_linux_libraries(bundle)
        info["optional_libraries_missing_on_build_host"] = optional
        if optional:
            log(f"optional plugin libraries not on this machine (fine): {len({o.split(': ')[1] for o in optional})}")
    if not args.bundle_only:
        package_started = time.monotonic()
        if sys.platform.startswith("linux"):
            libraries = linux_system_libraries(bundle)
            deb = build_deb(bundle, ver, libraries)
            artefacts.append(deb)
            info["deb_seconds"] = round(time.monotonic() - package_started, 1)
            info["lintian"] = lintian_report(deb)
            rpm_started = time.monotonic()
            rpm = build_rpm(bundle, ver, libraries)
            if rpm is not None:
                artefacts.append(rpm)
                info["rpm_seconds"] = round(time.monotonic() - rpm_started, 1)
            artefacts.append(build_tarball(bundle, ver))
        elif sys.platform == "win32":
            artefacts += build_windows(bundle, ver)
        elif sys.platform == "darwin":
            artefacts += build_macos(ver)
        info["package_seconds"] = round(time.monotonic() - package_started, 1)
    info["total_seconds"] = round(time.monotonic() - started, 1)
    info["artefacts"] = {path.name: path.stat().st_size for path in artefacts}
    (DIST / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    for path in artefacts:
        log(f"{path.relative_to(ROOT)}  {mb(path.stat().st_size)} MB")
    log(f"done in {info['total_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
