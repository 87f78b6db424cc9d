#!/usr/bin/env bash
# scripts/mpdp bench testbed: kernel MPTCP through the live testbed (scripts/testbed), once forwarded by
# mpdp and once by Linux bridges in the same place, same namespaces, veths and path manager:
#   throughput  one connection sends BYTES back to back (both paths), SHA-256 checked at both ends;
#               time from connect to the server's close
#   setup rate  CONNECTIONS connections, PARALLEL at a time: connect (MP_CAPABLE), one byte each way, close
# Prints a table and 'testbed ...' summary lines.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
traffic="$root/dataplane/src/test/resources/mptcp_traffic.py"
bytes=1000000000
connections=2000
parallel=4
name=mpdp-bench
up_args=()

usage() {
    cat <<USAGE
usage: scripts/mpdp bench testbed [--bytes N] [--connections N] [--parallel N] [--cores LIST] [--set KEY=VALUE]...
                                  [--name NAME]
  Kernel MPTCP through scripts/testbed, forwarded by mpdp and then by Linux bridges: one bulk transfer of
  N bytes (default 1000000000) and the connection-setup rate of N connections (default 2000, 4 at a time).
  --cores and --set go to scripts/testbed up (mpdp's cores and config). Needs root and net.mptcp.enabled=1. Ends with the 'testbed throughput ...' and 'testbed setup ...' lines.
USAGE
}

while [ $# -gt 0 ]; do
    case "$1" in
        --bytes) bytes=$2; shift ;;
        --connections) connections=$2; shift ;;
        --parallel) parallel=$2; shift ;;
        --cores) up_args+=(--cores "$2"); shift ;;
        --set) up_args+=(--set "$2"); shift ;;
        --name) name=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

testbed() { "$root/scripts/testbed" "$@" --name "$name"; }
cleanup() { testbed down >/dev/null 2>&1 || true; }
trap cleanup EXIT

declare -A seconds gbps rate setup_s
# One forwarder: up, bulk, setup rate, down.
measure() {
    local mode=$1 bulk_out sink_out rate_out sink rr state
    shift
    testbed down >/dev/null 2>&1 || true
    echo "bench testbed: $mode: up" >&2
    testbed up "$@" "${up_args[@]}" >/dev/null
    state=$(testbed status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["state_dir"])')
    ip netns exec "$name-server" python3 "$traffic" sink 4 0.0.0.0 5301 1 >"$state/sink.out" 2>"$state/sink.err" &
    sink=$!
    for _ in $(seq 100); do grep -q listening "$state/sink.err" && break; sleep 0.1; done
    echo "bench testbed: $mode: bulk $bytes bytes" >&2
    bulk_out=$(ip netns exec "$name-client" python3 "$traffic" bulk 4 198.18.1.2 5301 "$bytes")
    wait "$sink"
    sink_out=$(cat "$state/sink.out")
    [[ "$bulk_out" =~ sha256=([0-9a-f]+)\ seconds=([0-9.]+)\ error=- ]] || { echo "bulk failed: $bulk_out" >&2; return 1; }
    seconds[$mode]=${BASH_REMATCH[2]}
    [[ "$sink_out" == *"received=$bytes sha256=${BASH_REMATCH[1]} error=-"* ]] ||
        { echo "bench testbed: $mode: the server did not read the same $bytes bytes: $sink_out / $bulk_out" >&2; return 1; }
    ip netns exec "$name-server" python3 "$traffic" rr-server 4 0.0.0.0 5302 >/dev/null 2>"$state/rr.err" &
    rr=$!
    for _ in $(seq 100); do grep -q listening "$state/rr.err" && break; sleep 0.1; done
    echo "bench testbed: $mode: setup rate, $connections connections, $parallel at a time" >&2
    rate_out=$(ip netns exec "$name-client" python3 "$traffic" rate 4 198.18.1.2 5302 "$connections" "$parallel")
    kill "$rr" 2>/dev/null || true
    wait "$rr" 2>/dev/null || true
    [[ "$rate_out" =~ failed=([0-9]+)\ seconds=([0-9.]+) ]] || { echo "rate failed: $rate_out" >&2; return 1; }
    [ "${BASH_REMATCH[1]}" = 0 ] || echo "bench testbed: $mode: ${BASH_REMATCH[1]} connection(s) failed" >&2
    setup_s[$mode]=${BASH_REMATCH[2]}
    gbps[$mode]=$(awk -v b="$bytes" -v s="${seconds[$mode]}" 'BEGIN { printf "%.3f", b * 8 / s / 1e9 }')
    rate[$mode]=$(awk -v c="$connections" -v s="${setup_s[$mode]}" 'BEGIN { printf "%.0f", c / s }')
    testbed down 2>&1 | sed "s/^/bench testbed: $mode: /" >&2
    if [ "$mode" = mpdp ]; then
        grep -E '^  verdict reasons|mbufs still in use' "$state/mpdp.log" | sed 's/^ */bench testbed: mpdp: /' >&2
    fi
}

measure mpdp
measure bridge --kernel-bridge

printf '\nkernel MPTCP through the testbed (2 paths): %s bytes bulk, %s connections %s at a time; %s CPUs, load %s\n' \
    "$bytes" "$connections" "$parallel" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-8s %10s %10s %10s %10s\n' forwarder "bulk s" "Gbit/s" "setup s" "conn/s"
for mode in mpdp bridge; do
    printf '  %-8s %10s %10s %10s %10s\n' "$mode" "${seconds[$mode]}" "${gbps[$mode]}" "${setup_s[$mode]}" "${rate[$mode]}"
done
echo "testbed throughput mpdp Gbit/s = ${gbps[mpdp]}"
echo "testbed throughput bridge Gbit/s = ${gbps[bridge]}"
echo "testbed throughput mpdp/bridge = $(awk -v a="${gbps[mpdp]}" -v b="${gbps[bridge]}" 'BEGIN { printf "%.2f", a / b }')"
echo "testbed setup mpdp conn/s = ${rate[mpdp]}"
echo "testbed setup bridge conn/s = ${rate[bridge]}"
echo "testbed setup mpdp/bridge = $(awk -v a="${rate[mpdp]}" -v b="${rate[bridge]}" 'BEGIN { printf "%.2f", a / b }')"
