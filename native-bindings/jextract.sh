#!/usr/bin/env bash
# Regenerates org.mpdp.dpdk.ffi (dpdk_h, the struct classes, shim_h) with jextract for JDK 22+.
# jextract is not installable on the project's build machines, so the output is committed; run this
# where jextract is on PATH (https://jdk.java.net/jextract/), then run LayoutProbeTest.
#
# After regenerating, re-apply by hand the two differences from stock output that the committed files
# carry (both are marked in the file headers):
#   - dpdk_h/shim_h look symbols up through NativeLibrary.lookup() (the shim, which links DPDK), in place
#     of jextract's --library lookup: keep NativeLibrary.java;
#   - members mpdp does not read in rte_mbuf, rte_eth_dev_info and rte_eth_conf are padding, and
#     rte_eth_conf exposes rx_adv_conf.rss_conf as "rss_conf"; bit-fields stay padding (see LinkBits).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/src/main/java"
inc=(-I /usr/include/dpdk -I /usr/include/x86_64-linux-gnu/dpdk)
# __rte_experimental symbols (rte_thread_register) need this to be visible without deprecation attributes.
defs=(-D ALLOW_EXPERIMENTAL_API)
mapfile -t filters < <(grep -v '^#' "$here/includes.txt" | grep -v '^$' | tr ' ' '\n')

jextract --output "$out" --target-package org.mpdp.dpdk.ffi --header-class-name dpdk_h \
  "${inc[@]}" "${defs[@]}" "${filters[@]}" \
  "$here/src/main/c/mpdp_dpdk.h"

jextract --output "$out" --target-package org.mpdp.dpdk.ffi --header-class-name shim_h \
  --include-function mpdp_rx_burst --include-function mpdp_tx_burst \
  --include-function mpdp_pktmbuf_free_range --include-function mpdp_pktmbuf_free \
  --include-function mpdp_pktmbuf_alloc --include-function mpdp_pktmbuf_alloc_bulk \
  --include-function mpdp_pktmbuf_append --include-function mpdp_errno \
  --include-function mpdp_lcore_id --include-function mpdp_rdtsc --include-function mpdp_tsc_hz --include-function mpdp_noop \
  --include-function mpdp_sha_ni --include-function mpdp_hmac_sha256_u64 --include-function mpdp_hmac_sha256 \
  --include-function mpdp_hmac_sha256_u64_batch --include-function mpdp_sha256_midstates --include-function mpdp_sha256_u64 \
  "$here/src/main/c/mpdp_shim.h"
