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

Usage: ``python packaging/build.py [--no-excludes] [--bundle-only] [--skip-bundle]``. Needs the app's
dependencies and ``packaging/requirements-build.txt`` in the running Python.
"""

from __future__ import annotations

import argparse
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
MAINTAINER = os.environ.get("RESUMEPAIR_MAINTAINER", "ResumePair maintainers <maintainers@resumepair.invalid>")

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
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True, env=env).stdout
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
def linux_system_depends(bundle: Path) -> tuple[list[str], list[str]]:
    """Debian packages for the libraries the bundle takes from the system (glibc, GL, ...): (Depends, Recommends).

    Libraries only optional plugins need (Wayland, GTK theme) are recommended, not required.
    """
    bundle = bundle.resolve()
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    core_libs: set[str] = set()
    optional_libs: set[str] = set()
    glibc = (2, 17)
    objdump = shutil.which("objdump")  # binutils: finds the newest GLIBC_x.y symbol version the bundle needs
    for file in elf_files(bundle):
        optional = any(marker in file.relative_to(bundle).as_posix() for marker in OPTIONAL_MARKERS)
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True, env=env).stdout
        direct = needed(file)  # ldd lists indirect dependencies too; those are their packages' business
        for line in out.splitlines():
            match = re.match(r"\s*(\S+)\s+=>\s+(/\S+)", line)
            if match and match.group(1) in direct and not match.group(2).startswith(str(bundle)):
                (optional_libs if optional else core_libs).add(match.group(2))
        if not objdump:
            continue
        symbols = subprocess.run([objdump, "-T", str(file)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", symbols):
            glibc = max(glibc, (int(major), int(minor)))

    def owners(libs: set[str]) -> set[str]:
        found = set()
        for lib in sorted(libs):
            owner = dpkg_owner(lib)
            if owner:
                found.add(owner)
            else:
                log(f"warning: no Debian package owns {lib}")
        return found

    depends = owners(core_libs) - {"libc6"}
    recommends = owners(optional_libs) - depends - {"libc6"}
    return [f"libc6 (>= {glibc[0]}.{glibc[1]})", *sorted(depends)], sorted(recommends)


def needed(file: Path) -> set[str]:
    """The libraries ``file`` links to directly (its ELF NEEDED entries)."""
    out = subprocess.run(["readelf", "-d", str(file)], capture_output=True, text=True).stdout
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
        result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
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
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)
        for name in dirs:
            Path(dirpath, name).chmod(0o755)


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


def build_deb(bundle: Path, ver: str) -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    root = STAGING / "deb"
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
    for dirpath, _dirs, files in os.walk(root / "usr"):
        Path(dirpath).chmod(0o755)
        for name in files:
            path = Path(dirpath, name)
            if not path.is_symlink():
                path.chmod(0o644)
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    depends, recommends = linux_system_depends(bundle)
    installed_kb = (tree_size(root) + 1023) // 1024
    control = {
        "Package": PACKAGE,
        "Version": ver,
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kb),
        "Depends": ", ".join(depends),
        # Optional desktop integration: Qt uses them when present (Wayland sessions, GTK file dialogs and theme).
        "Recommends": ", ".join(sorted({*recommends, "libwayland-cursor0", "libwayland-egl1"})),
        "Suggests": "libgtk-3-0",
        "Section": "misc",
        "Priority": "optional",
        "Homepage": os.environ.get("RESUMEPAIR_HOMEPAGE", "https://github.com/resumepair/resumepair"),
        "Description": f"{DESCRIPTION}\n"
        " ResumePair edits JSON Resume files and exports them to PDFs that applicant tracking\n"
        " systems can read: real text, embedded fonts, exact page sizes. Everything runs\n"
        " offline. Includes the `resumepair` command line (export, batch, validate).",
    }
    (control_dir / "control").write_text("".join(f"{k}: {v}\n" for k, v in control.items()), encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copy2(PACKAGING / "linux" / script, control_dir / script)
        (control_dir / script).chmod(0o755)
    control_dir.chmod(0o755)
    (control_dir / "control").chmod(0o644)
    out = DIST / f"{PACKAGE}_{ver}_{arch}.deb"
    log(f"dpkg-deb --build -> {out.name} (Depends: {control['Depends']})")
    cmd = ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)]
    if "--threads-max" in subprocess.run(["dpkg-deb", "--help"], capture_output=True, text=True).stdout:
        cmd.insert(1, f"--threads-max={os.cpu_count() or 1}")  # dpkg >= 1.21.9: parallel xz
    subprocess.run(cmd, check=True)
    return out


def debian_copyright() -> str:
    return """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ResumePair

Files: *
License: MIT
Comment: ResumePair itself.

