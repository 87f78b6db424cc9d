#!/usr/bin/env bash
# scripts/mpdp robe-experiment: RobE session establishment against the Linux kernel (issue 10, "Experiment").
#
#   robe ns  r1 198.18.1.20 [mpdp robe connect, port 0] --+                 +-- s1 198.18.1.2  srv ns (kernel
#   kc ns    k1 198.18.1.1 (kernel MPTCP client) ---------cb1 = fc1 [mpdp forward] fs1 = sb1 -- l1 198.18.1.3 resp ns
#            k2 198.18.2.1 (subflow endpoint) ------------cb2 = fc2 [mpdp forward] fs2 = sb2 -- s2 / l2     (echo
#   robe ns  r2 198.18.2.20 [port 1] --------------------+                 +                  server; mpdp robe
#                                                                                                 listen for eSIM)
# The edge ns holds, per path, a client-side bridge cbP and a server-side bridge sbP, and between them one
# `mpdp forward` process on two net_af_packet ports (fcP, fsP: veths whose peers are bridge ports) that
# adds the path's delay. Loss and blackhole come from nftables (bridge family) on the path's client-side
# bridge: IPv4 frames only, so ARP still works and the RobE box resolves its next hops on every path.
#
# Profiles (path 1 is the default path; base RTTs: path 1 10 ms, path 2 20 ms, path 3 30 ms):
#   blackhole  path 1 drops every IPv4 frame, both directions
#   loss       path 1 drops 30% of IPv4 frames in each direction (nftables numgen random)
#   delay      path 1 +200 ms RTT (210 ms), path 2 20 ms
#   none       no impairment
# Every namespace is deleted on every exit (EXIT trap; INT/TERM exit through it), unless --keep.
set -euo pipefail

MPDP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mpdp="$MPDP_ROOT/scripts/mpdp"
helper="$MPDP_ROOT/scripts/lib/robe_kernel.py"

name=robe-exp
out=""
count=""
quick=0
keep=0
paths=2
profiles="blackhole loss delay none"
modes="plain timer sim esim plain-resp ips sim+ips timer+ips kernel"
concurrency=""
interval_ms=""
warmup=""
timeout_s=10
request=1024
port=7000
settle_s=20
resp_warmup=100

usage() {
    cat <<USAGE
usage: scripts/mpdp robe-experiment [--quick] [--out DIR] [--count N] [--profiles "P ..."] [--modes "M ..."]
                                    [--concurrency N] [--interval MS] [--warmup N] [--paths 2|3] [--name NAME] [--keep]
  RobE establishment (mpdp robe connect) and the Linux kernel's, per impairment profile of the default
  path, into HdrHistograms: a table (median, p99, failures), DIR/results.csv, DIR/establish-PROFILE.png,
  and last one line per profile and mode:
    robe PROFILE MODE: median X ms, p99 Y ms, failures F/N, path2 rtt Z ms
  --count N       establishments per profile and mode (default 200; 20 with --quick)
  --profiles      any of: $profiles
  --modes         any of: $modes
                  (plain-resp: plain MPTCP against eSIM's server, the mpdp responder: eSIM's baseline)
  --concurrency   sessions at a time (default 20)
  --interval MS   least time between two session starts, for RobE and the kernel alike (default 10; 0 starts
                  up to --concurrency at once, and on a 2-CPU box the later ones then queue for a CPU)
  --warmup N      RobE sessions run (and not measured) before each RobE mode's measured ones, so the JVM has
                  compiled the stack first (default 40, 20 with --quick; they reach the server and its check
                  counts them)
  --out DIR       where the CSVs, logs and plots go (default target/robe-experiment)
  --keep          leave the namespaces up at the end (debugging; remove with --name NAME --down)
  --down          only remove the namespaces of --name
Needs root, nftables and net.mptcp.enabled=1. Exits 1 when a server check fails (leftover connections,
half-open sockets, unexpected accept count).
USAGE
}

