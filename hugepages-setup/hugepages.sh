#!/usr/bin/env bash
# hugepages.sh - reserve, inspect and release hugepages and hugetlbfs mounts for mpdp (DPDK).
set -euo pipefail

PROG=${0##*/}
# Both paths can be overridden, but only tests should need to.
SYSFS_DIR=${MPDP_HUGEPAGES_SYSFS:-/sys/kernel/mm/hugepages}
STATE_DIR=${MPDP_HUGEPAGES_STATE_DIR:-/run/mpdp-hugepages}
STATE_FILE=$STATE_DIR/state
# Per-NUMA-node pools (reserve --node): one "node<TAB>kb<TAB>prev_nr" line per node touched.
NODE_DIR=${MPDP_HUGEPAGES_NODES:-/sys/devices/system/node}
NODE_STATE=$STATE_DIR/nodes
# boot install writes its unit here.
UNIT_DIR=${MPDP_HUGEPAGES_UNIT_DIR:-/etc/systemd/system}
UNIT_NAME=mpdp-hugepages.service
STATE_HEADER=$'# size\tkb\tprev_nr\trequested\tmounted_by_us\tdir_created\tmount'

EXIT_ERROR=1
EXIT_USAGE=2
EXIT_SHORTFALL=3

usage() {
  cat <<EOF
Usage:
  $PROG reserve N [--size 2M|1G] [--mount DIR] [--node K[,K...]]
  $PROG status [--json]
  $PROG release [--size 2M|1G]
  $PROG boot install N [--size 2M|1G] [--mount DIR] [--node K[,K...]]
  $PROG boot remove
  $PROG boot cmdline N [--size 2M|1G] [--node K[,K...]]
  $PROG -h|--help

Commands:
  reserve   Make sure at least N hugepages of SIZE (default 2M) are in the kernel pool
            and mount hugetlbfs at DIR (default /mnt/huge-2M or /mnt/huge-1G).
            Records what it changed in $STATE_FILE. Safe to run twice.
            --node K,...: N pages on each of these NUMA nodes (the node of each NIC:
            mpdp nic status), in the node's own pool under $NODE_DIR.
  status    Show pool counters per page size, hugetlbfs mounts and the mpdp reservation.
  release   Undo what reserve did: remove DPDK files (*map_N) left in the mount,
            unmount it (only if reserve mounted it) and restore nr_hugepages.
            Without --size, releases every recorded size. Safe to run twice.
            Also removes DPDK's files (*map_N) that no running process maps from
            every other hugetlbfs mount (e.g. /dev/hugepages after a crash), which
            keep their pages allocated; the mounts themselves stay.
  boot      install: a systemd unit ($UNIT_NAME, before mpdp.service) that runs
            this reserve at every boot and release at shutdown; remove: takes it away.
            cmdline: prints the kernel command line that reserves the pages at boot
            instead (the reliable way for 1G pages, which need contiguous memory).

Exit codes: 0 ok, 1 error (not root, unsupported size, mount busy...), 2 usage error,
            3 the kernel provided a different page count than asked (pages kept).
EOF
}

msg() { printf 'hugepages: %s\n' "$*"; }
warn() { printf 'hugepages: warning: %s\n' "$*" >&2; }

die() {
  local code=$1
  shift
  printf 'hugepages: error: %s\n' "$*" >&2
  exit "$code"
}

usage_error() {
  printf 'hugepages: error: %s\n' "$*" >&2
  printf "hugepages: run '%s --help' for usage\n" "$PROG" >&2
  exit "$EXIT_USAGE"
}

require_root() {
  [[ $EUID -eq 0 ]] || die "$EXIT_ERROR" "must be run as root (changes kernel hugepage pools and mounts)"
}

# ---------------------------------------------------------------- sizes

# Accepted --size spellings -> size in kB.
parse_size() {
  case ${1^^} in
    2M | 2MB) echo 2048 ;;
    1G | 1GB) echo 1048576 ;;
    *) return 1 ;;
  esac
}

kb_to_label() {
  local kb=$1
  if ((kb % 1048576 == 0)); then
    echo "$((kb / 1048576))G"
  elif ((kb % 1024 == 0)); then
    echo "$((kb / 1024))M"
  else
    echo "${kb}K"
  fi
}

# hugetlbfs "pagesize=" option value (the kernel prints e.g. 2M or 1024M) -> kB.
option_size_to_kb() {
  local v=${1^^}
  v=${v%B}
  local n=${v%[KMG]}
  [[ $n =~ ^[0-9]+$ ]] || return 1
  case $v in
    *K) echo "$n" ;;
    *M) echo "$((n * 1024))" ;;
    *G) echo "$((n * 1048576))" ;;
    *) echo "$((n / 1024))" ;;
  esac
}

