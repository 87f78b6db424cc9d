#!/usr/bin/env bash
# test-hugepages.sh - end-to-end test of hugepages.sh against the real kernel and DPDK.
# Needs root. Uses its own state dir and mount dirs, and puts the hugepage pools back
# to their starting values on exit, whatever happens.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HP=$HERE/hugepages.sh
SYS=/sys/kernel/mm/hugepages
SYS2M=$SYS/hugepages-2048kB
SYS1G=$SYS/hugepages-1048576kB
COUNT=64

PASSED=0
FAILED=0
SKIPPED=0
OUT=""
RC=0
BUSY_PID=""
CLEANED=0
SUMMARY_DONE=0
DETAILS=""

say() { printf 'hugepages: %s\n' "$*"; }
pass() { PASSED=$((PASSED + 1)); printf 'ok   - %s\n' "$1"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf 'skip - %s\n' "$1"; }

fail() { # name [details]
  FAILED=$((FAILED + 1))
  printf 'FAIL - %s\n' "$1"
  if [[ -n ${2:-} ]]; then printf '%s\n' "$2" | sed 's/^/       | /'; fi
}

# check NAME COMMAND...: passes when COMMAND succeeds; DETAILS is shown on failure.
check() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "${DETAILS:-}"; fi
}

# hp ARGS...: runs hugepages.sh, capturing output in OUT and exit code in RC.
hp() {
  if OUT=$("$HP" "$@" 2>&1); then RC=0; else RC=$?; fi
}

# expect NAME WANT_RC [TEXT]: the last hp run exited WANT_RC and printed TEXT.
expect() {
  local name=$1 want=$2 text=${3:-}
  if [[ $RC != "$want" ]]; then
    fail "$name (exit $RC, expected $want)" "$OUT"
  elif [[ -n $text && $OUT != *"$text"* ]]; then
    fail "$name (output lacks '$text')" "$OUT"
  else
    pass "$name"
  fi
}

nr_2m() { cat "$SYS2M/nr_hugepages"; }
counter_2m() { cat "$SYS2M/$1"; }
is_hugetlbfs_mount() { grep -qE "^[^ ]+ $1 hugetlbfs [^ ]*pagesize=$2" /proc/mounts; }
mount_count() { awk -v d="$1" '$2 == d' /proc/mounts | wc -l; }
not_mounted() { ! grep -q " $1 " /proc/mounts; }
nr_is() { [[ $(nr_2m) == "$1" ]]; }
state_has_2m() { grep -q $'^2M\t2048\t' "$MPDP_HUGEPAGES_STATE_DIR/state" 2>/dev/null; }
no_state() { [[ ! -e $MPDP_HUGEPAGES_STATE_DIR/state ]]; }
dpdk_files_in() { find "$1" -maxdepth 1 -name '*map_[0-9]*' 2>/dev/null | wc -l; }

log_lacks_eal_errors() { ! grep -qiE 'no free hugepages|EAL: FATAL|cannot init' "$1"; }
log_shows_clean_run() { grep -q 'start packet forwarding' "$1" && grep -q 'Bye' "$1"; }

meminfo_total_is() { # count: only meaningful when 2M is the default page size
  awk -v n="$1" '$1 == "HugePages_Total:" { ok = ($2 == n) } END { exit !ok }' /proc/meminfo
}

stop_busy_testpmd() {
  [[ -n $BUSY_PID ]] || return 0
  kill -INT "$BUSY_PID" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$BUSY_PID" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$BUSY_PID" 2>/dev/null || true
  wait "$BUSY_PID" 2>/dev/null || true
  BUSY_PID=""
}

on_exit() {
  local rc=$?
  cleanup
  if ((SUMMARY_DONE == 0)); then
    say "aborted (exit $rc) after $PASSED passed, $FAILED failed, $SKIPPED skipped"
  fi
}

