/* Declarations of mpdp_shim.c, for jextract (org.mpdp.dpdk.ffi.shim_h). */
#include <stdint.h>
struct rte_mbuf;
struct rte_mempool;
uint16_t mpdp_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
uint16_t mpdp_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
void mpdp_pktmbuf_free_range(struct rte_mbuf **pkts, uint16_t from, uint16_t to);
void mpdp_pktmbuf_free(struct rte_mbuf *m);
struct rte_mbuf *mpdp_pktmbuf_alloc(struct rte_mempool *mp);
int mpdp_pktmbuf_alloc_bulk(struct rte_mempool *mp, struct rte_mbuf **mbufs, unsigned int count);
char *mpdp_pktmbuf_append(struct rte_mbuf *m, uint16_t len);
int mpdp_errno(void);
unsigned int mpdp_lcore_id(void);
uint64_t mpdp_rdtsc(void);
uint64_t mpdp_tsc_hz(void);
void mpdp_noop(void);
const char *mpdp_pmd_dir(void);
int mpdp_dpdk_release(void);