default_size_kb() {
  local kb
  kb=$(awk '$1 == "Hugepagesize:" { print $2 }' /proc/meminfo)
  echo "${kb:-2048}"
}

size_dir() { printf '%s/hugepages-%skB' "$SYSFS_DIR" "$1"; }

read_counter() { # kb counter-name
  local value
  value=$(<"$(size_dir "$1")/$2")
  echo "$value"
}

require_supported() { # kb
  local dir
  dir=$(size_dir "$1")
  [[ -d $dir ]] || die "$EXIT_ERROR" "page size $(kb_to_label "$1") is not supported by this kernel ($dir does not exist)"
}

supported_kbs() {
  local dir kb
  for dir in "$SYSFS_DIR"/hugepages-*kB; do
    [[ -d $dir ]] || continue
    kb=${dir##*/hugepages-}
    echo "${kb%kB}"
  done | sort -n
}

# ---------------------------------------------------------------- kernel pool

# Writes nr_hugepages and prints what the kernel actually set.
set_nr_hugepages() { # kb count
  local file
  file=$(size_dir "$1")/nr_hugepages
  if ! { printf '%s\n' "$2" >"$file"; } 2>/dev/null; then
    die "$EXIT_ERROR" "cannot write $2 to $file"
  fi
  read_counter "$1" nr_hugepages
}

node_file() { printf '%s/node%s/hugepages/hugepages-%skB/nr_hugepages' "$NODE_DIR" "$1" "$2"; }

# Comma list of node numbers -> one a line; every node must exist.
parse_nodes() { # list
  local n
  [[ $1 =~ ^[0-9]+(,[0-9]+)*$ ]] || usage_error "bad --node '$1' (expected node numbers, e.g. 0 or 0,1)"
  for n in ${1//,/ }; do echo "$n"; done | sort -un
}

require_node() { # node kb
  [[ -d $NODE_DIR/node$1 ]] || die "$EXIT_ERROR" "NUMA node $1 does not exist (nodes: $(cd "$NODE_DIR" 2>/dev/null && ls -d node[0-9]* 2>/dev/null | tr '\n' ' '))"
  [[ -f $(node_file "$1" "$2") ]] || die "$EXIT_ERROR" "NUMA node $1 has no $(kb_to_label "$2") pool ($(node_file "$1" "$2") does not exist)"
}

node_prev() { # node kb -> recorded prev or nothing
  [[ -f $NODE_STATE ]] || return 0
  awk -F'\t' -v n="$1" -v kb="$2" '$1 == n && $2 == kb { print $3 }' "$NODE_STATE"
}

node_record() { # node kb prev
  mkdir -p -- "$STATE_DIR"
  { [[ -f $NODE_STATE ]] && awk -F'\t' -v n="$1" -v kb="$2" '!($1 == n && $2 == kb)' "$NODE_STATE"
    printf '%s\t%s\t%s\n' "$1" "$2" "$3"; } >"$NODE_STATE.new"
  mv -f -- "$NODE_STATE.new" "$NODE_STATE"
}

# Writes a node's nr_hugepages and prints what the kernel set.
set_node_nr() { # node kb count
  local file
  file=$(node_file "$1" "$2")
  { printf '%s\n' "$3" >"$file"; } 2>/dev/null || die "$EXIT_ERROR" "cannot write $3 to $file"
  cat "$file"
}

# Gives every recorded node pool of KB its previous size back; fails if one is kept.
release_nodes() { # kb
  local kb=$1 node k prev got left=0
  [[ -f $NODE_STATE ]] || return 0
  while IFS=$'\t' read -r node k prev; do
    [[ $k == "$kb" ]] || continue
    got=$(set_node_nr "$node" "$kb" "$prev")
    if ((got != prev)); then
      left=1
      warn "node $node kept $got $(kb_to_label "$kb") pages (asked for $prev; in use?)"
      continue
    fi
    msg "node $node: $(kb_to_label "$kb") nr_hugepages back to $prev"
    awk -F'\t' -v n="$node" -v kb="$kb" '!($1 == n && $2 == kb)' "$NODE_STATE" >"$NODE_STATE.new"
    mv -f -- "$NODE_STATE.new" "$NODE_STATE"
  done < <(cat "$NODE_STATE")
  [[ -s $NODE_STATE ]] || rm -f -- "$NODE_STATE"
  return "$left"
}

# Large pages need physically contiguous memory; compaction often recovers enough of it.
compact_memory() {
  { echo 1 >/proc/sys/vm/compact_memory; } 2>/dev/null || true
}

# ---------------------------------------------------------------- mounts

# Prints "dir<TAB>pagesize_kb" for every hugetlbfs mount.
hugetlbfs_mounts() {
  local default_kb _dev dir fstype opts _rest opt kb opt_list
  default_kb=$(default_size_kb)
  while read -r _dev dir fstype opts _rest; do
    [[ $fstype == hugetlbfs ]] || continue
    kb=$default_kb
    IFS=, read -ra opt_list <<<"$opts"
    for opt in "${opt_list[@]}"; do
      if [[ $opt == pagesize=* ]]; then
        kb=$(option_size_to_kb "${opt#pagesize=}") || kb=$default_kb
      fi
    done
    # /proc/mounts escapes blanks and backslashes as octal (\040); %b decodes them.
    printf '%b\t%s\n' "$dir" "$kb"
  done </proc/mounts
}

# Prints "fstype<TAB>pagesize_kb" of the topmost mount at DIR (pagesize_kb is 0 unless
# hugetlbfs), or nothing when DIR is not a mount point.
mount_entry() { # dir
  local want=$1 _dev dir fstype _opts _rest found=""
  while read -r _dev dir fstype _opts _rest; do
    if [[ $(printf '%b' "$dir") == "$want" ]]; then found=$fstype; fi
  done </proc/mounts
  [[ -n $found ]] || return 0
  if [[ $found == hugetlbfs ]]; then
    local mdir mkb
    while IFS=$'\t' read -r mdir mkb; do
      if [[ $mdir == "$want" ]]; then found=$'hugetlbfs\t'$mkb; fi
    done < <(hugetlbfs_mounts)
    echo "$found"
  else
    printf '%s\t0\n' "$found"
  fi
}

# Canonical absolute mount directory, or a usage error.
normalize_mount_dir() { # dir
  local dir=$1
  [[ $dir == /* ]] || usage_error "mount directory '$dir' must be an absolute path"
  [[ $dir != *[$'\t\n']* ]] || usage_error "mount directory must not contain tabs or newlines"
  realpath -m -- "$dir"
}

# Fails unless DIR is free to mount on, or already holds a hugetlbfs of the wanted size.
check_mount_target() { # dir kb
  local dir=$1 kb=$2 entry fstype mkb
  entry=$(mount_entry "$dir")
  if [[ -n $entry ]]; then
    IFS=$'\t' read -r fstype mkb <<<"$entry"
    [[ $fstype == hugetlbfs ]] ||
      die "$EXIT_ERROR" "$dir is already a mount point of type $fstype; choose another --mount"
    ((mkb == kb)) ||
      die "$EXIT_ERROR" "$dir is already a hugetlbfs mount with pagesize $(kb_to_label "$mkb"), not $(kb_to_label "$kb")"
  elif [[ -e $dir && ! -d $dir ]]; then
    die "$EXIT_ERROR" "$dir exists and is not a directory"
  fi
}

# Mounts hugetlbfs at DIR unless it is already there; sets DID_MOUNT and DID_MKDIR.
ensure_mount() { # dir kb
  local dir=$1 kb=$2 label
  label=$(kb_to_label "$kb")
  DID_MOUNT=0
  DID_MKDIR=0
  if [[ -n $(mount_entry "$dir") ]]; then
    msg "hugetlbfs already mounted at $dir (pagesize=$label)"
    return 0
  fi
  if [[ ! -d $dir ]]; then
    mkdir -p -- "$dir"
    DID_MKDIR=1
  fi
  if ! mount -t hugetlbfs -o "pagesize=$label" nodev "$dir"; then
    ((DID_MKDIR == 0)) || rmdir -- "$dir" 2>/dev/null || true
    die "$EXIT_ERROR" "mount -t hugetlbfs -o pagesize=$label nodev $dir failed"
  fi
  DID_MOUNT=1
  [[ $(mount_entry "$dir") == $'hugetlbfs\t'"$kb" ]] ||
    die "$EXIT_ERROR" "mounted $dir but /proc/mounts does not show a hugetlbfs with pagesize=$label"
  msg "mounted hugetlbfs at $dir (pagesize=$label)"
}

# Prints "pid(comm)" of processes that map files under DIR.
mount_users() { # dir
  local dir=$1 maps pid comm users=()
  for maps in /proc/[0-9]*/maps; do
    pid=${maps#/proc/}
    pid=${pid%/maps}
    # maps lines end with " <path>"; the leading blank anchors the match.
    if grep -qsF -- " $dir/" "$maps"; then
      comm=$(cat "/proc/$pid/comm" 2>/dev/null) || comm='?'
      users+=("pid $pid ($comm)")
    fi
  done
  echo "${users[*]}"
}

# DPDK names its backing files <file-prefix>map_<n> (rtemap_0 with the default prefix).
# They outlive the DPDK process and keep their pages allocated until deleted.
remove_dpdk_files() { # dir
  local dir=$1 file count=0
  for file in "$dir"/*map_[0-9]*; do
    [[ -f $file ]] || continue
    rm -f -- "$file"
    count=$((count + 1))
  done
  ((count == 0)) || msg "removed $count DPDK hugepage file(s) from $dir"
}

# Every path under a hugetlbfs mount that some process maps, one a line.
mapped_hugetlbfs_files() {
  local dirs
  dirs=$(hugetlbfs_mounts | cut -f1)
  [[ -n $dirs ]] || return 0
  cat /proc/[0-9]*/maps 2>/dev/null | awk '{ print $6 }' | grep -F -f <(sed 's:$:/:' <<<"$dirs") | sort -u || true
}

# DPDK files in hugetlbfs mounts reserve did not make (a crashed or killed DPDK process leaves them,
# and they hold their pages until deleted): removed unless a running process still maps them.
clean_foreign_mounts() { # dirs to skip (ours), one a line
  local skip=$1 dir _kb file mapped count
  mapped=$(mapped_hugetlbfs_files)
  while IFS=$'\t' read -r dir _kb; do
    [[ -n $dir ]] || continue
    grep -qxF -- "$dir" <<<"$skip" && continue
    count=0
    for file in "$dir"/*map_[0-9]*; do
      [[ -f $file ]] || continue
      if grep -qxF -- "$file" <<<"$mapped"; then
        msg "keeping $file (mapped by a running process)"
        continue
      fi
      rm -f -- "$file"
      count=$((count + 1))
    done
    ((count == 0)) || msg "removed $count DPDK hugepage file(s) left in $dir (not mounted by $PROG)"
  done < <(hugetlbfs_mounts)
}

# ---------------------------------------------------------------- state

# One tab-separated record per page size; the mount dir is last as it may contain blanks.
state_records() {
  [[ -f $STATE_FILE ]] || return 0
  grep -v '^#' "$STATE_FILE" || true
}

# Sets R_LABEL R_PREV R_REQUESTED R_MOUNTED R_CREATED R_MOUNT for KB; fails if absent.
state_lookup() { # kb
  local label kb prev requested mounted created mnt
  while IFS=$'\t' read -r label kb prev requested mounted created mnt; do
    if [[ $kb == "$1" ]]; then
      R_LABEL=$label R_PREV=$prev R_REQUESTED=$requested
      R_MOUNTED=$mounted R_CREATED=$created R_MOUNT=$mnt
      return 0
    fi
  done < <(state_records)
  return 1
}

state_kbs() { state_records | cut -f2; }

# Rewrites the state file atomically with KB's record replaced by RECORD (or dropped).
state_rewrite() { # kb [record]
  local kb=$1 record=${2:-} tmp
  mkdir -p -- "$STATE_DIR"
  tmp=$(mktemp "$STATE_DIR/state.XXXXXX")
  {
    echo "$STATE_HEADER"
    state_records | awk -F'\t' -v kb="$kb" '$2 != kb'
    [[ -z $record ]] || echo "$record"
  } >"$tmp"
  chmod 644 "$tmp"
  if ! grep -qv '^#' "$tmp"; then
    rm -f -- "$tmp" "$STATE_FILE"
  else
    mv -f -- "$tmp" "$STATE_FILE"
  fi
}

state_store() { # kb prev requested mounted_by_us dir_created mount
  local kb=$1
  state_rewrite "$kb" "$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s' "$(kb_to_label "$kb")" "$@")"
}

state_remove() { state_rewrite "$1"; }

take_lock() {
  mkdir -p -- "$STATE_DIR"
  exec 9>"$STATE_DIR/lock"
  flock -w 30 9 || die "$EXIT_ERROR" "another $PROG is still running (lock $STATE_DIR/lock)"
}

# ---------------------------------------------------------------- commands

cmd_reserve() {
  local count="" size=2M mount_opt="" nodes_opt=""
  while (($#)); do
    case $1 in
      -h | --help) usage; exit 0 ;;
      --size) (($# >= 2)) || usage_error "--size needs a value (2M or 1G)"; size=$2; shift ;;
      --size=*) size=${1#--size=} ;;
      --mount) (($# >= 2)) || usage_error "--mount needs a directory"; mount_opt=$2; shift ;;
      --mount=*) mount_opt=${1#--mount=} ;;
      --node) (($# >= 2)) || usage_error "--node needs node numbers (e.g. 0 or 0,1)"; nodes_opt=$2; shift ;;
      --node=*) nodes_opt=${1#--node=} ;;
      -[0-9]*) usage_error "bad page count '$1' (expected a positive integer)" ;;
      -*) usage_error "unknown option '$1' for reserve" ;;
      *) [[ -z $count ]] || usage_error "unexpected argument '$1'"; count=$1 ;;
    esac
    shift
  done
  [[ -n $count ]] || usage_error "reserve needs a page count N"
  [[ $count =~ ^[1-9][0-9]{0,8}$ ]] || usage_error "bad page count '$count' (expected a positive integer)"
  local kb label
  kb=$(parse_size "$size") || usage_error "bad page size '$size' (expected 2M or 1G)"
  label=$(kb_to_label "$kb")
  [[ -z $mount_opt ]] || mount_opt=$(normalize_mount_dir "$mount_opt")
  local nodes="" node
  [[ -z $nodes_opt ]] || nodes=$(parse_nodes "$nodes_opt")

  require_root
  require_supported "$kb"
  for node in $nodes; do require_node "$node" "$kb"; done
  take_lock

  local prev mounted=0 created=0 mnt
  if state_lookup "$kb"; then
    [[ -z $mount_opt || $mount_opt == "$R_MOUNT" ]] ||
      die "$EXIT_ERROR" "the $label reservation already uses $R_MOUNT; run '$PROG release --size $label' before using $mount_opt"
    prev=$R_PREV mounted=$R_MOUNTED created=$R_CREATED mnt=$R_MOUNT
  else
    prev=$(read_counter "$kb" nr_hugepages)
    mnt=${mount_opt:-/mnt/huge-$label}
  fi
  check_mount_target "$mnt" "$kb"

  # Never shrink below what the pool held before mpdp touched it: those pages are someone else's.
  local target=$((count > prev ? count : prev)) before got
  before=$(read_counter "$kb" nr_hugepages)
  # Record first, so that release can undo even a reserve that fails half-way.
  state_store "$kb" "$prev" "$count" "$mounted" "$created" "$mnt"
  if [[ -n $nodes ]]; then
    reserve_nodes "$kb" "$count" "$nodes"
    got=$target
  else
    got=$(set_nr_hugepages "$kb" "$target")
    if ((got < target)); then
      compact_memory
      got=$(set_nr_hugepages "$kb" "$target")
    fi
  fi

  ensure_mount "$mnt" "$kb"
  ((DID_MOUNT == 0)) || mounted=1
  ((DID_MKDIR == 0)) || created=1
  state_store "$kb" "$prev" "$count" "$mounted" "$created" "$mnt"

  if ((got < target)); then
    die "$EXIT_SHORTFALL" "asked the kernel for $target $label pages but got only $got (not enough free or contiguous memory, e.g. fragmentation); keeping the $got pages and $mnt; run '$PROG release --size $label' to undo"
  fi
  local free
  free=$(read_counter "$kb" free_hugepages)
  msg "reserved $label pages: nr_hugepages $before -> $got ($free free), hugetlbfs at $mnt"
  ((free >= count)) || warn "only $free of the $count requested $label pages are free; others are in use"
}

# N pages of KB on each node (never fewer than the node had); dies with EXIT_SHORTFALL when one falls short.
reserve_nodes() { # kb count nodes
  local kb=$1 count=$2 node prev target got short=""
  for node in $3; do
    prev=$(node_prev "$node" "$kb")
    if [[ -z $prev ]]; then
      prev=$(cat "$(node_file "$node" "$kb")")
      node_record "$node" "$kb" "$prev"
    fi
    target=$((count > prev ? count : prev))
    got=$(set_node_nr "$node" "$kb" "$target")
    if ((got < target)); then
      compact_memory
      got=$(set_node_nr "$node" "$kb" "$target")
    fi
    msg "node $node: $(kb_to_label "$kb") nr_hugepages $prev -> $got"
    ((got >= target)) || short+=" node $node: $got of $target;"
  done
  [[ -z $short ]] || die "$EXIT_SHORTFALL" "the kernel gave fewer $(kb_to_label "$kb") pages than asked:$short keeping them; run '$PROG release' to undo"
}

# Prints tab-separated "label kb total free reserved surplus" per supported size.
pool_rows() {
  local kb
  for kb in $(supported_kbs); do
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(kb_to_label "$kb")" "$kb" \
      "$(read_counter "$kb" nr_hugepages)" "$(read_counter "$kb" free_hugepages)" \
      "$(read_counter "$kb" resv_hugepages)" "$(read_counter "$kb" surplus_hugepages)"
  done
}

status_text() {
  local label kb total free resv surp dir hugetlb_kb
  hugetlb_kb=$(awk '$1 == "Hugetlb:" { print $2 }' /proc/meminfo)
  msg "page sizes (default $(kb_to_label "$(default_size_kb)"), ${hugetlb_kb:-0} kB held by hugepage pools)"
  printf '  %-6s %8s %8s %9s %8s\n' SIZE TOTAL FREE RESERVED SURPLUS
  while IFS=$'\t' read -r label kb total free resv surp; do
    printf '  %-6s %8s %8s %9s %8s\n' "$label" "$total" "$free" "$resv" "$surp"
  done < <(pool_rows)

  local nd k
  for nd in "$NODE_DIR"/node[0-9]*; do
    [[ -d $nd/hugepages ]] || continue
    for k in $(supported_kbs); do
      [[ -f $nd/hugepages/hugepages-${k}kB/nr_hugepages ]] || continue
      printf '  %-6s %8s %8s           node %s\n' "$(kb_to_label "$k")" "$(cat "$nd/hugepages/hugepages-${k}kB/nr_hugepages")" \
        "$(cat "$nd/hugepages/hugepages-${k}kB/free_hugepages")" "${nd##*/node}"
    done
  done

  msg "hugetlbfs mounts"
  local mounts
  mounts=$(hugetlbfs_mounts)
  [[ -n $mounts ]] || echo "  none"
  while IFS=$'\t' read -r dir kb; do
    if [[ -n $dir ]]; then printf '  %s (pagesize %s)\n' "$dir" "$(kb_to_label "$kb")"; fi
  done <<<"$mounts"

  msg "mpdp reservation ($STATE_FILE)"
  local kbs
  kbs=$(state_kbs)
  [[ -n $kbs ]] || echo "  none recorded"
  for kb in $kbs; do
    state_lookup "$kb"
    local how="already mounted before reserve"
    ((R_MOUNTED == 0)) || how="mounted by mpdp"
    printf '  %s: %s pages requested, nr_hugepages before reserve %s, mount %s (%s)\n' \
      "$R_LABEL" "$R_REQUESTED" "$R_PREV" "$R_MOUNT" "$how"
  done
}

json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/\\t}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}

json_bool() { if (($1)); then printf true; else printf false; fi; }

# Joins stdin lines with commas.
json_join() { paste -sd, -; }

status_json() {
  local label kb total free resv surp dir sizes mounts reservation="null" hugetlb_kb
  sizes=$(pool_rows | while IFS=$'\t' read -r label kb total free resv surp; do
    printf '{"size":"%s","kb":%s,"total":%s,"free":%s,"reserved":%s,"surplus":%s}\n' \
      "$label" "$kb" "$total" "$free" "$resv" "$surp"
  done | json_join)
  mounts=$(hugetlbfs_mounts | while IFS=$'\t' read -r dir kb; do
    printf '{"dir":%s,"pagesize":"%s","kb":%s}\n' "$(json_string "$dir")" "$(kb_to_label "$kb")" "$kb"
  done | json_join)
  local kbs records=()
  kbs=$(state_kbs)
  if [[ -n $kbs ]]; then
    for kb in $kbs; do
      state_lookup "$kb"
      records+=("$(printf '{"size":"%s","kb":%s,"requested":%s,"previous_nr_hugepages":%s,"mount":%s,"mounted_by_us":%s,"dir_created":%s}' \
        "$R_LABEL" "$kb" "$R_REQUESTED" "$R_PREV" "$(json_string "$R_MOUNT")" \
        "$(json_bool "$R_MOUNTED")" "$(json_bool "$R_CREATED")")")
    done
    reservation=$(printf '{"state_file":%s,"reservations":[%s]}' \
      "$(json_string "$STATE_FILE")" "$(IFS=,; echo "${records[*]}")")
  fi
  hugetlb_kb=$(awk '$1 == "Hugetlb:" { print $2 }' /proc/meminfo)
  printf '{"default_size":"%s","hugetlb_kb":%s,"sizes":[%s],"mounts":[%s],"mpdp_reservation":%s}\n' \
    "$(kb_to_label "$(default_size_kb)")" "${hugetlb_kb:-0}" "$sizes" "$mounts" "$reservation"
}

cmd_status() {
  local json=0
  while (($#)); do
    case $1 in
      -h | --help) usage; exit 0 ;;
      --json) json=1 ;;
      *) usage_error "unknown argument '$1' for status" ;;
    esac
    shift
  done
  if ((json)); then status_json; else status_text; fi
}

# Unmounts a mount that reserve created, after checking nobody uses it.
unmount_ours() { # dir dir_created
  local dir=$1 created=$2 entry users
  entry=$(mount_entry "$dir")
  if [[ $entry != hugetlbfs* ]]; then
    msg "$dir is no longer a hugetlbfs mount; nothing to unmount"
  else
    users=$(mount_users "$dir")
    [[ -z $users ]] ||
      die "$EXIT_ERROR" "$dir is still in use by $users; stop those processes and run release again"
    remove_dpdk_files "$dir"
    umount -- "$dir" || die "$EXIT_ERROR" "umount $dir failed"
    msg "unmounted $dir"
  fi
  if ((created)) && [[ -d $dir ]] && [[ -z $(mount_entry "$dir") ]]; then
    rmdir -- "$dir" 2>/dev/null || warn "could not remove directory $dir (not empty?)"
  fi
}

release_size() { # kb
  local kb=$1 label now got
  state_lookup "$kb"
  label=$R_LABEL
  if ((R_MOUNTED)); then
    unmount_ours "$R_MOUNT" "$R_CREATED"
  else
    msg "leaving $R_MOUNT mounted (it was mounted before reserve)"
  fi
  release_nodes "$kb" || die "$EXIT_SHORTFALL" "some node pools kept their pages; run release again once they are freed"
  now=$(read_counter "$kb" nr_hugepages)
  got=$(set_nr_hugepages "$kb" "$R_PREV")
  if ((got != R_PREV)); then
    # Keep the record (mount already handled) so that a later release can finish the job.
    state_store "$kb" "$R_PREV" "$R_REQUESTED" 0 0 "$R_MOUNT"
    die "$EXIT_SHORTFALL" "could not restore $label nr_hugepages to $R_PREV (kernel kept $got; pages still in use?); run release again once they are freed"
  fi
  state_remove "$kb"
  msg "released $label pages: nr_hugepages $now -> $got"
}

cmd_release() {
  local size="" kb=""
  while (($#)); do
    case $1 in
      -h | --help) usage; exit 0 ;;
      --size) (($# >= 2)) || usage_error "--size needs a value (2M or 1G)"; size=$2; shift ;;
      --size=*) size=${1#--size=} ;;
      *) usage_error "unknown argument '$1' for release" ;;
    esac
    shift
  done
  if [[ -n $size ]]; then
    kb=$(parse_size "$size") || usage_error "bad page size '$size' (expected 2M or 1G)"
  fi
  require_root
  take_lock

  local kbs ours="" k
  if [[ -n $kb ]]; then
    kbs=$(state_kbs | grep -x -- "$kb" || true)
  else
    kbs=$(state_kbs)
  fi
  # Mounts reserve made are cleaned (and unmounted) by release_size; the others are cleaned here.
  for k in $(state_kbs); do
    state_lookup "$k"
    ((R_MOUNTED == 0)) || ours+="$R_MOUNT"$'\n'
  done
  clean_foreign_mounts "$ours"
  if [[ -z $kbs ]]; then
    msg "nothing to release${kb:+ for $(kb_to_label "$kb")}"
    return 0
  fi
  for kb in $kbs; do
    release_size "$kb"
  done
}

# ---------------------------------------------------------------- boot

cmd_boot() {
  (($#)) || usage_error "boot what? (install N, remove, cmdline N)"
  local what=$1
  shift
  case $what in
    install) boot_install "$@" ;;
    remove) boot_remove "$@" ;;
    cmdline) boot_cmdline "$@" ;;
    *) usage_error "unknown boot command '$what' (install, remove, cmdline)" ;;
  esac
}