# Safety net: runs on every exit, and once explicitly before the summary.
cleanup() {
  ((CLEANED == 0)) || return 0
  CLEANED=1
  stop_busy_testpmd
  "$HP" release >/dev/null 2>&1 || true
  local dir
  for dir in "$MNT" "$TMP/huge-1G" "$TMP/foreign" /mnt/huge-2M; do
    if [[ $dir == /mnt/huge-2M && $DEFAULT_MNT_WAS_MOUNTED == 1 ]]; then continue; fi
    if mountpoint -q "$dir" 2>/dev/null; then
      find "$dir" -maxdepth 1 -name '*map_[0-9]*' -delete 2>/dev/null || true
      umount "$dir" 2>/dev/null || true
    fi
  done
  [[ $(cat "$SYS2M/nr_hugepages") == "$INIT_2M" ]] || echo "$INIT_2M" >"$SYS2M/nr_hugepages" || true
  if [[ -n $INIT_1G ]]; then
    [[ $(cat "$SYS1G/nr_hugepages") == "$INIT_1G" ]] || echo "$INIT_1G" >"$SYS1G/nr_hugepages" || true
  fi
  rm -rf /run/dpdk/hptest /run/dpdk/hptest-busy
  # Never rm -rf across a mount that is still there.
  if ! grep -qF " $TMP/" /proc/mounts; then rm -rf "$TMP"; fi
}

# ---------------------------------------------------------------- tests

test_usage_errors() {
  hp --help
  expect "--help prints usage" 0 "Usage:"
  hp
  expect "no command is a usage error" 2
  hp frobnicate
  expect "unknown command is named" 2 "'frobnicate'"
  hp reserve
  expect "reserve without N" 2 "page count"
  local bad
  for bad in abc 0 -5 1.5 08; do
    hp reserve "$bad"
    expect "reserve $bad is rejected" 2 "bad page count '$bad'"
  done
  hp reserve 8 --size 3M
  expect "bad --size is named" 2 "bad page size '3M'"
  hp reserve 8 --bogus
  expect "unknown reserve option is named" 2 "'--bogus'"
  hp reserve 8 --mount relative/dir
  expect "relative --mount is rejected" 2 "absolute"
  hp status --xml
  expect "unknown status option is named" 2 "'--xml'"
  hp release --size 7G
  expect "bad release --size is named" 2 "bad page size '7G'"
  check "usage errors changed nothing" no_state
}

test_not_root() {
  if ! command -v setpriv >/dev/null; then
    skip "not-root checks (setpriv missing)"
    return
  fi
  local copy=$TMP/nonroot.sh
  install -m 755 "$HP" "$copy"
  local as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups bash "$copy")
  if OUT=$("${as_nobody[@]}" reserve 8 2>&1); then RC=0; else RC=$?; fi
  expect "reserve as non-root exits 1" 1 "must be run as root"
  if OUT=$("${as_nobody[@]}" release 2>&1); then RC=0; else RC=$?; fi
  expect "release as non-root exits 1" 1 "must be run as root"
  if OUT=$("${as_nobody[@]}" status 2>&1); then RC=0; else RC=$?; fi
  expect "status works as non-root" 0 "page sizes"
}

test_unsupported_size() {
  local fake=$TMP/fake-sysfs
  mkdir -p "$fake/hugepages-2048kB"
  if OUT=$(MPDP_HUGEPAGES_SYSFS=$fake "$HP" reserve 1 --size 1G 2>&1); then RC=0; else RC=$?; fi
  expect "size missing from sysfs is reported" 1 "not supported by this kernel"
  check "unsupported size changed nothing" no_state
}

test_reserve() {
  local want=$((COUNT > INIT_2M ? COUNT : INIT_2M))
  hp release
  expect "release with no state" 0 "nothing to release"
  hp reserve "$COUNT" --mount "$MNT"
  expect "reserve $COUNT x 2M" 0 "reserved 2M pages"
  check "nr_hugepages is $want" nr_is "$want"
  if [[ $(awk '$1 == "Hugepagesize:" { print $2 }' /proc/meminfo) == 2048 ]]; then
    check "/proc/meminfo HugePages_Total is $want" meminfo_total_is "$want"
  else
    skip "/proc/meminfo check (default page size is not 2M)"
  fi
  check "hugetlbfs mounted at $MNT with pagesize=2M" is_hugetlbfs_mount "$MNT" 2M
  check "state records the 2M reservation" state_has_2m
}

