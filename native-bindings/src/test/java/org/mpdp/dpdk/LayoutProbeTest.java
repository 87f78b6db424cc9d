package org.mpdp.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dpdk.ffi.dpdk_h;
import org.mpdp.dpdk.ffi.rte_eth_conf;
import org.mpdp.dpdk.ffi.rte_eth_dev_info;
import org.mpdp.dpdk.ffi.rte_eth_link;
import org.mpdp.dpdk.ffi.rte_eth_rss_conf;
import org.mpdp.dpdk.ffi.rte_eth_rxmode;
import org.mpdp.dpdk.ffi.rte_eth_stats;
import org.mpdp.dpdk.ffi.rte_eth_txmode;
import org.mpdp.dpdk.ffi.rte_eth_xstat;
import org.mpdp.dpdk.ffi.rte_eth_xstat_name;
import org.mpdp.dpdk.ffi.rte_ether_addr;
import org.mpdp.dpdk.ffi.rte_mbuf;

/**
 * Compiles src/test/c/layout_probe.c with gcc against the installed DPDK headers and checks that every
 * struct size, field offset, bit-field position and constant the Java side uses agrees with C.
 * Every Java value listed here must have a probe line and every probe line a Java value.
 */
final class LayoutProbeTest
{
    private static final Map<String, Long> PROBE = new LinkedHashMap<>();

    /**
     * Parses the probe's "name value" lines.
     *
     * @param output what the probe printed.
     * @return name to value, in order.
     */
    static Map<String, Long> parse(final String output)
    {
        final Map<String, Long> probe = new LinkedHashMap<>();
        for (final String line : output.split("\n"))
        {
            final String[] kv = line.trim().split(" ");
            probe.put(kv[0], Long.parseLong(kv[1]));
        }
        return probe;
    }

    @BeforeAll
    static void runProbe(@TempDir final Path dir) throws IOException, InterruptedException
    {
        final Path source = Path.of("src/test/c/layout_probe.c").toAbsolutePath();
        final Path binary = dir.resolve("layout_probe");
        final String cflags = run(List.of("pkg-config", "--cflags", "libdpdk")).trim();
        final List<String> gcc = new ArrayList<>(List.of("gcc", "-O0", "-Wall", "-Werror"));
        gcc.addAll(List.of(cflags.split("\\s+")));
        // librte_telemetry: the probe measures telemetry rules no header states (see telemetry_rules in the probe).
        gcc.addAll(List.of("-o", binary.toString(), source.toString(), "-lrte_telemetry"));
        run(gcc);
        PROBE.putAll(parse(run(List.of(binary.toString()))));
    }

