/* The headers jextract reads to regenerate org.mpdp.dpdk.ffi.dpdk_h (see native-bindings/jextract.sh). */
#include <rte_config.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_dev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_eth_ring.h>
#include <rte_telemetry.h>