test_status() {
  hp status
  expect "status lists the mount" 0 "$MNT (pagesize 2M)"
  expect "status shows the reservation" 0 "2M: $COUNT pages requested"
  hp status --json
  expect "status --json runs" 0
  local json=$TMP/status.json
  printf '%s\n' "$OUT" >"$json"
  if ! command -v python3 >/dev/null; then
    skip "JSON validation (python3 missing)"
    return
  fi
  if OUT=$(python3 -m json.tool "$json" 2>&1); then RC=0; else RC=$?; fi
  expect "status --json is valid JSON" 0
  if OUT=$(python3 - "$json" "$MNT" "$COUNT" 2>&1 <<'EOF'
import json, sys
path, mnt, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = json.load(open(path))
sizes = {s["size"]: s for s in d["sizes"]}
assert sizes["2M"]["kb"] == 2048 and sizes["2M"]["total"] >= count, sizes
assert {"dir": mnt, "pagesize": "2M", "kb": 2048} in d["mounts"], d["mounts"]
res = d["mpdp_reservation"]["reservations"]
assert any(r["size"] == "2M" and r["requested"] == count and r["mount"] == mnt
           and r["mounted_by_us"] for r in res), res
EOF
  ); then RC=0; else RC=$?; fi
  expect "status --json content matches" 0
}

test_reserve_again() {
  local before
  before=$(nr_2m)
  hp reserve "$COUNT" --mount "$MNT"
  expect "second reserve succeeds" 0 "already mounted"
  check "second reserve keeps nr_hugepages" nr_is "$before"
  check "second reserve does not stack mounts" test "$(mount_count "$MNT")" -eq 1
  hp reserve "$COUNT"
  expect "reserve without --mount reuses the recorded mount" 0 "$MNT"
  hp reserve "$COUNT" --mount "$TMP/other"
  expect "reserve with a different mount is refused" 1 "release --size 2M"
}

test_dpdk_timeout_run() {
  local log=$TMP/testpmd.log
  if timeout -s INT 4 dpdk-testpmd --file-prefix hptest --huge-dir "$MNT" --socket-mem 64 \
    --no-pci -l 0,1 --vdev net_null0 --vdev net_null1 \
    -- --total-num-mbufs=4096 --stats-period 1 >"$log" 2>&1; then RC=0; else RC=$?; fi
  DETAILS=$(tail -n 30 "$log")
  check "testpmd ran until stopped (exit $RC)" test "$RC" -eq 124 -o "$RC" -eq 0
  check "testpmd found hugepages (no 'No free hugepages')" log_lacks_eal_errors "$log"
  check "testpmd forwarded and shut down cleanly" log_shows_clean_run "$log"
  check "testpmd left hptestmap_* files in $MNT" test "$(find "$MNT" -name 'hptestmap_*' | wc -l)" -gt 0
  DETAILS=""
}

# Release must refuse while a DPDK process still maps files in the mount.
test_dpdk_busy_release() {
  local log=$TMP/testpmd-busy.log
  dpdk-testpmd --file-prefix hptest-busy --huge-dir "$MNT" --socket-mem 16 --no-pci -l 0,1 \
    --vdev net_null0 -- --total-num-mbufs=2048 --stats-period 1 >"$log" 2>&1 &
  BUSY_PID=$!
  for _ in $(seq 100); do
    grep -qsF " $MNT/" "/proc/$BUSY_PID/maps" && break
    kill -0 "$BUSY_PID" 2>/dev/null || break
    sleep 0.2
  done
  if ! grep -qsF " $MNT/" "/proc/$BUSY_PID/maps"; then
    fail "background testpmd maps hugepage files in $MNT" "$(tail -n 20 "$log")"
    stop_busy_testpmd
    return
  fi
  pass "background testpmd maps hugepage files in $MNT"
  hp release
  expect "release refuses while testpmd uses the mount" 1 "in use by pid $BUSY_PID"
  check "refused release keeps the mount" is_hugetlbfs_mount "$MNT" 2M
  check "refused release keeps the state" state_has_2m
  stop_busy_testpmd
  check "stopped testpmd left DPDK files behind" test "$(dpdk_files_in "$MNT")" -gt 0
}

test_dpdk() {
  if ! command -v dpdk-testpmd >/dev/null; then
    skip "DPDK checks (dpdk-testpmd missing)"
    return
  fi
  test_dpdk_timeout_run
  test_dpdk_busy_release
}