down_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --out) out=$2; shift ;;
        --count) count=$2; shift ;;
        --profiles) profiles=$2; shift ;;
        --modes) modes=$2; shift ;;
        --concurrency) concurrency=$2; shift ;;
        --interval) interval_ms=$2; shift ;;
        --warmup) warmup=$2; shift ;;
        --paths) paths=$2; shift ;;
        --name) name=$2; shift ;;
        --keep) keep=1 ;;
        --down) down_only=1 ;;
        --settle) settle_s=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
[ -n "$count" ] || { if [ "$quick" = 1 ]; then count=20; else count=200; fi; }
[ -n "$concurrency" ] || concurrency=20
[ -n "$interval_ms" ] || interval_ms=10
[[ "$interval_ms" =~ ^[0-9]{1,5}$ ]] || { echo "robe-experiment: --interval must be whole ms, 0-99999" >&2; exit 2; }
[ -n "$warmup" ] || { if [ "$quick" = 1 ]; then warmup=20; else warmup=40; fi; }
[ -n "$out" ] || out="$MPDP_ROOT/target/robe-experiment"
case "$paths" in 2|3) ;; *) echo "robe-experiment: --paths must be 2 or 3" >&2; exit 2 ;; esac
[[ "$name" =~ ^[A-Za-z0-9-]{1,12}$ ]] || { echo "robe-experiment: --name must be 1-12 of [A-Za-z0-9-]" >&2; exit 2; }
for p in $profiles; do
    case "$p" in blackhole|loss|delay|none) ;; *) echo "robe-experiment: unknown profile $p" >&2; exit 2 ;; esac
done
for m in $modes; do
    case "$m" in plain|timer|sim|esim|plain-resp|ips|sim+ips|timer+ips|kernel) ;;
        *) echo "robe-experiment: unknown mode $m" >&2; exit 2 ;; esac
done

ns_edge=$name-edge
ns_robe=$name-robe
ns_kc=$name-kc
ns_srv=$name-srv
ns_resp=$name-resp
all_ns=("$ns_edge" "$ns_robe" "$ns_kc" "$ns_srv" "$ns_resp")

kc_ip() { echo "198.18.$1.1"; }
srv_ip() { echo "198.18.$1.2"; }
resp_ip() { echo "198.18.$1.3"; }
robe_ip() { echo "198.18.$1.20"; }
base_delay_ms() { echo $((5 * $1)); }   # one way: path P has an RTT of 10*P ms

log() { echo "robe-experiment: $*" >&2; }
die() { log "$*"; exit 1; }
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Every background process starts in its own session (setsid), so its process group holds the launcher
# and the JVM or python under it: stopping it is a SIGTERM to that group (the JVM then stops cleanly and
# reports), and a SIGKILL after 30 s.
groups=()
spawn() { # NS CMD...: runs CMD in NS in the background, in a new session; $spawned is its process group
    setsid ip netns exec "$@" </dev/null &
    spawned=$!
    groups+=("$spawned")
}
stop_group() {
    local g=$1
    kill -TERM -- "-$g" 2>/dev/null || return 0
    for _ in $(seq 300); do kill -0 -- "-$g" 2>/dev/null || { wait "$g" 2>/dev/null || true; return 0; }; sleep 0.1; done
    kill -KILL -- "-$g" 2>/dev/null || true
    wait "$g" 2>/dev/null || true
}
# Waits for a group's first process (the launcher) and then for the rest of the group; returns its exit code.
wait_group() {
    local g=$1 rc=0
    wait "$g" || rc=$?
    while kill -0 -- "-$g" 2>/dev/null; do sleep 0.1; done
    return "$rc"
}

teardown() {
    local ns g
    for g in "${groups[@]}"; do stop_group "$g"; done
    for ns in "${all_ns[@]}"; do
        [ -e "/run/netns/$ns" ] && ip netns del "$ns" 2>/dev/null || true
    done
}

if [ "$down_only" = 1 ]; then teardown; exit 0; fi
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces, veths, nftables)"
command -v nft >/dev/null || die "needs nftables (nft)"
[ "$(sysctl -n net.mptcp.enabled 2>/dev/null || echo 0)" = 1 ] || die "needs net.mptcp.enabled=1"
for ns in "${all_ns[@]}"; do
    [ -e "/run/netns/$ns" ] && die "namespace $ns exists: another run, or left by --keep (--name $name --down)"
done

