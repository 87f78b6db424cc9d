/*
 * Layout probe: prints every struct size, field offset and constant the Java bindings rely on,
 * as "name value" lines, compiled against the installed DPDK headers. LayoutProbeTest compares
 * each line with the Java side, so a DPDK upgrade that moves a field fails the build instead of
 * corrupting memory.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_version.h>
#include <rte_telemetry.h>

/*
 * 24.11 deprecates rte_tel_data_add_dict_u64 for rte_tel_data_add_dict_uint (not in 22.11); it still
 * exports it (DPDK_25), and the probe measures the call the Java side makes.
 */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define SIZE(t) printf("sizeof.%s %zu\n", #t, sizeof(struct t))
#define OFF(t, f) printf("offsetof.%s.%s %zu\n", #t, #f, offsetof(struct t, f))
#define CONST(c) printf("const.%s %lld\n", #c, (long long)(c))

/* Bit-field members have no offsetof: report the 16-bit word at `byte` with only that member set. */
#define LINKBIT(f)                                                       \
    do {                                                                 \
        struct rte_eth_link l;                                           \
        uint16_t w;                                                      \
        memset(&l, 0, sizeof(l));                                        \
        l.f = 1;                                                         \
        memcpy(&w, (const char *)&l + sizeof(uint32_t), sizeof(w));      \
        printf("bit.rte_eth_link.%s %u\n", #f, (unsigned)w);             \
    } while (0)

/*
 * Telemetry rules the Java side relies on that no header states as a constant: measured by calling the
 * library (rte_tel_data_* need no EAL; rte_telemetry_register_cmd only appends to its list).
 */
static int tel_cb(const char *cmd, const char *params, struct rte_tel_data *d)
{
    (void)cmd;
    (void)params;
    return rte_tel_data_start_dict(d);
}

static int longest_accepted_key(struct rte_tel_data *d)
{
    char name[512];
    int longest = -1;
    for (int n = 1; n < (int)sizeof(name); n++)
    {
        memset(name, 'k', (size_t)n);
        name[n] = 0;
        rte_tel_data_start_dict(d);
        if (rte_tel_data_add_dict_u64(d, name, 1) == 0)
            longest = n;
    }
    return longest;
}

static int longest_accepted(int (*try)(int))
{
    int longest = -1;
    for (int n = 2; n < 512; n++)
        if (try(n) == 0)
            longest = n;
    return longest;
}

static int try_command(int n)
{
    char cmd[512];
    cmd[0] = '/';
    memset(cmd + 1, 'c', (size_t)n - 1);
    cmd[n] = 0;
    return rte_telemetry_register_cmd(cmd, tel_cb, "probe");
}

static int try_help(int n)
{
    char help[512];
    memset(help, 'h', (size_t)n);
    help[n] = 0;
    return rte_telemetry_register_cmd("/probe/help", tel_cb, help);
}

static void telemetry_rules(void)
{
    struct rte_tel_data *d = rte_tel_data_alloc();
    char name[32];
    char key[RTE_TEL_MAX_STRING_LEN + 1];
    int entries = 0;
    printf("tel.key.max_length %d\n", longest_accepted_key(d));
    rte_tel_data_start_dict(d);
    memset(key, 'k', RTE_TEL_MAX_STRING_LEN);
    key[RTE_TEL_MAX_STRING_LEN] = 0;
    printf("tel.key.truncated_rc %d\n", rte_tel_data_add_dict_u64(d, key, 1));
    printf("tel.key.dash_rc %d\n", rte_tel_data_add_dict_u64(d, "a-b", 1));
    printf("tel.key.dot_rc %d\n", rte_tel_data_add_dict_u64(d, "a.b", 1));
    printf("tel.key.space_rc %d\n", rte_tel_data_add_dict_u64(d, "a b", 1));
    printf("tel.key.allowed_rc %d\n", rte_tel_data_add_dict_u64(d, "azAZ09_/", 1));
    rte_tel_data_start_dict(d);
    for (;;)
    {
        snprintf(name, sizeof(name), "k%d", entries);
        if (rte_tel_data_add_dict_u64(d, name, (uint64_t)entries) != 0)
            break;
        entries++;
    }
    printf("tel.dict.max_entries %d\n", entries);
    printf("tel.dict.full_rc %d\n", rte_tel_data_add_dict_u64(d, "more", 1));
    rte_tel_data_free(d);
    printf("tel.command.max_length %d\n", longest_accepted(try_command));
    printf("tel.command.dash_rc %d\n", rte_telemetry_register_cmd("/probe/a-b", tel_cb, "probe"));
    printf("tel.command.no_slash_rc %d\n", rte_telemetry_register_cmd("probe", tel_cb, "probe"));
    printf("tel.help.max_length %d\n", longest_accepted(try_help));
}

int main(void)
{
    printf("version.RTE_VER_YEAR %d\n", RTE_VER_YEAR);
    printf("version.RTE_VER_MONTH %d\n", RTE_VER_MONTH);

    SIZE(rte_mbuf);
    OFF(rte_mbuf, buf_addr);
    OFF(rte_mbuf, data_off);
    OFF(rte_mbuf, refcnt);
    OFF(rte_mbuf, nb_segs);
    OFF(rte_mbuf, port);
    OFF(rte_mbuf, ol_flags);
    OFF(rte_mbuf, packet_type);
    OFF(rte_mbuf, pkt_len);
    OFF(rte_mbuf, data_len);
    OFF(rte_mbuf, vlan_tci);
    OFF(rte_mbuf, hash);
    OFF(rte_mbuf, buf_len);
    OFF(rte_mbuf, pool);
    OFF(rte_mbuf, next);

    SIZE(rte_eth_stats);
    OFF(rte_eth_stats, ipackets);
    OFF(rte_eth_stats, opackets);
    OFF(rte_eth_stats, ibytes);
    OFF(rte_eth_stats, obytes);
    OFF(rte_eth_stats, imissed);
    OFF(rte_eth_stats, ierrors);
    OFF(rte_eth_stats, oerrors);
    OFF(rte_eth_stats, rx_nombuf);
    OFF(rte_eth_stats, q_ipackets);
    OFF(rte_eth_stats, q_opackets);
    OFF(rte_eth_stats, q_ibytes);
    OFF(rte_eth_stats, q_obytes);
    OFF(rte_eth_stats, q_errors);

    SIZE(rte_eth_link);
    OFF(rte_eth_link, link_speed);
    LINKBIT(link_duplex);
    LINKBIT(link_autoneg);
    LINKBIT(link_status);

    SIZE(rte_eth_dev_info);
    OFF(rte_eth_dev_info, driver_name);
    OFF(rte_eth_dev_info, if_index);
    OFF(rte_eth_dev_info, min_mtu);
    OFF(rte_eth_dev_info, max_mtu);
    OFF(rte_eth_dev_info, max_rx_pktlen);
    OFF(rte_eth_dev_info, max_rx_queues);
    OFF(rte_eth_dev_info, max_tx_queues);
    OFF(rte_eth_dev_info, rx_offload_capa);
    OFF(rte_eth_dev_info, tx_offload_capa);
    OFF(rte_eth_dev_info, reta_size);
    OFF(rte_eth_dev_info, hash_key_size);
    OFF(rte_eth_dev_info, flow_type_rss_offloads);
    OFF(rte_eth_dev_info, nb_rx_queues);
    OFF(rte_eth_dev_info, nb_tx_queues);

    SIZE(rte_eth_conf);
    OFF(rte_eth_conf, link_speeds);
    OFF(rte_eth_conf, rxmode);
    OFF(rte_eth_conf, txmode);
    OFF(rte_eth_conf, rx_adv_conf);
    SIZE(rte_eth_rxmode);
    OFF(rte_eth_rxmode, mq_mode);
    OFF(rte_eth_rxmode, mtu);
    OFF(rte_eth_rxmode, offloads);
    SIZE(rte_eth_txmode);
    OFF(rte_eth_txmode, mq_mode);
    OFF(rte_eth_txmode, offloads);
    SIZE(rte_eth_rss_conf);
    OFF(rte_eth_rss_conf, rss_key);
    OFF(rte_eth_rss_conf, rss_key_len);
    OFF(rte_eth_rss_conf, rss_hf);

    SIZE(rte_eth_xstat);
    OFF(rte_eth_xstat, id);
    OFF(rte_eth_xstat, value);
    SIZE(rte_eth_xstat_name);
    OFF(rte_eth_xstat_name, name);
    SIZE(rte_ether_addr);

    CONST(RTE_PKTMBUF_HEADROOM);
    CONST(RTE_MBUF_DEFAULT_BUF_SIZE);
    CONST(RTE_MAX_ETHPORTS);
    CONST(RTE_MAX_LCORE);
    CONST(RTE_ETHDEV_QUEUE_STAT_CNTRS);
    CONST(RTE_ETH_XSTATS_NAME_SIZE);
    CONST(RTE_ETH_NAME_MAX_LEN);
    CONST(RTE_MEMPOOL_CACHE_MAX_SIZE);
    CONST(SOCKET_ID_ANY);
    CONST(LCORE_ID_ANY);
    CONST(RTE_ETH_MQ_RX_NONE);
    CONST(RTE_ETH_MQ_RX_RSS);
    CONST(RTE_ETH_MQ_TX_NONE);
    CONST(RTE_ETH_RSS_IP);
    CONST(RTE_ETH_RSS_TCP);
    CONST(RTE_ETH_RSS_UDP);
    CONST(RTE_ETH_LINK_UP);
    CONST(RTE_ETH_LINK_DOWN);
    CONST(RTE_ETH_LINK_FULL_DUPLEX);
    CONST(RTE_ETH_SPEED_NUM_NONE);
    CONST(RING_F_SP_ENQ);
    CONST(RING_F_SC_DEQ);
    CONST(RTE_PROC_PRIMARY);
    CONST(RTE_MAX_NUMA_NODES);
    CONST(E_RTE_NO_CONFIG);
    CONST(E_RTE_SECONDARY);
    CONST(RTE_TEL_MAX_STRING_LEN);
    CONST(RTE_TEL_MAX_SINGLE_STRING_LEN);
    CONST(RTE_TEL_MAX_DICT_ENTRIES);
    CONST(RTE_TEL_MAX_ARRAY_ENTRIES);
    CONST(RTE_TEL_STRING_VAL);
    CONST(RTE_TEL_INT_VAL);
    CONST(RTE_TEL_U64_VAL);
    CONST(RTE_TEL_CONTAINER);
    telemetry_rules();
    return 0;
}