test_release() {
  local leftover
  leftover=$(dpdk_files_in "$MNT")
  hp release
  expect "release succeeds" 0 "released 2M pages"
  if ((leftover > 0)); then
    expect "release removed $leftover DPDK file(s)" 0 "removed $leftover DPDK hugepage file(s)"
  fi
  check "mount $MNT is gone" not_mounted "$MNT"
  check "mount dir created by reserve is removed" test ! -e "$MNT"
  check "nr_hugepages back to $INIT_2M" nr_is "$INIT_2M"
  check "no surplus pages left" test "$(counter_2m surplus_hugepages)" -eq 0
  check "state removed" no_state
  hp release
  expect "second release has nothing to release" 0 "nothing to release"
}

# Pages that were in the pool before reserve must survive reserve and release.
test_previous_pool_kept() {
  local pool=$((INIT_2M + 16))
  echo "$pool" >"$SYS2M/nr_hugepages" || true
  if ! nr_is "$pool"; then
    skip "previous pool test (kernel gave $(nr_2m) of $pool pages)"
  else
    hp reserve 8 --mount "$MNT"
    expect "reserve 8 on a pool of $pool" 0
    check "reserve does not shrink the existing pool" nr_is "$pool"
    hp release
    expect "release after reserve 8" 0
    check "release restores the pool to $pool" nr_is "$pool"
  fi
  echo "$INIT_2M" >"$SYS2M/nr_hugepages" || true
}

test_default_mount_dir() {
  if ((DEFAULT_MNT_WAS_MOUNTED)); then
    skip "default mount dir (/mnt/huge-2M is already mounted)"
    return
  fi
  hp reserve 8
  expect "reserve with the default mount" 0 "/mnt/huge-2M"
  check "hugetlbfs mounted at /mnt/huge-2M" is_hugetlbfs_mount /mnt/huge-2M 2M
  hp release
  expect "release the default mount" 0
  check "/mnt/huge-2M unmounted" not_mounted /mnt/huge-2M
  check "nr_hugepages back to $INIT_2M after default-dir test" nr_is "$INIT_2M"
}

test_1g() {
  if [[ -z $INIT_1G ]]; then
    skip "1G pages (not supported by this kernel)"
    return
  fi
  local mnt=$TMP/huge-1G
  hp reserve 1 --size 1G --mount "$mnt"
  if ((RC == 3)); then
    skip "1G pages (kernel could not provide one: $OUT)"
    hp release --size 1G
    return
  fi
  expect "reserve 1 x 1G" 0 "reserved 1G pages"
  check "hugetlbfs mounted at $mnt with pagesize 1G" is_hugetlbfs_mount "$mnt" 1024M
  hp status --json
  expect "status --json shows the 1G mount as 1G" 0 "{\"dir\":\"$mnt\",\"pagesize\":\"1G\",\"kb\":1048576}"
  hp release --size 2M
  expect "release --size 2M leaves the 1G reservation" 0 "nothing to release for 2M"
  hp release --size 1G
  expect "release --size 1G" 0 "released 1G pages"
  check "1G nr_hugepages back to $INIT_1G" test "$(cat "$SYS1G/nr_hugepages")" -eq "$INIT_1G"
  check "1G mount gone" not_mounted "$mnt"
}

# Per-NUMA-node reservation: N pages in node 0's own pool, given back by release.
test_node() {
  local node_nr=/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages init
  if [[ ! -w $node_nr ]]; then
    skip "per-node reservation (no writable $node_nr)"
    return
  fi
  init=$(cat "$node_nr")
  hp reserve 16 --node 0 --mount "$MNT"
  expect "reserve 16 --node 0" 0 "node 0: 2M nr_hugepages $init -> $((init > 16 ? init : 16))"
  check "node 0 holds at least 16 pages" test "$(cat "$node_nr")" -ge 16
  hp status
  expect "status shows node 0's pool" 0 "node 0"
  hp release
  expect "release gives node 0 its pages back" 0 "node 0: 2M nr_hugepages back to $init"
  check "node 0 back to $init" test "$(cat "$node_nr")" -eq "$init"
  check "nr_hugepages back to $INIT_2M after the node test" nr_is "$INIT_2M"
  hp reserve 16 --node 99
  expect "a missing node is named" 1 "NUMA node 99 does not exist"
  hp reserve 16 --node x
  expect "a bad --node is a usage error" 2 "bad --node 'x'"
  check "refused node reservations left no state" no_state
}