# Checks reserve's arguments without reserving: the unit must not fail at every boot on a typo.
check_reserve_args() {
  local a prev="" count=""
  for a in "$@"; do
    case $prev in
      --size) parse_size "$a" >/dev/null || usage_error "bad page size '$a' (expected 2M or 1G)" ;;
      --mount) normalize_mount_dir "$a" >/dev/null ;;
      --node) parse_nodes "$a" >/dev/null ;;
      "") case $a in
            --size | --mount | --node) ;;
            -*) usage_error "unknown option '$a' for boot install" ;;
            *) count=$a ;;
          esac ;;
    esac
    if [[ -z $prev && ($a == --size || $a == --mount || $a == --node) ]]; then prev=$a; else prev=""; fi
  done
  [[ $count =~ ^[1-9][0-9]{0,8}$ ]] || usage_error "boot install needs a page count N"
}

boot_install() {
  check_reserve_args "$@"
  require_root
  local self unit=$UNIT_DIR/$UNIT_NAME args="" a
  self=$(realpath -- "${BASH_SOURCE[0]}")
  for a in "$@"; do args+=" $(printf '%q' "$a")"; done
  mkdir -p -- "$UNIT_DIR"
  cat >"$unit.new" <<UNIT
# Written by '$PROG boot install$args'; '$PROG boot remove' takes it away.
[Unit]
Description=Hugepages for mpdp (DPDK)
DefaultDependencies=no
After=local-fs.target
Before=mpdp.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=$self reserve$args
ExecStop=$self release

[Install]
WantedBy=multi-user.target
UNIT
  mv -f -- "$unit.new" "$unit"
  msg "wrote $unit (reserve$args at boot, release at shutdown)"
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    systemctl daemon-reload && systemctl enable "$UNIT_NAME" >/dev/null 2>&1 &&
      msg "enabled $UNIT_NAME (start it now with: systemctl start $UNIT_NAME)" ||
      warn "could not enable $UNIT_NAME; run: systemctl enable $UNIT_NAME"
  else
    msg "systemd is not running here: enable it later with: systemctl enable $UNIT_NAME"
  fi
}

