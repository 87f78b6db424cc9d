package org.mpdp.dataplane.testing;

import org.mpdp.dataplane.wire.Mptcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads captures with Wireshark's MPTCP dissector, an oracle independent of mpdp: runs
 * <pre>
 * tshark -r FILE -n -o mptcp.analyze_mptcp:TRUE -o mptcp.analyze_mappings:TRUE -T fields
 *        -E header=n -E separator=RS -E occurrence=a -E aggregator=US -e FIELD ...
 * </pre>
 * and returns one {@link Frame} per frame: field name to every value the frame has for it, in
 * dissection order. With {@code occurrence=a} a packet carrying two MPTCP options (Linux puts e.g.
 * MP_PRIO or ADD_ADDR next to a DSS, and MP_FASTCLOSE next to MP_TCPRST) lists both subtypes, and each
 * field lists the values of the options that have it: the lists are not aligned with
 * {@code tcp.options.mptcp.subtype} (a DSS has no backup flag, so an MP_PRIO+DSS packet has two subtypes
 * and one backup flag). The separators are ASCII RS (0x1e) and US (0x1f), which no value contains.
 * <p>
 * Field names are tshark 4.0's ({@code tshark -G fields | grep -i mptcp}). Its DSS dissector never shows
 * {@code tcp.options.mptcp.checksum}: it checks {@code optlen >= offset + 4} where {@code + 2} was meant, so
 * a DSS checksum is visible only through the option's length ({@link Frame#mptcpOptionLengths()}).
 */
public final class Tshark
{
    /** MPTCP option subtypes (RFC 8684 section 7, IANA "MPTCP Option Subtypes"). */
    public static final int MP_CAPABLE = Mptcp.MP_CAPABLE;
    /** Join a connection. */
    public static final int MP_JOIN = Mptcp.MP_JOIN;
    /** Data Sequence Signal: mapping, DATA_ACK, DATA_FIN. */
    public static final int DSS = Mptcp.DSS;
    /** Announce an address. */
    public static final int ADD_ADDR = Mptcp.ADD_ADDR;
    /** Withdraw an address. */
    public static final int REMOVE_ADDR = Mptcp.REMOVE_ADDR;
    /** Change a subflow's priority. */
    public static final int MP_PRIO = Mptcp.MP_PRIO;
    /** Fall back. */
    public static final int MP_FAIL = Mptcp.MP_FAIL;
    /** Close the connection abruptly. */
    public static final int MP_FASTCLOSE = Mptcp.MP_FASTCLOSE;
    /** Reset a subflow with a reason. */
    public static final int MP_TCPRST = Mptcp.MP_TCPRST;

    /** TCP option kind of MPTCP. */
    public static final int TCPOPT_MPTCP = Mptcp.OPTION_KIND;

    /** Every field {@link #read(Path, String...)} asks for. */
    public static final List<String> FIELDS = List.of(
        "frame.number",
        "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.flags", "tcp.len", "tcp.seq", "tcp.ack",
        // All options' kinds, and the lengths of those that have one (not EOL 0 and NOP 1).
        "tcp.option_kind", "tcp.option_len",
        "tcp.options.mptcp.subtype", "tcp.options.mptcp.version", "tcp.options.mptcp.flags",
        "tcp.options.mptcp.checksumreq.flags", "tcp.options.mptcp.extensibility.flag",
        "tcp.options.mptcp.nomoresubflows.flag", "tcp.options.mptcp.sha256.flag",
        "tcp.options.mptcp.backup.flag",
        "tcp.options.mptcp.datafin.flag", "tcp.options.mptcp.dseqn8.flag", "tcp.options.mptcp.dseqnpresent.flag",
        "tcp.options.mptcp.dataack8.flag", "tcp.options.mptcp.dataackpresent.flag",
        "tcp.options.mptcp.flag_T.flag", "tcp.options.mptcp.rst_reason",
        "tcp.options.mptcp.sendkey", "tcp.options.mptcp.recvkey", "tcp.options.mptcp.recvtok",
        "tcp.options.mptcp.sendrand", "tcp.options.mptcp.sendtrunchmac", "tcp.options.mptcp.sendhmac",
        "tcp.options.mptcp.addrid", "tcp.options.mptcp.ipver", "tcp.options.mptcp.echo",
        "tcp.options.mptcp.ipv4", "tcp.options.mptcp.ipv6", "tcp.options.mptcp.port",
        "tcp.options.mptcp.addaddrtrunchmac",
        "tcp.options.mptcp.rawdataack", "tcp.options.mptcp.rawdataseqno", "tcp.options.mptcp.subflowseqno",
        "tcp.options.mptcp.datalvllen", "tcp.options.mptcp.checksum",
        "mptcp.stream", "mptcp.master", "mptcp.expected_token", "mptcp.expected_idsn",
        "mptcp.dsn", "mptcp.dss.dsn", "mptcp.ack", "mptcp.analysis.subflows",
        "mptcp.rm_addr.count", "mptcp.related_mapping", "mptcp.reinjection_of", "mptcp.reinjected_in");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SEPARATOR = "\u001e";
    private static final String AGGREGATOR = "\u001f";