on_exit() {
    local rc=$?
    if [ "$keep" = 1 ]; then
        log "--keep: namespaces ${all_ns[*]} left up (remove: scripts/mpdp robe-experiment --name $name --down)"
        exit "$rc"
    fi
    teardown
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

mkdir -p "$out"
rm -rf "${out:?}"/{csv,logs}
mkdir -p "$out/csv" "$out/logs"

# Whole, checksummed frames: AF_PACKET would otherwise see veth's partial checksums and 64 KB GSO frames.
offloads_off() { in_ns "$1" ethtool -K "$2" tx off tso off gso off gro off >/dev/null; }
v6_off() { in_ns "$1" sysctl -q -w "net.ipv6.conf.$2.disable_ipv6=1"; }
# veth NS1 DEV1 NS2 DEV2: created in NS1, the peer moved straight into NS2 (nothing in the root namespace).
veth() { ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"; }
up() { ip -n "$1" link set "$2" up; }
prep() { offloads_off "$1" "$2"; v6_off "$1" "$2"; up "$1" "$2"; }

build_topology() {
    local p ns dev
    for ns in "${all_ns[@]}"; do
        ip netns add "$ns"
        ip -n "$ns" link set lo up
    done
    for p in $(seq "$paths"); do
        ip -n "$ns_edge" link add "cb$p" type bridge forward_delay 0 stp_state 0
        ip -n "$ns_edge" link add "sb$p" type bridge forward_delay 0 stp_state 0
        veth "$ns_robe" "r$p" "$ns_edge" "rb$p"
        veth "$ns_kc" "k$p" "$ns_edge" "kb$p"
        veth "$ns_edge" "fc$p" "$ns_edge" "bc$p"
        veth "$ns_edge" "fs$p" "$ns_edge" "bs$p"
        veth "$ns_srv" "s$p" "$ns_edge" "ss$p"
        veth "$ns_resp" "l$p" "$ns_edge" "ls$p"
        for dev in "rb$p" "kb$p" "bc$p"; do ip -n "$ns_edge" link set "$dev" master "cb$p"; done
        for dev in "bs$p" "ss$p" "ls$p"; do ip -n "$ns_edge" link set "$dev" master "sb$p"; done
        for dev in "cb$p" "sb$p" "rb$p" "kb$p" "bc$p" "fc$p" "bs$p" "fs$p" "ss$p" "ls$p"; do prep "$ns_edge" "$dev"; done
        prep "$ns_robe" "r$p"
        prep "$ns_resp" "l$p"
        prep "$ns_kc" "k$p"
        prep "$ns_srv" "s$p"
        ip -n "$ns_kc" addr add "$(kc_ip "$p")/24" dev "k$p"
        ip -n "$ns_srv" addr add "$(srv_ip "$p")/24" dev "s$p"
    done
    # The server accepts joins on every address; the kernel client opens one join per extra path from its
    # subflow endpoint there (to the server's first address, out of that path's interface).
    ip -n "$ns_srv" mptcp limits set subflows 8 add_addr_accepted 8
    ip -n "$ns_kc" mptcp limits set subflows $((paths - 1)) add_addr_accepted 0
    for p in $(seq 2 "$paths"); do
        ip -n "$ns_kc" mptcp endpoint add "$(kc_ip "$p")" dev "k$p" id "$p" subflow
    done
    ip -n "$ns_kc" route add default via "$(srv_ip 1)" dev k1
    # Each profile starts clean: no "MPTCP blackhole" verdict carried over from the last one (the kernel
    # would otherwise send plain TCP SYNs for an hour after the blackhole profile). The fallback to plain
    # TCP after 2 SYN retransmissions (syn_retrans_before_tcp_fallback) stays at its default.
    in_ns "$ns_kc" sysctl -q -w net.mptcp.blackhole_timeout=0
    in_ns "$ns_edge" nft -f - <<NFT
table bridge robe_exp {
    chain forward { type filter hook forward priority 0; policy accept; }
}
NFT
}

declare -A fwd_pid fwd_delay
start_forward() { # PATH ONE_WAY_MS
    local p=$1 d=$2 logf="$out/logs/forward-path$1.log"
    stop_forward "$p"
    # One forwarder per path (the delay is per process), each pinned to its own CPU and sleeping when idle,
    # so two of them cost little of the 2 CPUs.
    spawn "$ns_edge" "$mpdp" forward --vdev "net_af_packet0,iface=fc$p;net_af_packet1,iface=fs$p" --hugepages off \
        --memory 256 --delay-queue 8192 "--eal=--file-prefix=$name-fwd$p" --idle backoff --stats-interval 0 \
        --cpu $(((p - 1) % $(nproc))) --delay "$d" >>"$logf" 2>&1
    fwd_pid[$p]=$spawned
    fwd_delay[$p]=$d
}
stop_forward() {
    local p=$1 pid=${fwd_pid[$1]:-}
    [ -n "$pid" ] || return 0
    stop_group "$pid"
    fwd_pid[$p]=""
    grep -q "mbufs still in use after the ports closed 0" "$out/logs/forward-path$p.log" ||
        log "warning: mpdp forward on path $p did not report 0 mbufs still in use ($out/logs/forward-path$p.log)"
}
set_delay() { # PATH ONE_WAY_MS: restarts that path's forwarder only when its delay changes
    [ "${fwd_delay[$1]:-x}" = "$2" ] && [ -n "${fwd_pid[$1]:-}" ] && return 0
    start_forward "$1" "$2"
}

# nftables in the edge namespace: IPv4 frames entering or leaving path 1's client side through bc1 (the
# forwarder's port on that bridge), so both directions, and client-to-client frames untouched.
set_filter() { # none | blackhole | loss
    in_ns "$ns_edge" nft flush chain bridge robe_exp forward
    case "$1" in
        blackhole)
            in_ns "$ns_edge" nft add rule bridge robe_exp forward iifname bc1 ether type ip counter drop
            in_ns "$ns_edge" nft add rule bridge robe_exp forward oifname bc1 ether type ip counter drop ;;
        loss)
            in_ns "$ns_edge" nft add rule bridge robe_exp forward iifname bc1 ether type ip numgen random mod 100 '<' 30 counter drop
            in_ns "$ns_edge" nft add rule bridge robe_exp forward oifname bc1 ether type ip numgen random mod 100 '<' 30 counter drop ;;
    esac
}

