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
/* mpdp_sha256.c: HMAC-SHA256 from midstates on SHA-NI; call only when mpdp_sha_ni() returns 1. */
int mpdp_sha_ni(void);
int mpdp_hmac_sha256_u64(const uint32_t *midstates, uint32_t offset, uint64_t message, uint32_t *out, uint32_t out_offset);
int mpdp_hmac_sha256(const uint32_t *midstates, uint32_t offset, const uint8_t *message, uint32_t length, uint32_t *out, uint32_t out_offset);
void mpdp_hmac_sha256_u64_batch(const uint32_t *midstates, const int32_t *offsets, const uint64_t *messages, uint32_t count, uint32_t *out);
void mpdp_sha256_midstates(uint64_t key1, uint64_t key2, uint32_t *midstates, uint32_t offset);
void mpdp_sha256_u64(uint64_t message, uint32_t *out, uint32_t out_offset);