boot_remove() {
  (($# == 0)) || usage_error "boot remove takes no arguments"
  require_root
  local unit=$UNIT_DIR/$UNIT_NAME
  if [[ ! -e $unit ]]; then
    msg "no $unit; nothing to remove"
    return 0
  fi
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    systemctl disable "$UNIT_NAME" >/dev/null 2>&1 || true
  fi
  rm -f -- "$unit"
  [[ -d /run/systemd/system ]] && systemctl daemon-reload 2>/dev/null || true
  msg "removed $unit (pages reserved now stay until '$PROG release')"
}

boot_cmdline() {
  local count="" size=2M nodes_opt="" kb label nodes n spec=""
  while (($#)); do
    case $1 in
      --size) (($# >= 2)) || usage_error "--size needs a value (2M or 1G)"; size=$2; shift ;;
      --size=*) size=${1#--size=} ;;
      --node) (($# >= 2)) || usage_error "--node needs node numbers"; nodes_opt=$2; shift ;;
      --node=*) nodes_opt=${1#--node=} ;;
      -*) usage_error "unknown option '$1' for boot cmdline" ;;
      *) count=$1 ;;
    esac
    shift
  done
  [[ $count =~ ^[1-9][0-9]{0,8}$ ]] || usage_error "boot cmdline needs a page count N"
  kb=$(parse_size "$size") || usage_error "bad page size '$size' (expected 2M or 1G)"
  label=$(kb_to_label "$kb")
  if [[ -n $nodes_opt ]]; then
    nodes=$(parse_nodes "$nodes_opt")
    for n in $nodes; do spec+="${spec:+,}$n:$count"; done
  else
    spec=$count
  fi
  cat <<ADVICE
Kernel command line for $count $label pages${nodes_opt:+ on each of nodes $nodes_opt} at boot:

  default_hugepagesz=$label hugepagesz=$label hugepages=$spec

The kernel reserves them before memory fragments (1G pages can rarely be had later).${nodes_opt:+
The node:count form of hugepages= needs Linux 5.16 or newer.}
On Debian: add it to GRUB_CMDLINE_LINUX in /etc/default/grub, run update-grub, reboot.
The pages then need only a mount: $PROG reserve $count --size $label${nodes_opt:+ --node $nodes_opt}
(finds them already there), or an fstab line: nodev /mnt/huge-$label hugetlbfs pagesize=$label 0 0
ADVICE
}

main() {
  (($#)) || usage_error "missing command (reserve, status, release or boot)"
  local command=$1
  shift
  case $command in
    -h | --help | help) usage ;;
    reserve) cmd_reserve "$@" ;;
    status) cmd_status "$@" ;;
    release) cmd_release "$@" ;;
    boot) cmd_boot "$@" ;;
    *) usage_error "unknown command '$command'" ;;
  esac
}

main "$@"
