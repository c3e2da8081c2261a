#!/bin/sh
# Portable ResumePair: adds the menu entry, the "Open with" entry for .json files and the icons for the current
# user, pointing at this folder (Exec= and TryExec= both; TryExec=resumepair would hide the entry unless the
# program is on PATH). Run it again after moving the folder; `--remove` takes everything out again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"

if [ "${1:-}" = "--remove" ]; then
    action=removed
    rm -f "$apps/resumepair.desktop"
    find "$icons" -name 'resumepair.png' -o -name 'resumepair.svg' 2>/dev/null | while read -r icon; do rm -f "$icon"; done
else
    action=installed
    case "$here" in
        *[\"\`\$\\]*) echo "install-menu-entry: move the folder to a path without quotes, \$, \` or \\ first" >&2; exit 1 ;;
    esac
    mkdir -p "$apps"
    sed -e "s|^Exec=resumepair |Exec=\"$here/resumepair\" |" -e "s|^TryExec=.*|TryExec=$here/resumepair|" \
        "$here/share/applications/resumepair.desktop" > "$apps/resumepair.desktop.tmp"
    mv "$apps/resumepair.desktop.tmp" "$apps/resumepair.desktop"
    (cd "$here/share/icons/hicolor" && find . -type f) | while read -r icon; do
        mkdir -p "$icons/$(dirname "$icon")"
        cp "$here/share/icons/hicolor/$icon" "$icons/$icon"
    done
fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$apps" || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true; fi
echo "ResumePair menu entry $action ($apps/resumepair.desktop)"