apply_profile() {
    local p
    case "$1" in
        delay) set_delay 1 $(($(base_delay_ms 1) + 100)) ;;
        *) set_delay 1 "$(base_delay_ms 1)" ;;
    esac
    for p in $(seq 2 "$paths"); do set_delay "$p" "$(base_delay_ms "$p")"; done
    set_filter "$1"
}

# Until every path answers a ping from the kernel client (the forwarders take seconds to start).
await_paths() {
    local p deadline=$((SECONDS + 180)) profile=$1
    for p in $(seq "$paths"); do
        [ "$profile" = blackhole ] && [ "$p" = 1 ] && continue
        local restarts=0
        until in_ns "$ns_kc" ping -q -c 1 -W 1 -I "k$p" "$(srv_ip "$p")" >/dev/null 2>&1; do
            # DPDK 22.11's af_packet names its PACKET_FANOUT group (pid XOR ifindex) & 0xffff, and groups are
            # per namespace: the two forwarders in the edge namespace can collide (EINVAL). A new process
            # has a new pid, so the forwarder is started again (at most 3 times).
            if ! kill -0 "${fwd_pid[$p]}" 2>/dev/null && [ "$restarts" -lt 3 ] &&
                tail -n 5 "$out/logs/forward-path$p.log" | grep -q "could not set PACKET_FANOUT"; then
                restarts=$((restarts + 1))
                log "mpdp forward on path $p hit a PACKET_FANOUT group id collision; starting it again ($restarts)"
                fwd_pid[$p]=""
                start_forward "$p" "${fwd_delay[$p]}"
                continue
            fi
            kill -0 "${fwd_pid[$p]}" 2>/dev/null || die "mpdp forward on path $p exited: $(tail -n 5 "$out/logs/forward-path$p.log")"
            [ "$SECONDS" -lt "$deadline" ] || die "path $p does not forward after 180 s (see $out/logs/forward-path$p.log)"
            sleep 0.5
        done
    done
}

