# shellcheck shell=bash
# Debian's Chromium for browser tests.
#
#   ensure_chromium   install `chromium` plus fonts (fonts-dejavu-core, and
#                     fonts-noto-color-emoji when apt has it) if missing;
#                     export CHROMIUM_PATH=/usr/bin/chromium
#
# Start it headless as root with at least:
#   --headless --no-sandbox --disable-gpu --no-first-run
#   --disable-background-networking --disable-component-update --disable-sync
#   --user-data-dir=<fresh temp dir>
# (the network here is closed: without the background-networking flags
# Chromium keeps trying to reach Google's hosts).

_CHAT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$_CHAT_LIB_DIR/common.sh"

ensure_chromium() {
    local pkgs=(chromium fonts-dejavu-core)
    if [[ ! -x /usr/bin/chromium ]] || ! _apt_installed "${pkgs[@]}"; then
        need_apt "${pkgs[@]}" || return 1
    fi
    if ! _apt_installed fonts-noto-color-emoji; then
        if apt_available fonts-noto-color-emoji; then
            need_apt fonts-noto-color-emoji || return 1
        else
            log "chromium: fonts-noto-color-emoji not available, emoji will render as boxes"
        fi
    fi
    [[ -x /usr/bin/chromium ]] || { log "chromium: /usr/bin/chromium missing after install"; return 1; }
    export CHROMIUM_PATH=/usr/bin/chromium
    log "chromium: $CHROMIUM_PATH"
}