    private static String run(final List<String> command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0)
        {
            fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + out);
        }
        return out;
    }

    /**
     * What the Java side assumes for a DPDK release: the ABI-dependent structs (rte_eth_dev_info,
     * rte_eth_conf, rte_eth_rss_conf) through their {@code layout(release)}, the rest as compiled.
     */
    static Map<String, Long> javaSide(final int release)
    {
        final Map<String, Long> j = new LinkedHashMap<>();
        j.put("version.RTE_VER_YEAR", (long)(release / 100));
        j.put("version.RTE_VER_MONTH", (long)(release % 100));

        j.put("sizeof.rte_mbuf", rte_mbuf.sizeof());
        j.put("offsetof.rte_mbuf.buf_addr", rte_mbuf.buf_addr$offset());
        j.put("offsetof.rte_mbuf.data_off", rte_mbuf.data_off$offset());
        j.put("offsetof.rte_mbuf.refcnt", rte_mbuf.refcnt$offset());
        j.put("offsetof.rte_mbuf.nb_segs", rte_mbuf.nb_segs$offset());
        j.put("offsetof.rte_mbuf.port", rte_mbuf.port$offset());
        j.put("offsetof.rte_mbuf.ol_flags", rte_mbuf.ol_flags$offset());
        j.put("offsetof.rte_mbuf.packet_type", rte_mbuf.packet_type$offset());
        j.put("offsetof.rte_mbuf.pkt_len", rte_mbuf.pkt_len$offset());
        j.put("offsetof.rte_mbuf.data_len", rte_mbuf.data_len$offset());
        j.put("offsetof.rte_mbuf.vlan_tci", rte_mbuf.vlan_tci$offset());
        j.put("offsetof.rte_mbuf.hash", rte_mbuf.hash$offset());
        j.put("offsetof.rte_mbuf.buf_len", rte_mbuf.buf_len$offset());
        j.put("offsetof.rte_mbuf.pool", rte_mbuf.pool$offset());
        j.put("offsetof.rte_mbuf.next", rte_mbuf.next$offset());

        j.put("sizeof.rte_eth_stats", rte_eth_stats.sizeof());
        j.put("offsetof.rte_eth_stats.ipackets", rte_eth_stats.ipackets$offset());
        j.put("offsetof.rte_eth_stats.opackets", rte_eth_stats.opackets$offset());
        j.put("offsetof.rte_eth_stats.ibytes", rte_eth_stats.ibytes$offset());
        j.put("offsetof.rte_eth_stats.obytes", rte_eth_stats.obytes$offset());
        j.put("offsetof.rte_eth_stats.imissed", rte_eth_stats.imissed$offset());
        j.put("offsetof.rte_eth_stats.ierrors", rte_eth_stats.ierrors$offset());
        j.put("offsetof.rte_eth_stats.oerrors", rte_eth_stats.oerrors$offset());
        j.put("offsetof.rte_eth_stats.rx_nombuf", rte_eth_stats.rx_nombuf$offset());
        j.put("offsetof.rte_eth_stats.q_ipackets", rte_eth_stats.q_ipackets$offset());
        j.put("offsetof.rte_eth_stats.q_opackets", rte_eth_stats.q_opackets$offset());
        j.put("offsetof.rte_eth_stats.q_ibytes", rte_eth_stats.q_ibytes$offset());
        j.put("offsetof.rte_eth_stats.q_obytes", rte_eth_stats.q_obytes$offset());
        j.put("offsetof.rte_eth_stats.q_errors", rte_eth_stats.q_errors$offset());

        j.put("sizeof.rte_eth_link", rte_eth_link.sizeof());
        j.put("offsetof.rte_eth_link.link_speed", rte_eth_link.link_speed$offset());
        j.put("bit.rte_eth_link.link_duplex", (long)LinkBits.DUPLEX_MASK);
        j.put("bit.rte_eth_link.link_autoneg", (long)LinkBits.AUTONEG_MASK);
        j.put("bit.rte_eth_link.link_status", (long)LinkBits.STATUS_MASK);

        j.put("sizeof.rte_eth_dev_info", rte_eth_dev_info.layout(release).byteSize());
        j.put("offsetof.rte_eth_dev_info.driver_name", offset(rte_eth_dev_info.layout(release), "driver_name"));
        j.put("offsetof.rte_eth_dev_info.if_index", offset(rte_eth_dev_info.layout(release), "if_index"));
        j.put("offsetof.rte_eth_dev_info.min_mtu", offset(rte_eth_dev_info.layout(release), "min_mtu"));
        j.put("offsetof.rte_eth_dev_info.max_mtu", offset(rte_eth_dev_info.layout(release), "max_mtu"));
        j.put("offsetof.rte_eth_dev_info.max_rx_pktlen", offset(rte_eth_dev_info.layout(release), "max_rx_pktlen"));
        j.put("offsetof.rte_eth_dev_info.max_rx_queues", offset(rte_eth_dev_info.layout(release), "max_rx_queues"));
        j.put("offsetof.rte_eth_dev_info.max_tx_queues", offset(rte_eth_dev_info.layout(release), "max_tx_queues"));
        j.put("offsetof.rte_eth_dev_info.rx_offload_capa", offset(rte_eth_dev_info.layout(release), "rx_offload_capa"));
        j.put("offsetof.rte_eth_dev_info.tx_offload_capa", offset(rte_eth_dev_info.layout(release), "tx_offload_capa"));
        j.put("offsetof.rte_eth_dev_info.reta_size", offset(rte_eth_dev_info.layout(release), "reta_size"));
        j.put("offsetof.rte_eth_dev_info.hash_key_size", offset(rte_eth_dev_info.layout(release), "hash_key_size"));
        j.put("offsetof.rte_eth_dev_info.flow_type_rss_offloads", offset(rte_eth_dev_info.layout(release), "flow_type_rss_offloads"));
        j.put("offsetof.rte_eth_dev_info.nb_rx_queues", offset(rte_eth_dev_info.layout(release), "nb_rx_queues"));
        j.put("offsetof.rte_eth_dev_info.nb_tx_queues", offset(rte_eth_dev_info.layout(release), "nb_tx_queues"));

        j.put("sizeof.rte_eth_conf", rte_eth_conf.layout(release).byteSize());
        j.put("offsetof.rte_eth_conf.link_speeds", offset(rte_eth_conf.layout(release), "link_speeds"));
        j.put("offsetof.rte_eth_conf.rxmode", offset(rte_eth_conf.layout(release), "rxmode"));
        j.put("offsetof.rte_eth_conf.txmode", offset(rte_eth_conf.layout(release), "txmode"));
        j.put("offsetof.rte_eth_conf.rx_adv_conf", offset(rte_eth_conf.layout(release), "rss_conf"));
        j.put("sizeof.rte_eth_rxmode", rte_eth_rxmode.sizeof());
        j.put("offsetof.rte_eth_rxmode.mq_mode", rte_eth_rxmode.mq_mode$offset());
        j.put("offsetof.rte_eth_rxmode.mtu", rte_eth_rxmode.mtu$offset());
        j.put("offsetof.rte_eth_rxmode.offloads", rte_eth_rxmode.offloads$offset());
        j.put("sizeof.rte_eth_txmode", rte_eth_txmode.sizeof());
        j.put("offsetof.rte_eth_txmode.mq_mode", rte_eth_txmode.mq_mode$offset());
        j.put("offsetof.rte_eth_txmode.offloads", rte_eth_txmode.offloads$offset());
        j.put("sizeof.rte_eth_rss_conf", rte_eth_rss_conf.layout(release).byteSize());
        j.put("offsetof.rte_eth_rss_conf.rss_key", offset(rte_eth_rss_conf.layout(release), "rss_key"));
        j.put("offsetof.rte_eth_rss_conf.rss_key_len", offset(rte_eth_rss_conf.layout(release), "rss_key_len"));
        j.put("offsetof.rte_eth_rss_conf.rss_hf", offset(rte_eth_rss_conf.layout(release), "rss_hf"));

        j.put("sizeof.rte_eth_xstat", rte_eth_xstat.sizeof());
        j.put("offsetof.rte_eth_xstat.id", rte_eth_xstat.id$offset());
        j.put("offsetof.rte_eth_xstat.value", rte_eth_xstat.value$offset());
        j.put("sizeof.rte_eth_xstat_name", rte_eth_xstat_name.sizeof());
        j.put("offsetof.rte_eth_xstat_name.name", rte_eth_xstat_name.name$offset());
        j.put("sizeof.rte_ether_addr", rte_ether_addr.sizeof());

        j.put("const.RTE_PKTMBUF_HEADROOM", (long)dpdk_h.RTE_PKTMBUF_HEADROOM());
        j.put("const.RTE_MBUF_DEFAULT_BUF_SIZE", (long)dpdk_h.RTE_MBUF_DEFAULT_BUF_SIZE());
        j.put("const.RTE_MAX_ETHPORTS", (long)dpdk_h.RTE_MAX_ETHPORTS());
        j.put("const.RTE_MAX_LCORE", (long)dpdk_h.RTE_MAX_LCORE());
        j.put("const.RTE_ETHDEV_QUEUE_STAT_CNTRS", (long)dpdk_h.RTE_ETHDEV_QUEUE_STAT_CNTRS());
        j.put("const.RTE_ETH_XSTATS_NAME_SIZE", (long)dpdk_h.RTE_ETH_XSTATS_NAME_SIZE());
        j.put("const.RTE_ETH_NAME_MAX_LEN", (long)dpdk_h.RTE_ETH_NAME_MAX_LEN());
        j.put("const.RTE_MEMPOOL_CACHE_MAX_SIZE", (long)dpdk_h.RTE_MEMPOOL_CACHE_MAX_SIZE());
        j.put("const.SOCKET_ID_ANY", (long)dpdk_h.SOCKET_ID_ANY());
        // uint32_t in C, an int holding the same 32 bits in Java.
        j.put("const.LCORE_ID_ANY", Integer.toUnsignedLong(dpdk_h.LCORE_ID_ANY()));
        j.put("const.RTE_ETH_MQ_RX_NONE", (long)dpdk_h.RTE_ETH_MQ_RX_NONE());
        j.put("const.RTE_ETH_MQ_RX_RSS", (long)dpdk_h.RTE_ETH_MQ_RX_RSS());
        j.put("const.RTE_ETH_MQ_TX_NONE", (long)dpdk_h.RTE_ETH_MQ_TX_NONE());
        j.put("const.RTE_ETH_RSS_IP", dpdk_h.RTE_ETH_RSS_IP());
        j.put("const.RTE_ETH_RSS_TCP", dpdk_h.RTE_ETH_RSS_TCP());
        j.put("const.RTE_ETH_RSS_UDP", dpdk_h.RTE_ETH_RSS_UDP());
        j.put("const.RTE_ETH_LINK_UP", (long)dpdk_h.RTE_ETH_LINK_UP());
        j.put("const.RTE_ETH_LINK_DOWN", (long)dpdk_h.RTE_ETH_LINK_DOWN());
        j.put("const.RTE_ETH_LINK_FULL_DUPLEX", (long)dpdk_h.RTE_ETH_LINK_FULL_DUPLEX());
        j.put("const.RTE_ETH_SPEED_NUM_NONE", (long)dpdk_h.RTE_ETH_SPEED_NUM_NONE());
        j.put("const.RING_F_SP_ENQ", (long)dpdk_h.RING_F_SP_ENQ());
        j.put("const.RING_F_SC_DEQ", (long)dpdk_h.RING_F_SC_DEQ());
        j.put("const.RTE_PROC_PRIMARY", (long)dpdk_h.RTE_PROC_PRIMARY());
        j.put("const.RTE_MAX_NUMA_NODES", (long)dpdk_h.RTE_MAX_NUMA_NODES());
        j.put("const.E_RTE_NO_CONFIG", (long)dpdk_h.E_RTE_NO_CONFIG());
        j.put("const.E_RTE_SECONDARY", (long)dpdk_h.E_RTE_SECONDARY());
        j.put("const.RTE_TEL_MAX_STRING_LEN", (long)dpdk_h.RTE_TEL_MAX_STRING_LEN());
        j.put("const.RTE_TEL_MAX_SINGLE_STRING_LEN", (long)dpdk_h.RTE_TEL_MAX_SINGLE_STRING_LEN());
        j.put("const.RTE_TEL_MAX_DICT_ENTRIES", (long)dpdk_h.RTE_TEL_MAX_DICT_ENTRIES());
        j.put("const.RTE_TEL_MAX_ARRAY_ENTRIES", (long)dpdk_h.RTE_TEL_MAX_ARRAY_ENTRIES());
        j.put("const.RTE_TEL_STRING_VAL", (long)dpdk_h.RTE_TEL_STRING_VAL());
        j.put("const.RTE_TEL_INT_VAL", (long)dpdk_h.RTE_TEL_INT_VAL());
        j.put("const.RTE_TEL_U64_VAL", (long)dpdk_h.RTE_TEL_U64_VAL());
        j.put("const.RTE_TEL_CONTAINER", (long)dpdk_h.RTE_TEL_CONTAINER());
        telemetryRules(j);
        return j;
    }

    private static long offset(final java.lang.foreign.GroupLayout layout, final String field)
    {
        return layout.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement(field));
    }

    /** What Telemetry and its callers assume about rte_telemetry, measured by calling the library. */
    private static void telemetryRules(final Map<String, Long> j)
    {
        j.put("tel.key.max_length", (long)Telemetry.MAX_KEY_LENGTH);
        j.put("tel.key.truncated_rc", (long)Telemetry.E2BIG);
        j.put("tel.key.dash_rc", (long)-Telemetry.EINVAL);
        j.put("tel.key.dot_rc", (long)-Telemetry.EINVAL);
        j.put("tel.key.space_rc", (long)-Telemetry.EINVAL);
        j.put("tel.key.allowed_rc", "azAZ09_/".chars().allMatch(Telemetry::isNameChar) ? 0L : -1L);
        j.put("tel.dict.max_entries", (long)Telemetry.MAX_DICT_ENTRIES);
        j.put("tel.dict.full_rc", (long)-Telemetry.ENOSPC);
        j.put("tel.command.max_length", (long)Telemetry.MAX_COMMAND_LENGTH);
        j.put("tel.command.dash_rc", (long)-Telemetry.EINVAL);
        j.put("tel.command.no_slash_rc", (long)-Telemetry.EINVAL);
        j.put("tel.help.max_length", (long)Telemetry.MAX_HELP_LENGTH);
    }

    @Test
    void shouldMatchEveryProbedLayoutAndConstant()
    {
        assertAgree(PROBE, javaSide(DpdkAbi.current().release()));
    }

    @Test
    void shouldUseTheLayoutsOfTheReleaseTheShimWasBuiltFor()
    {
        assertEquals(PROBE.get("version.RTE_VER_YEAR") * 100 + PROBE.get("version.RTE_VER_MONTH"),
            DpdkAbi.current().release());
        final int release = DpdkAbi.current().release();
        assertEquals(rte_eth_dev_info.layout(release), rte_eth_dev_info.layout());
        assertEquals(rte_eth_conf.layout(release), rte_eth_conf.layout());
        assertEquals(rte_eth_rss_conf.layout(release), rte_eth_rss_conf.layout());
        assertEquals(offset(rte_eth_dev_info.layout(release), "max_rx_queues"), rte_eth_dev_info.max_rx_queues$offset());
        assertEquals(offset(rte_eth_dev_info.layout(release), "max_rx_pktlen"), rte_eth_dev_info.max_rx_pktlen$offset());
        assertTrue(DpdkAbi.isSupported(release));
    }

    /**
     * Fails listing every key where C and Java disagree, or that only one side has.
     *
     * @param probe the probe's lines.
     * @param java  the Java side's values.
     */
    static void assertAgree(final Map<String, Long> probe, final Map<String, Long> java)
    {
        final List<String> wrong = new ArrayList<>();
        for (final Map.Entry<String, Long> e : java.entrySet())
        {
            final Long c = probe.get(e.getKey());
            if (c == null)
            {
                wrong.add(e.getKey() + ": no probe line");
            }
            else if (!c.equals(e.getValue()))
            {
                wrong.add(e.getKey() + ": C=" + c + " Java=" + e.getValue());
            }
        }
        for (final String key : probe.keySet())
        {
            if (!java.containsKey(key))
            {
                wrong.add(key + ": probed but not checked against Java");
            }
        }
        assertTrue(wrong.isEmpty(), "C and Java disagree:\n" + String.join("\n", wrong));
        assertEquals(java.size(), probe.size());
    }

    @Test
    void shouldHaveStructLayoutsThatFitTheirCSizes()
    {
        // The FFM layouts themselves (not only the offset constants) must span exactly the C size.
        assertEquals(PROBE.get("sizeof.rte_mbuf"), rte_mbuf.layout().byteSize());
        assertEquals(64, rte_mbuf.layout().byteAlignment());
        assertEquals(PROBE.get("sizeof.rte_eth_conf"), rte_eth_conf.layout().byteSize());
        assertEquals(PROBE.get("sizeof.rte_eth_dev_info"), rte_eth_dev_info.layout().byteSize());
        assertEquals(PROBE.get("sizeof.rte_eth_stats"), rte_eth_stats.layout().byteSize());
    }
}