Files: opt/resumepair/_internal/PySide6/* opt/resumepair/_internal/shiboken6/*
License: LGPL-3
Comment: Qt 6 and Qt for Python (PySide6), used under the LGPL v3. Qt WebEngine includes Chromium, whose
 third-party licences are listed at https://doc.qt.io/qt-6/qtwebengine-licensing.html. The Qt libraries are
 shipped as separate shared libraries and may be replaced.

Files: opt/resumepair/_internal/app/_resources/fonts/*
License: OFL-1.1
Comment: Noto Sans, Noto Serif, Lato, Inter and JetBrains Mono; each folder holds its OFL.txt.

Files: opt/resumepair/_internal/lib* opt/resumepair/_internal/python3*
License: various
Comment: The Python runtime (PSF License) and system libraries from the build machine, bundled by PyInstaller.
"""


def build_tarball(bundle: Path, ver: str) -> Path:
    """Portable archive: unpack anywhere and run ``resumepair-<version>/resumepair``."""
    top = f"{PACKAGE}-{ver}"
    out = DIST / f"{PACKAGE}-{ver}-linux-{platform.machine()}.tar.gz"
    share = STAGING / "tar-share"
    if share.exists():
        shutil.rmtree(share)
    linux_share_files(share)
    (share / "apparmor").mkdir()
    shutil.copy2(PACKAGING / "linux" / "apparmor-resumepair", share / "apparmor" / "resumepair")

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        if info.isdir():
            info.mode = 0o755
        elif info.isfile():
            info.mode = 0o755 if info.mode & 0o111 else 0o644
        return info

    log(f"tar -> {out.name}")
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=normalise)
        tar.add(share, arcname=f"{top}/share", filter=normalise)
        readme = STAGING / "README.txt"
        readme.write_text(PORTABLE_README.format(top=top), encoding="utf-8")
        tar.add(readme, arcname=f"{top}/README.txt", filter=normalise)
    return out


PORTABLE_README = """ResumePair (portable Linux build)

Run:   ./resumepair            (the desktop app)
       ./resumepair --help     (the command line: export, batch, validate, ...)

Nothing needs installing: Python, Qt and Chromium are inside _internal/. To add a menu entry, copy
share/applications/resumepair.desktop to ~/.local/share/applications/ (edit Exec= to this folder's
resumepair) and share/icons/ to ~/.local/share/icons/.

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


def build_windows(bundle: Path, ver: str) -> list[Path]:
    outputs = []
    portable = DIST / f"{APP_NAME}-{ver}-windows-x64.zip"
    log(f"zip -> {portable.name}")
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                archive.write(path, Path(f"{APP_NAME}-{ver}") / path.relative_to(bundle))
    outputs.append(portable)
    iscc = find_iscc()
    if iscc is None:
        log("Inno Setup (iscc) not found: no setup.exe; install it from https://jrsoftware.org/isinfo.php")
        return outputs
    cmd = [
        iscc, "/Q", f"/DAppVersion={ver}", f"/DSourceDir={bundle}", f"/DOutputDir={DIST}",
        str(PACKAGING / "windows" / "resumepair.iss"),
    ]  # fmt: skip
    log(" ".join(cmd))
    subprocess.run(cmd, check=True)
    outputs.append(DIST / f"{APP_NAME}-{ver}-windows-x64-setup.exe")
    return outputs


# --------------------------------------------------------------------------------------------------- macOS
def build_macos(ver: str) -> list[Path]:
    app = BUNDLE_DIR / f"{APP_NAME}.app"
    if not app.is_dir():
        raise SystemExit(f"PyInstaller did not produce {app}")
    identity = os.environ.get("RESUMEPAIR_CODESIGN_IDENTITY")
    if identity:
        # PyInstaller signed every binary with the identity (hardened runtime); seal the bundle as a whole.
        subprocess.run(
            ["codesign", "--force", "--timestamp", "--options", "runtime", "--entitlements",
             str(PACKAGING / "macos" / "entitlements.plist"), "--sign", identity, str(app)],
            check=True,
        )  # fmt: skip
    # PyInstaller signs ad hoc when there is no identity; only a real signature must verify strictly.
    subprocess.run(["codesign", "--verify", "--deep", "--strict", str(app)], check=bool(identity))
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
        if subprocess.run(create).returncode == 0:
            break
        log(f"hdiutil create failed (attempt {attempt}); retrying")
        time.sleep(10 * attempt)
    else:
        raise SystemExit("hdiutil create failed three times")
    if identity:
        subprocess.run(["codesign", "--force", "--timestamp", "--sign", identity, str(dmg)], check=True)
        profile = os.environ.get("RESUMEPAIR_NOTARY_PROFILE")
        if profile:
            log("notarising (xcrun notarytool, waits for Apple)")
            subprocess.run(
                ["xcrun", "notarytool", "submit", str(dmg), "--keychain-profile", profile, "--wait"], check=True
            )
            subprocess.run(["xcrun", "stapler", "staple", str(dmg)], check=True)
    return [dmg]


# --------------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-excludes", action="store_true", help="freeze without the spec's exclusions (to measure)")
    parser.add_argument("--bundle-only", action="store_true", help="freeze only; make no installer")
    parser.add_argument("--skip-bundle", action="store_true", help="package the existing dist/bundle again")
    args = parser.parse_args(argv)
    ver = version()
    DIST.mkdir(exist_ok=True)
    info: dict[str, object] = {"version": ver, "platform": sys.platform, "machine": platform.machine()}
    started = time.monotonic()
    bundle = BUNDLE_DIR / PACKAGE
    if not args.skip_bundle:
        bundle = freeze(trim=not args.no_excludes)
    info["freeze_seconds"] = round(time.monotonic() - started, 1)
    info["excludes"] = not args.no_excludes
    info["bundle_bytes"] = tree_size(bundle)
    log(f"bundle {bundle} : {mb(tree_size(bundle))} MB unpacked ({info['freeze_seconds']} s)")
    artefacts: list[Path] = []
    if sys.platform.startswith("linux"):
        optional = check_linux_libraries(bundle)
        info["optional_libraries_missing_on_build_host"] = optional
        if optional:
            log(f"optional plugin libraries not on this machine (fine): {len({o.split(': ')[1] for o in optional})}")
    if not args.bundle_only:
        package_started = time.monotonic()
        if sys.platform.startswith("linux"):
            artefacts.append(build_deb(bundle, ver))
            info["deb_seconds"] = round(time.monotonic() - package_started, 1)
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