    private Tshark()
    {
    }

    /**
     * @param port a TCP port.
     * @return options making tshark show that port's payload as plain data, not guess a protocol
     *     (e.g. port 5000 is dissected as RSL and marked malformed).
     */
    public static List<String> decodeAsData(final int port)
    {
        return List.of("-d", "tcp.port==" + port + ",data");
    }

    /**
     * Reads {@link #FIELDS} of every frame with the MPTCP analysis on.
     *
     * @param pcap    capture file.
     * @param options more tshark options, e.g. {@link #decodeAsData(int)}.
     * @return one entry per frame, in file order.
     * @throws IllegalStateException when tshark fails or its output does not parse.
     */
    public static List<Frame> read(final Path pcap, final String... options)
    {
        return read(pcap, FIELDS, List.of(options));
    }

    /**
     * @param pcap    capture file.
     * @param fields  fields to extract.
     * @param options more tshark options.
     * @return one entry per frame, in file order.
     * @throws IllegalStateException when tshark fails or its output does not parse.
     */
    public static List<Frame> read(final Path pcap, final List<String> fields, final List<String> options)
    {
        final List<String> command = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-n",
            "-o", "mptcp.analyze_mptcp:TRUE", "-o", "mptcp.analyze_mappings:TRUE"));
        command.addAll(options);
        command.addAll(List.of("-T", "fields", "-E", "header=n", "-E", "separator=" + SEPARATOR, "-E", "occurrence=a",
            "-E", "aggregator=" + AGGREGATOR));
        for (final String field : fields)
        {
            command.add("-e");
            command.add(field);
        }
        final Cmd.Result result = Cmd.run(TIMEOUT, Map.of(), command).ok();
        return parse(result.stdout(), fields, pcap.toString());
    }

    /**
     * Parses {@code -T fields} output made with this class's separators.
     *
     * @param output what tshark printed.
     * @param fields the fields, in the order given with -e.
     * @param what   names the source in error messages.
     * @return one entry per line.
     */
    static List<Frame> parse(final String output, final List<String> fields, final String what)
    {
        final List<Frame> frames = new ArrayList<>();
        int lineNo = 0;
        for (final String line : output.split("\n"))
        {
            lineNo++;
            if (line.isEmpty())
            {
                continue;
            }
            final String[] columns = line.split(SEPARATOR, -1);
            if (columns.length != fields.size())
            {
                throw new IllegalStateException(what + ": tshark line " + lineNo + " has " + columns.length +
                    " columns, not " + fields.size() + ": " + line.replace(SEPARATOR, "|").replace(AGGREGATOR, ";"));
            }
            final Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++)
            {
                if (!columns[i].isEmpty())
                {
                    values.put(fields.get(i), List.of(columns[i].split(AGGREGATOR, -1)));
                }
            }
            frames.add(new Frame(values));
        }
        return List.copyOf(frames);
    }

    /**
     * One frame as tshark read it.
     *
     * @param fields field name to its values; fields the frame lacks are absent.
     */
    public record Frame(Map<String, List<String>> fields)
    {
        /**
         * @param field name.
         * @return its values, empty when absent.
         */
        public List<String> values(final String field)
        {
            return fields.getOrDefault(field, List.of());
        }

        /**
         * @param field name.
         * @return whether the frame has it.
         */
        public boolean has(final String field)
        {
            return fields.containsKey(field);
        }

        /**
         * @param field name.
         * @return its first value, or null.
         */
        public String first(final String field)
        {
            final List<String> values = values(field);
            return values.isEmpty() ? null : values.get(0);
        }

        /**
         * @param field name of a numeric field (decimal, or hex with 0x).
         * @return its values as numbers (unsigned 64-bit values wrap to negative longs).
         */
        public List<Long> longs(final String field)
        {
            return values(field).stream().map(Frame::parseLong).toList();
        }

        /**
         * @param field name of a numeric field.
         * @param absent what to return when the frame lacks it.
         * @return its first value as a number.
         */
        public long firstLong(final String field, final long absent)
        {
            final String value = first(field);
            return value == null ? absent : parseLong(value);
        }

        private static long parseLong(final String value)
        {
            if (value.startsWith("0x"))
            {
                return Long.parseUnsignedLong(value.substring(2), 16);
            }
            return Long.parseUnsignedLong(value);
        }

        /**
         * @return frame number, from 1.
         */
        public int number()
        {
            return (int)firstLong("frame.number", -1);
        }

        /**
         * @return IPv4 or IPv6 source address, or null.
         */
        public String source()
        {
            return has("ip.src") ? first("ip.src") : first("ipv6.src");
        }

        /**
         * @return IPv4 or IPv6 destination address, or null.
         */
        public String destination()
        {
            return has("ip.dst") ? first("ip.dst") : first("ipv6.dst");
        }

        /**
         * @return TCP source port, or -1.
         */
        public int sourcePort()
        {
            return (int)firstLong("tcp.srcport", -1);
        }

        /**
         * @return TCP destination port, or -1.
         */
        public int destinationPort()
        {
            return (int)firstLong("tcp.dstport", -1);
        }

        /**
         * @return tshark's TCP conversation index (one per subflow), or -1.
         */
        public int tcpStream()
        {
            return (int)firstLong("tcp.stream", -1);
        }

        /**
         * @return tshark's MPTCP connection index, or -1.
         */
        public int mptcpStream()
        {
            return (int)firstLong("mptcp.stream", -1);
        }

        /**
         * @return TCP flags (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10), 0 when not TCP.
         */
        public int tcpFlags()
        {
            return (int)firstLong("tcp.flags", 0);
        }

        /**
         * @return SYN without ACK.
         */
        public boolean syn()
        {
            return (tcpFlags() & 0x12) == 0x02;
        }

        /**
         * @return SYN with ACK.
         */
        public boolean synAck()
        {
            return (tcpFlags() & 0x12) == 0x12;
        }

        /**
         * @return ACK without SYN.
         */
        public boolean ackOnly()
        {
            return (tcpFlags() & 0x12) == 0x10;
        }

        /**
         * @return RST set.
         */
        public boolean rst()
        {
            return (tcpFlags() & 0x04) != 0;
        }

        /**
         * @return FIN set.
         */
        public boolean fin()
        {
            return (tcpFlags() & 0x01) != 0;
        }

        /**
         * @return the subtypes of the frame's MPTCP options, in option order.
         */
        public List<Integer> subtypes()
        {
            return values("tcp.options.mptcp.subtype").stream().map(Integer::parseInt).toList();
        }

        /**
         * @param subtype e.g. {@link #DSS}.
         * @return whether an MPTCP option of that subtype is in the frame.
         */
        public boolean hasSubtype(final int subtype)
        {
            return subtypes().contains(subtype);
        }

        /**
         * Pairs {@code tcp.option_kind} with {@code tcp.option_len} (EOL and NOP have no length).
         *
         * @return the lengths of the frame's MPTCP options, in option order, aligned with {@link #subtypes()}.
         */
        public List<Integer> mptcpOptionLengths()
        {
            final List<Long> kinds = longs("tcp.option_kind");
            final List<Long> lengths = longs("tcp.option_len");
            final List<Integer> mptcp = new ArrayList<>();
            int next = 0;
            for (final long kind : kinds)
            {
                if (kind == 0 || kind == 1)
                {
                    continue;
                }
                if (next >= lengths.size())
                {
                    throw new IllegalStateException("frame " + number() + ": more options than lengths: " + fields);
                }
                final int length = (int)(long)lengths.get(next++);
                if (kind == TCPOPT_MPTCP)
                {
                    mptcp.add(length);
                }
            }
            return mptcp;
        }

        /**
         * @param subtype an MPTCP subtype.
         * @return length of the frame's first MPTCP option of that subtype, or -1.
         */
        public int mptcpOptionLength(final int subtype)
        {
            final int index = subtypes().indexOf(subtype);
            final List<Integer> lengths = mptcpOptionLengths();
            return index < 0 || index >= lengths.size() ? -1 : lengths.get(index);
        }
    }
}