# RTT of path P through the stages: the average of 10 pings (loss profile: of those answered), or "-"
# when three rounds got no answer (a blackholed path; on a busy box a forwarder can stall for seconds).
rtt() {
    local line try
    for try in 1 2 3; do
        line=$(in_ns "$ns_kc" ping -q -c 10 -i 0.2 -W 2 -I "k$1" "$(srv_ip "$1")" 2>/dev/null | grep 'rtt min/avg' || true)
        [ -n "$line" ] && break
        [ "$2" = blackhole ] && [ "$1" = 1 ] && break
    done
    if [ -n "$line" ]; then echo "$line" | awk -F/ '{ print $5 }'; else echo "-"; fi
}

# The YAML of mpdp run (eal, ports, layout, counters: the part both robe commands share), for the ports
# DEV_PREFIX1, DEV_PREFIX2, ...
write_run_config() { # NS_PREFIX DEV_PREFIX
    local prefix=$1 dev=$2 p
    {
        echo "# written by scripts/mpdp robe-experiment"
        echo "eal:"
        echo "  file-prefix: $prefix"
        echo "  hugepages: off"
        echo "  memory-mb: 256"
        echo "ports:"
        for p in $(seq "$paths"); do echo "  - vdev: net_af_packet$((p - 1)),iface=$dev$p"; done
        echo "layout:"
        echo "  mode: run-to-completion"
        echo "  cores: [$(($(nproc) - 1))]"
        echo "  idle:"
        echo "    strategy: backoff"
        # Small tables: the defaults (sized for a bridge) take seconds to allocate at every start.
        echo "tables:"
        echo "  max-connections: 1024"
        echo "  max-subflows: 4096"
        echo "counters:"
        echo "  path: $out/logs/$prefix-counters.dat"
    }
}

# robe connect's config: robe.paths on top (robe connect runs it as a host: control.forward=false). REMOTE_FN
# gives the server's address on each path (the kernel server, or the mpdp responder for eSIM).
write_robe_config() { # FILE NS_PREFIX DEV_PREFIX ADDRESS_FN REMOTE_FN [MODE]
    local f=$1 prefix=$2 dev=$3 addr=$4 remote=$5 mode=${6:-} p
    {
        write_run_config "$prefix" "$dev"
        echo "robe:"
        [ -n "$mode" ] && echo "  mode: $mode"
        echo "  paths:"
        for p in $(seq "$paths"); do
            echo "    - port: $((p - 1))"
            echo "      address: $($addr "$p")"
            echo "      gateway: $($remote "$p")"
            echo "      remote: $($remote "$p")"
        done
    } >"$f"
}

server_pid=""
server_job=""
start_server() {
    spawn "$ns_srv" python3 -u "$helper" server 0.0.0.0 "$port" >"$out/logs/server.out" 2>"$out/logs/server.err"
    server_job=$spawned
    for _ in $(seq 100); do
        server_pid=$(sed -n 's/^robe-kernel: listening on .* pid \([0-9]*\)$/\1/p' "$out/logs/server.err")
        [ -n "$server_pid" ] && return 0
        sleep 0.1
    done
    die "the kernel echo server did not start: $(cat "$out/logs/server.err")"
}

resp_pid=""
start_responder() {
    local p
    # robe listen answers on control.responder's addresses (and ARP and ping for them).
    {
        write_run_config "$name-resp" l
        echo "control:"
        echo "  responder:"
        for p in $(seq "$paths"); do
            echo "    - port: $((p - 1))"
            echo "      ipv4: $(resp_ip "$p")"
        done
    } >"$out/logs/resp.yaml"
    spawn "$ns_resp" "$mpdp" robe listen --config "$out/logs/resp.yaml" --port "$port" \
        >"$out/logs/responder.log" 2>&1
    resp_pid=$spawned
    for _ in $(seq 1200); do
        grep -q "robe listen: listening" "$out/logs/responder.log" && return 0
        kill -0 "$resp_pid" 2>/dev/null || break
        sleep 0.1
    done
    die "mpdp robe listen did not start: $(tail -n 20 "$out/logs/responder.log")"
}
stop_responder() {
    [ -n "$resp_pid" ] || return 0
    stop_group "$resp_pid"
    resp_pid=""
}

