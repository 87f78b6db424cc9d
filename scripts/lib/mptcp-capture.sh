#!/usr/bin/env bash
# Captures fresh Linux MPTCP traffic between two network namespaces joined by two veth pairs
# (198.18.1.0/24 and 198.18.2.0/24): the client has a subflow endpoint on path 2, the server a
# signal endpoint (ADD_ADDR). Writes OUT.pcap (both paths merged). Cleans up even on failure.
# usage: mptcp-capture.sh OUT.pcap [CONNECTIONS] [BYTES]
set -euo pipefail
out=${1:?usage: mptcp-capture.sh OUT.pcap [CONNECTIONS] [BYTES]}
connections=${2:-3}
bytes=${3:-131072}
here=$(cd "$(dirname "$0")" && pwd)
traffic="$here/../../dataplane/src/test/resources/mptcp_traffic.py"
cli="mpdp-demo-c-$$"
srv="mpdp-demo-s-$$"
work=$(mktemp -d)
port=47001

cleanup() {
    local pid
    for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
    ip netns del "$cli" 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || { echo "mptcp-capture: needs root (network namespaces)" >&2; exit 1; }
[ "$(sysctl -n net.mptcp.enabled 2>/dev/null || echo 0)" = 1 ] || { echo "mptcp-capture: kernel MPTCP is off (net.mptcp.enabled)" >&2; exit 1; }

ip netns add "$cli"
ip netns add "$srv"
for p in 1 2; do
    ip -n "$cli" link add "c$p" type veth peer name "s$p" netns "$srv"
    ip -n "$cli" addr add "198.18.$p.1/24" dev "c$p"
    ip -n "$srv" addr add "198.18.$p.2/24" dev "s$p"
    ip -n "$cli" link set "c$p" up
    ip -n "$srv" link set "s$p" up
done
ip -n "$cli" link set lo up
ip -n "$srv" link set lo up
ip netns exec "$cli" ip mptcp limits set subflow 4 add_addr_accepted 4
ip netns exec "$srv" ip mptcp limits set subflow 4 add_addr_accepted 4
ip netns exec "$cli" ip mptcp endpoint add 198.18.2.1 dev c2 id 1 subflow
ip netns exec "$srv" ip mptcp endpoint add 198.18.2.2 dev s2 id 1 signal

for p in 1 2; do
    ip netns exec "$srv" tcpdump -i "s$p" -s 65549 -B 32768 --immediate-mode -U -w "$work/p$p.pcap" tcp 2>"$work/tcpdump$p.log" &
done
for _ in $(seq 50); do
    [ "$(grep -c 'listening on' "$work"/tcpdump*.log 2>/dev/null | awk -F: '{s+=$2} END {print s+0}')" -ge 2 ] && break
    sleep 0.1
done

ip netns exec "$srv" python3 "$traffic" server 4 0.0.0.0 "$port" "$connections" 2>"$work/server.log" >"$work/server.out" &
server=$!
for _ in $(seq 50); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
ip netns exec "$cli" python3 "$traffic" client 4 198.18.1.2 "$port" "$connections" "$bytes" clean >"$work/client.out"
wait "$server" || true
sleep 0.3
for pid in $(jobs -p); do kill -INT "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
mergecap -F pcap -w "$out" "$work/p1.pcap" "$work/p2.pcap"
echo "mptcp-capture: $(grep -c sent= "$work/client.out") connection(s); socket counts:" >&2
sed 's/^/  /' "$work/client.out" >&2