# boot install writes a unit that runs this reserve at boot; remove takes it away; cmdline advises.
test_boot() {
  local units=$TMP/units unit
  unit=$units/mpdp-hugepages.service
  if OUT=$(MPDP_HUGEPAGES_UNIT_DIR=$units "$HP" boot install 64 --node 0 --mount /mnt/huge-2M 2>&1); then RC=0; else RC=$?; fi
  expect "boot install 64" 0 "wrote $unit"
  check "the unit reserves at boot" grep -qx "ExecStart=$HP reserve 64 --node 0 --mount /mnt/huge-2M" "$unit"
  check "the unit releases at shutdown" grep -qx "ExecStop=$HP release" "$unit"
  check "the unit runs before mpdp.service" grep -qx "Before=mpdp.service" "$unit"
  if OUT=$(MPDP_HUGEPAGES_UNIT_DIR=$units "$HP" boot install 64 --size 3M 2>&1); then RC=0; else RC=$?; fi
  expect "boot install checks its arguments" 2 "bad page size '3M'"
  if OUT=$(MPDP_HUGEPAGES_UNIT_DIR=$units "$HP" boot remove 2>&1); then RC=0; else RC=$?; fi
  expect "boot remove" 0 "removed $unit"
  check "the unit is gone" test ! -e "$unit"
  hp boot cmdline 4 --size 1G --node 0,1
  expect "boot cmdline gives per-node kernel parameters" 0 "default_hugepagesz=1G hugepagesz=1G hugepages=0:4,1:4"
  hp boot cmdline 512
  expect "boot cmdline for 2M pages" 0 "hugepagesz=2M hugepages=512"
  hp boot frobnicate
  expect "unknown boot command is named" 2 "'frobnicate'"
}

# release removes DPDK's files from hugetlbfs mounts it did not make, and leaves the mounts.
test_release_cleans_foreign_mounts() {
  local dir=$TMP/foreign
  mkdir -p "$dir"
  if ! mount -t hugetlbfs -o pagesize=2M nodev "$dir"; then
    fail "mount a hugetlbfs for the foreign-mount test"
    return
  fi
  touch "$dir/rtemap_0" "$dir/crashedmap_3" "$dir/notdpdk"
  hp release
  expect "release cleans a mount it did not make" 0 "removed 2 DPDK hugepage file(s) left in $dir"
  check "DPDK files are gone" test "$(dpdk_files_in "$dir")" -eq 0
  check "other files stay" test -e "$dir/notdpdk"
  check "the foreign mount stays" is_hugetlbfs_mount "$dir" 2M
  rm -f "$dir/notdpdk"
  umount "$dir"
}

main() {
  [[ $EUID -eq 0 ]] || { say "test must run as root"; exit 1; }
  if [[ ! -w $SYS2M/nr_hugepages ]]; then
    say "skipping: $SYS2M/nr_hugepages is missing or read-only here"
    say "0 passed, 0 failed, 1 skipped"
    exit 0
  fi
  TMP=$(mktemp -d /tmp/mpdp-hugepages-test.XXXXXX)
  chmod 755 "$TMP" # lets the not-root test read its copy of the script
  MNT=$TMP/huge-2M
  export MPDP_HUGEPAGES_STATE_DIR=$TMP/state
  INIT_2M=$(nr_2m)
  INIT_1G=$(cat "$SYS1G/nr_hugepages" 2>/dev/null || true)
  DEFAULT_MNT_WAS_MOUNTED=0
  if mountpoint -q /mnt/huge-2M 2>/dev/null; then DEFAULT_MNT_WAS_MOUNTED=1; fi
  trap on_exit EXIT
  trap 'exit 130' INT TERM

  test_usage_errors
  test_not_root
  test_unsupported_size
  test_reserve
  test_status
  test_reserve_again
  test_dpdk
  test_release
  test_previous_pool_kept
  test_default_mount_dir
  test_1g
  test_node
  test_boot
  test_release_cleans_foreign_mounts

  cleanup
  check "2M pool back to its starting value ($INIT_2M)" nr_is "$INIT_2M"
  say "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  SUMMARY_DONE=1
  ((FAILED == 0))
}

main "$@"
