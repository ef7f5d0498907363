# The stack's port map, for every script: tools/stack/ports.env holds the defaults, and a variable the caller
# already set wins (GTV_SIMULATOR_PORT=3020 tools/gtv up), so one port can move without editing the file.
# Every variable is exported, so the supervisor and each component see the same map as the `up` that started
# them. A port that is not a number in 1..65535 stops the script, naming the variable. Sourced, never executed.
# shellcheck disable=SC2034
GTV_PORTS_FILE="${BASH_SOURCE[0]%/*}/ports.env"

while IFS='=' read -r gtv_port_var gtv_port_default; do
  case "$gtv_port_var" in GTV_*) ;; *) continue ;; esac
  # An empty value counts as unset: `GTV_X_PORT= tools/gtv up` means the default.
  [ -n "${!gtv_port_var:-}" ] || printf -v "$gtv_port_var" '%s' "$gtv_port_default"
  export "${gtv_port_var?}"
  case "$gtv_port_var" in
    *_PORT)
      if ! [[ ${!gtv_port_var} =~ ^[1-9][0-9]{0,4}$ ]] || [ "${!gtv_port_var}" -gt 65535 ]; then
        printf '\033[1;31merror:\033[0m %s=%s is not a port (1..65535)\n' "$gtv_port_var" "${!gtv_port_var}" >&2
        exit 2
      fi
      ;;
  esac
done <"$GTV_PORTS_FILE"
unset gtv_port_var gtv_port_default
