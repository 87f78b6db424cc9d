/*
 * mpdp_shim: exported wrappers for the DPDK calls that are static inline in the headers and so
 * have no symbol for the FFM linker to find (the poll-mode fast path, mbuf alloc/free, rte_errno).
 *
 * Why a shim and not rte_eth_fp_ops: the fp_ops table layout and the queue-data indirection are
 * internal (rte_ethdev_core.h says "not part of the public API") and the inline burst functions
 * also run the RX/TX callbacks and debug checks; a one-line exported wrapper keeps exactly DPDK's
 * own semantics and costs one direct call, measured by FastPathBenchmark.
 *
 * Each wrapper is the inline function with nothing added. Built by native-bindings/pom.xml with
 * gcc against `pkg-config libdpdk`, and linked with --no-as-needed so that loading this one
 * library brings in every DPDK library the Java bindings look symbols up in.
 */
#include <stdint.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_version.h>
#include "mpdp_shim.h"

uint16_t mpdp_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
{
    return rte_eth_rx_burst(port_id, queue_id, rx_pkts, nb_pkts);
}

uint16_t mpdp_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
    return rte_eth_tx_burst(port_id, queue_id, tx_pkts, nb_pkts);
}

/* Frees pkts[from, to): the unsent tail after a partial tx burst, in one call. */
void mpdp_pktmbuf_free_range(struct rte_mbuf **pkts, uint16_t from, uint16_t to)
{
    if (from < to)
        rte_pktmbuf_free_bulk(pkts + from, to - from);
}

void mpdp_pktmbuf_free(struct rte_mbuf *m)
{
    rte_pktmbuf_free(m);
}

struct rte_mbuf *mpdp_pktmbuf_alloc(struct rte_mempool *mp)
{
    return rte_pktmbuf_alloc(mp);
}

int mpdp_pktmbuf_alloc_bulk(struct rte_mempool *mp, struct rte_mbuf **mbufs, unsigned int count)
{
    return rte_pktmbuf_alloc_bulk(mp, mbufs, count);
}

/* Appends len bytes of room to a single-segment mbuf; returns the start of the room or NULL. */
char *mpdp_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
{
    return rte_pktmbuf_append(m, len);
}

int mpdp_errno(void)
{
    return rte_errno;
}

unsigned int mpdp_lcore_id(void)
{
    return rte_lcore_id();
}

uint64_t mpdp_rdtsc(void)
{
    return rte_rdtsc();
}

/* TSC ticks per second, as measured by EAL at rte_eal_init (0 before EAL has started). */
uint64_t mpdp_tsc_hz(void)
{
    return rte_get_tsc_hz();
}

/* Empty function: the baseline cost of one FFM downcall, for FastPathBenchmark. */
void mpdp_noop(void)
{
}

/* The directory rte_eal_init loads driver plugins from unless told otherwise (-d): the EAL's
 * compiled-in default, from the same rte_build_config.h the DPDK libraries were built with. */
const char *mpdp_pmd_dir(void)
{
#ifdef RTE_EAL_PMD_PATH
    return RTE_EAL_PMD_PATH;
#else
    return "";
#endif
}

/* The DPDK release the shim was compiled against, as YYMM (2211 for 22.11): the ABI it links to. */
int mpdp_dpdk_release(void)
{
    return RTE_VER_YEAR * 100 + RTE_VER_MONTH;
}