# The server's tally since the last one (SIGUSR1): "accepted=N closed=N open=N fallback=N subflows=...".
server_tally() {
    local before
    before=$(grep -c '^robe-kernel server' "$out/logs/server.out" || true)
    kill -USR1 "$server_pid"
    for _ in $(seq 50); do
        [ "$(grep -c '^robe-kernel server' "$out/logs/server.out" || true)" -gt "$before" ] && break
        sleep 0.1
    done
    grep '^robe-kernel server' "$out/logs/server.out" | tail -n 1 | sed 's/^robe-kernel server //'
}

# Sockets at the server other than listeners, TIME-WAIT and LAST-ACK (TCP subflows; MPTCP sockets), half-open
# ones, and, apart, LAST-ACK ones: a subflow whose connection is over (both FINs sent, all data acknowledged)
# and whose last ACK from the client was lost. Under 30% loss the server's FIN retransmissions come 3, 9, 21 s
# apart after a retransmitted SYN/ACK (RTO fallback of 3 s), so one can outlast the settle time; the kernel
# client leaves them too. They are reported, not failed: nothing of the connection is left but that ACK.
leftovers() {
    local tcp mptcp synrecv lastack
    tcp=$(in_ns "$ns_srv" ss -Htan state all exclude listening exclude time-wait exclude last-ack | wc -l)
    mptcp=$(in_ns "$ns_srv" ss -HMan state all exclude listening exclude time-wait | wc -l)
    synrecv=$(in_ns "$ns_srv" ss -Htan state syn-recv | wc -l)
    lastack=$(in_ns "$ns_srv" ss -Htan state last-ack | wc -l)
    echo "tcp=$tcp mptcp=$mptcp syn-recv=$synrecv last-ack=$lastack"
}
last_ack_left=0

