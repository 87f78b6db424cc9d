#!/usr/bin/env bash
# scripts/mpdp demo: the live system, start to finish, in about a minute once built.
#   1. scripts/testbed up: Linux MPTCP client and server in namespaces, two paths, `mpdp run` bridging
#      them on four net_af_packet ports (latency log on, ingress source check on path 2's client port)
#   2. kernel MPTCP traffic through it (4 echoed connections, both paths), with live `mpdp stat` lines
#   3. the live per-connection view (`mpdp stat --connections`) while it runs
#   4. forged MP_JOIN SYNs (random tokens) and a small spoofed MP_CAPABLE SYN flood from the attacker
#      namespace on path 2, each dropped and counted under its reason
#   5. scripts/testbed down (mpdp stops cleanly), the latency summary and plot, the run's report, and the
#      offline analyzer on a capture taken at the server (the same core: the same connections, and none
#      of the forged packets)
# Everything is removed at the end, also on failure or Ctrl-C.
set -euo pipefail

MPDP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MPDP_TESTBED_NAME=${MPDP_DEMO_NAME:-mpdp-demo}
state=${MPDP_TESTBED_DIR:-/run/mpdp-testbed}/$MPDP_TESTBED_NAME
testbed="$MPDP_ROOT/scripts/testbed"
mpdp="$MPDP_ROOT/scripts/mpdp"
traffic="$MPDP_ROOT/dataplane/src/test/resources/mptcp_traffic.py"
client=$MPDP_TESTBED_NAME-client
server=$MPDP_TESTBED_NAME-server
attacker=$MPDP_TESTBED_NAME-attacker
connections=4
bytes=24000000
port=5201
work=$(mktemp -d)
started=$(date +%s)

cleanup() {
    local pid
    for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "$testbed" down >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s  (%ds)\n' "$*" $(( $(date +%s) - started )); }
counter() { # the sum of the counters whose label matches a regex, from `mpdp stat --json`
    "$mpdp" stat --file "$state/counters.dat" --json 2>/dev/null | python3 -c '
import json, re, sys
doc = json.load(sys.stdin)
print(sum(c["value"] for c in doc["counters"] if re.search(sys.argv[1], c["label"])))' "$1"
}
live() { # one line of live counters, from one `mpdp stat --json`
    "$mpdp" stat --file "$state/counters.dat" --json 2>/dev/null | python3 -c '
import json, re, sys
doc = json.load(sys.stdin)
def total(pattern):
    return sum(c["value"] for c in doc["counters"] if re.search(pattern, c["label"]))
print("processed %d packets; tracking %d connection(s), %d subflow(s); dropped %d" % (
    total(r"^worker \d+ processed$"), total(r"^worker \d+ connections$"), total(r"^worker \d+ subflows$"),
    total(r"^worker \d+ dropped")))'
}

[ "$(id -u)" -eq 0 ] || { echo "mpdp demo: needs root (network namespaces)" >&2; exit 1; }
command -v tcpreplay >/dev/null || { echo "mpdp demo: tcpreplay is missing (scripts/mpdp installs it: run scripts/mpdp build)" >&2; exit 1; }

step "1. testbed up: client and server (Linux MPTCP) in namespaces, two paths, mpdp run bridging them"
mkdir -p "$state"
"$testbed" up --set "latency.hlog=$state/latency.hlog" --set "ports[2].sources=[198.18.2.0/24]"

step "2. kernel MPTCP traffic: $connections connections x $((bytes / 1000000)) MB echoed, the path manager adds path 2"
ip netns exec "$server" tcpdump -i any -s 200 -U -w "$work/server.pcap" tcp 2>"$work/tcpdump.log" &
ip netns exec "$server" python3 "$traffic" server 4 0.0.0.0 "$port" "$connections" >"$work/server.out" 2>"$work/server.log" &
for _ in $(seq 100); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
ip netns exec "$client" python3 "$traffic" client 4 198.18.1.2 "$port" "$connections" "$bytes" clean \
    >"$work/client.out" 2>"$work/client.log" &
client_pid=$!
for i in 1 2 3; do
    sleep 2
    printf '  %2ds  mpdp stat: %s\n' $(( $(date +%s) - started )) "$(live)"
done

step "3. the live per-connection view, while the transfers run: scripts/mpdp stat --connections"
"$mpdp" stat --file "$state/counters.dat" --connections | sed 's/^/  /' || echo "  (no answer from the workers)"

step "4. attacks from the attacker namespace on path 2 (198.18.2.66)"
"$mpdp" forge --attack join-random-token --src 198.18.2.66:2000 --dst 198.18.1.2:$port --count 200 \
    --out "$work/joins.pcap" >/dev/null
"$mpdp" forge --attack mpc-syn-flood --dst 198.18.1.2:$port --count 2000 --spoof 198.19.0.0/16 \
    --out "$work/flood.pcap" >/dev/null
echo "  200 MP_JOIN SYNs with random tokens, 2,000 MP_CAPABLE SYNs from spoofed sources (tcpreplay -i a0)"
ip netns exec "$attacker" tcpreplay -q -i a0 --pps 2000 "$work/joins.pcap" >/dev/null 2>&1
ip netns exec "$attacker" tcpreplay -q -i a0 --pps 4000 "$work/flood.pcap" >/dev/null 2>&1
sleep 1
echo "  mpdp counted: join-unknown-token $(counter 'reason join-unknown-token'), source-not-allowed $(counter 'reason source-not-allowed')"

wait "$client_pid" || true
sleep 0.5
ok=$(grep -c ' match=true error=-' "$work/client.out" || true)
echo
echo "  echoed byte-exact: $ok of $connections connections"
for pid in $(jobs -p); do kill -INT "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true

step "5. testbed down (SIGTERM: mpdp drains, writes its report), latency, report, offline analysis"
"$testbed" down
tail -n +1 "$state/mpdp.log" | grep -E '^mpdp run: (stopped|mbufs)|verdict reasons' | sed 's/^/  /'
if [ -s "$state/latency.hlog" ]; then
    "$mpdp" latency "$state/latency.hlog" --tag rx-tx --png "$state/latency.png" | sed 's/^/  /'
fi
python3 - "$state/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("  mpdp's report: %d connection(s)" % len(r["connections"]))
for c in r["connections"]:
    joins = sum(1 for s in c["subflows"] if s["role"] == "join")
    print("    %s -> %s  subflows %d (joins %d)  data to server %d B, to client %d B" % (
        c["subflows"][0]["client"], c["subflows"][0]["server"], len(c["subflows"]), joins,
        c.get("data_bytes_to_server", 0), c.get("data_bytes_to_client", 0)))
print("  reasons: %s" % (r.get("reasons") or "none"))
PY
echo "  the same core offline, on a capture taken at the server (no forged packet in it, so no reason):"
"$mpdp" analyze "$work/server.pcap" | sed 's/^/    /' | head -2
echo
echo "mpdp demo: done in $(( $(date +%s) - started )) s; every namespace removed"
[ "$ok" -eq "$connections" ]