checks_failed=0
# After a run: wait up to --settle seconds for the server to hold nothing but its listener, then compare
# its accept count with the sessions the client established.
check_server() { # PROFILE MODE CSV
    local profile=$1 mode=$2 csv=$3 left tally established deadline=$((SECONDS + settle_s)) verdict=ok
    while :; do
        left=$(leftovers)
        [ "$left" = "tcp=0 mptcp=0 syn-recv=0 last-ack=0" ] && break
        [ "$SECONDS" -lt "$deadline" ] && { sleep 0.5; continue; }
        break
    done
    if [ "$mode" = esim ] || [ "$mode" = plain-resp ]; then
        echo "robe-experiment: server check $profile $mode: the mpdp responder served this run (its counters: $out/logs/$name-resp-counters.dat); kernel server $left"
        [ "${left% last-ack=*}" = "tcp=0 mptcp=0 syn-recv=0" ] || verdict=fail
    else
        tally=$(server_tally)
        # The server must have accepted every session whose echo came back whole (ok, fallback), and at most
        # those that sent their third ACK (data-error too: under loss its third ACK and data may all have been
        # lost, so the server never accepted it).
        local sure established warm warm_ok
        sure=$(awk -F, 'NR > 1 && ($3 == "ok" || $3 == "fallback") { n++ } END { print n + 0 }' "$csv")
        established=$(awk -F, 'NR > 1 && ($3 == "ok" || $3 == "data-error" || $3 == "fallback") { n++ } END { print n + 0 }' "$csv")
        # robe connect's warm-up sessions reached the server too (they are not in the CSV). Its log is written
        # through tee in a process substitution, which can lag behind its exit: wait for the warm-up line.
        local w
        for w in $(seq 50); do
            [ "$mode" = kernel ] || [ "$warmup" = 0 ] ||
                grep -q '^robe connect: warm-up ' "$out/logs/$profile-$mode.log" 2>/dev/null && break
            sleep 0.1
        done
        warm=$(sed -n 's/^robe connect: warm-up [0-9]* session(s): \([0-9]*\) established.*/\1/p' "$out/logs/$profile-$mode.log" 2>/dev/null | tail -n 1)
        warm_ok=$(sed -n 's/^robe connect: warm-up [0-9]* session(s): [0-9]* established, \([0-9]*\) ok.*/\1/p' "$out/logs/$profile-$mode.log" 2>/dev/null | tail -n 1)
        established=$((established + ${warm:-0}))
        sure=$((sure + ${warm_ok:-0}))
        [ "${left% last-ack=*}" = "tcp=0 mptcp=0 syn-recv=0" ] || verdict=fail
        [[ "$tally" =~ accepted=([0-9]+)\ closed=([0-9]+)\ open=0 ]] && [ "${BASH_REMATCH[1]}" -ge "$sure" ] &&
            [ "${BASH_REMATCH[1]}" -le "$established" ] && [ "${BASH_REMATCH[2]}" = "${BASH_REMATCH[1]}" ] || verdict=fail
        paths_up=$(awk -F, 'NR > 1 && $3 != "failed" { n[$7]++ } END { for (k in n) printf "%s%s:%d", (s++ ? "," : ""), k, n[k] }' "$csv")
        echo "robe-experiment: server check $profile $mode: $verdict: $left; $tally; client established $established (echoed whole $sure), paths_up ${paths_up:--}"
    fi
    if [ "${left##* last-ack=}" != 0 ]; then
        last_ack_left=$((last_ack_left + ${left##* last-ack=}))
        echo "robe-experiment: $profile $mode left ${left##* last-ack=} socket(s) in LAST-ACK at the server (its FIN's last ACK lost; see leftovers())"
        in_ns "$ns_srv" ss -tano state last-ack >>"$out/logs/server-last-ack-$profile-$mode.txt" 2>&1 || true
        [ "$verdict" != ok ] || in_ns "$ns_srv" ss -K state last-ack >/dev/null 2>&1 || true
    fi
    if [ "$verdict" != ok ]; then
        checks_failed=$((checks_failed + 1))
        echo "robe-experiment: SERVER CHECK FAILED for $profile $mode (leftover or unexpected connections above)" >&2
        in_ns "$ns_srv" ss -tanM state all exclude listening >>"$out/logs/server-leftovers-$profile-$mode.txt" 2>&1 || true
        # Start the next run clean: the leftovers would be counted there otherwise.
        in_ns "$ns_srv" ss -K state all exclude listening >/dev/null 2>&1 || true
        # ... and the server's tally too: the killed connections' closes belong to this run, not the next
        # (until its tally shows none open: a close can take the server's loop more than one tally).
        if [ "$mode" != esim ] && [ "$mode" != plain-resp ]; then
            # `ss -K` kills TCP subflows only (`ss -K -M` destroys no MPTCP socket): the server's MPTCP
            # socket stays established and never readable, so the server closes what it holds (SIGUSR2).
            kill -USR2 "$server_pid" 2>/dev/null || true
            local after i
            for i in $(seq 10); do
                sleep 0.5
                after=$(server_tally)
                echo "robe-experiment: after the kill: $after"
                [[ "$after" =~ open=0 ]] && break
            done
            # (Without this line the loop's last status, 1, ended the script silently under set -e.)
            [[ "$after" =~ open=0 ]] || log "the server's tally still shows connections open after the kill" \
                "($after); the next run's accept count may be off by as many"
        fi
    fi
}

run_mode() { # PROFILE MODE
    local profile=$1 mode=$2 csv="$out/csv/$1-$2.csv" logf="$out/logs/$1-$2.log" rc=0 cfg
    if [ "$mode" = kernel ]; then
        local addrs="" p
        for p in $(seq "$paths"); do addrs="$addrs${addrs:+,}$(kc_ip "$p")"; done
        spawn "$ns_kc" python3 -u "$helper" connect "$(srv_ip 1)" "$port" "$paths" "$count" "$concurrency" \
            "$timeout_s" "$request" "$csv" "$addrs" "$interval_ms" 2> >(tee "$logf" | grep --line-buffered 'robe connect:' |
            sed -u "s/^/  $profile $mode: /" >&2)
    else
        cfg="$out/logs/robe-$mode.yaml"
        local robe_mode=$mode
        if [ "$mode" = esim ]; then
            write_robe_config "$cfg" "$name-robe" r robe_ip resp_ip "$mode"
        elif [ "$mode" = plain-resp ]; then
            # Plain MPTCP against eSIM's server (the mpdp responder): the baseline eSIM is compared with.
            robe_mode=plain
            write_robe_config "$cfg" "$name-robe" r robe_ip resp_ip "$robe_mode"
        else
            write_robe_config "$cfg" "$name-robe" r robe_ip srv_ip "$mode"
        fi
        spawn "$ns_robe" "$mpdp" robe connect --config "$cfg" --server-port "$port" --mode "$robe_mode" --count "$count" \
            --warmup "$warmup" --concurrency "$concurrency" --interval "${interval_ms}ms" --request "$request" --timeout "${timeout_s}s" --csv "$csv" \
            > >(tee -a "$logf" >/dev/null) 2> >(tee -a "$logf" | grep --line-buffered 'robe connect:' |
            sed -u "s/^/  $profile $mode: /" >&2)
    fi
    # wait is interrupted by INT/TERM (a foreground command would hold the trap until it ended).
    wait_group "$spawned" || rc=$?
    sleep 0.2
    [ "$rc" = 0 ] && [ -s "$csv" ] || die "$mode in profile $profile did not run (exit $rc); last lines of $logf:
$(tail -n 20 "$logf")"
    check_server "$profile" "$mode" "$csv"
}

# The responder is a JVM too: before its first measured session it serves RESP_WARMUP eSIM sessions (not
# measured, not in any CSV), so the first profile's eSIM and plain-resp rows do not pay for its JIT.
resp_warmed=0
warm_responder() {
    local cfg="$out/logs/robe-warm-responder.yaml" logf="$out/logs/warm-responder.log"
    write_robe_config "$cfg" "$name-robe" r robe_ip resp_ip esim
    log "warming the responder up: $resp_warmup eSIM sessions"
    spawn "$ns_robe" "$mpdp" robe connect --config "$cfg" --server-port "$port" --mode esim --count 1 \
        --warmup $((resp_warmup - 1)) --concurrency 40 --request "$request" --timeout 3s >"$logf" 2>&1
    wait_group "$spawned" || die "the responder's warm-up did not run; last lines of $logf:
$(tail -n 20 "$logf")"
    resp_warmed=1
}

started=$(date +%s)
log "building the topology ($paths paths, namespaces ${all_ns[*]})"
build_topology
start_server
need_resp=0
for m in $modes; do [ "$m" = esim ] || [ "$m" = plain-resp ] && need_resp=1; done
[ "$need_resp" = 1 ] && start_responder
: >"$out/rtt.txt"
for profile in $profiles; do
    apply_profile "$profile"
    await_paths "$profile"
    r1=$(rtt 1 "$profile")
    r2=$(rtt 2 "$profile")
    echo "$profile $r1 $r2" >>"$out/rtt.txt"
    log "profile $profile: path1 rtt $r1 ms, path2 rtt $r2 ms ($(( $(date +%s) - started )) s)"
    [ "$need_resp" = 1 ] && [ "$resp_warmed" = 0 ] && warm_responder
    for mode in $modes; do
        run_mode "$profile" "$mode"
    done
done
stop_responder
for p in $(seq "$paths"); do stop_forward "$p"; done
stop_group "$server_job"

echo
echo "RobE experiment: $count establishments per profile and mode, $concurrency at a time," \
    "starts ${interval_ms} ms apart, ${timeout_s} s timeout," \
    "request $request bytes, $paths paths; $(nproc) CPUs; $(( $(date +%s) - started )) s"
[ "$last_ack_left" = 0 ] || echo "robe-experiment: $last_ack_left socket(s) were left in LAST-ACK at the server (a lost last ACK; not counted as failed checks)"
if [ "$checks_failed" -gt 0 ]; then
    echo "robe-experiment: $checks_failed server check(s) FAILED (see above and $out/logs/server-leftovers-*.txt)"
else
    echo "robe-experiment: every server check passed"
fi
# The table, the CSV, the plots and, last, the summary lines.
"$mpdp" robe-report --dir "$out" --profiles "$profiles" --modes "$modes"
[ "$checks_failed" = 0 ] || exit 1
