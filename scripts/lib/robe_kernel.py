"""The Linux side of scripts/mpdp robe-experiment: the MPTCP echo server every client talks to, and the
kernel MPTCP client that is the baseline.

  server ADDRESS PORT
      Listens with IPPROTO_MPTCP on ADDRESS:PORT, prints "robe-kernel: listening on ADDRESS:PORT pid PID" on
      stderr once it does (the pid for the signals: a launcher may stand between),
      and echoes every connection (many at once, one selector loop). At the peer's DATA_FIN it records the
      connection's established subflows (MPTCP_TCPINFO) and closes. SIGUSR1 prints one line on stdout and
      starts a new tally:
        robe-kernel server accepted=N closed=N open=N fallback=N subflows=K:COUNT,... aborted=N
      (subflows: how many connections ended with K established subflows). SIGUSR2 closes every connection
      still open and counts it as aborted (the harness's reset between runs: `ss -K` on a subflow leaves
      the MPTCP socket established and never readable, so the server would hold it for ever; a client's
      RST or MP_FASTCLOSE lost under loss leaves the same). SIGTERM ends it.
  connect SERVER PORT PATHS COUNT CONCURRENCY TIMEOUT_S REQUEST_BYTES CSV ADDRESSES [INTERVAL_MS]
      COUNT independent sessions, CONCURRENCY at a time and starts INTERVAL_MS apart (default 0): a non-blocking connect() to SERVER:PORT (the
      kernel picks path 1, its default route), the request written, the echo read and compared, then the
      socket held open until every one of PATHS paths has an established subflow (the path manager's
      joins), and 200 ms more, or TIMEOUT_S since the start; a connect not done within TIMEOUT_S fails. Writes CSV rows in
      mpdp robe connect's format (mode kernel; initial_path: the index of the socket's local address in
      ADDRESSES, the client's addresses by path, comma separated); rsts_sent and syns_sent are not known and stay empty.
      Outcome fallback: connected, but as plain TCP (the kernel dropped MP_CAPABLE after SYN retransmissions).
      Prints "robe connect: N/COUNT done, F failed" on stderr about once a second.

Times are CLOCK_MONOTONIC, from just before connect() to the moment the loop sees the event; the loop polls
subflow state every millisecond while a session waits for joins.
"""

import ctypes
import errno
import os
import selectors
import signal
import socket
import struct
import sys
import time

IPPROTO_MPTCP = 262
SOL_MPTCP = 284
MPTCP_INFO = 1
MPTCP_TCPINFO = 2
MPTCP_INFO_FLAG_FALLBACK = 1
TCP_ESTABLISHED = 1
TCP_INFO_SIZE = 256  # the user's element size; the kernel copies min(its size, this)
MAX_SUBFLOWS = 8
LINGER = 0.2  # seconds a session stays open after its last join

LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.getsockopt.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_void_p,
                            ctypes.POINTER(ctypes.c_uint32)]


def established_subflows(sock):
    """Established subflows of an MPTCP socket (MPTCP_TCPINFO: a struct mptcp_subflow_data header the
    caller fills in, then one tcp_info per subflow; its first byte is tcpi_state), or -1 on a fallback."""
    size = 16 + MAX_SUBFLOWS * TCP_INFO_SIZE
    buf = ctypes.create_string_buffer(size)
    struct.pack_into("IIII", buf, 0, 16, 0, 0, TCP_INFO_SIZE)
    length = ctypes.c_uint32(size)
    if LIBC.getsockopt(sock.fileno(), SOL_MPTCP, MPTCP_TCPINFO, buf, ctypes.byref(length)) != 0:
        err = ctypes.get_errno()
        if err == errno.EOPNOTSUPP:
            return -1
        raise OSError(err, "getsockopt(MPTCP_TCPINFO)")
    _, num, _, size_user = struct.unpack_from("IIII", buf, 0)
    n = 0
    for i in range(min(num, MAX_SUBFLOWS)):
        if buf.raw[16 + i * size_user] == TCP_ESTABLISHED:
            n += 1
    return n


def fallen_back(sock):
    try:
        info = sock.getsockopt(SOL_MPTCP, MPTCP_INFO, 64)
    except OSError as e:
        return e.errno == errno.EOPNOTSUPP
    flags = struct.unpack_from("I", info, 8)[0]
    return bool(flags & MPTCP_INFO_FLAG_FALLBACK)


def server(address, port):
    sel = selectors.DefaultSelector()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((address, port))
    lsock.listen(4096)
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ, None)
    tally = {"accepted": 0, "closed": 0, "fallback": 0, "subflows": {}, "aborted": 0}
    conns = {}
    wanted = {"report": False, "stop": False, "abort": False}
    signal.signal(signal.SIGUSR1, lambda *_: wanted.__setitem__("report", True))
    signal.signal(signal.SIGUSR2, lambda *_: wanted.__setitem__("abort", True))
    signal.signal(signal.SIGTERM, lambda *_: wanted.__setitem__("stop", True))
    print("robe-kernel: listening on %s:%d pid %d" % (address, port, os.getpid()), file=sys.stderr, flush=True)
    while not wanted["stop"]:
        if wanted["abort"]:
            wanted["abort"] = False
            for conn in list(conns):
                sel.unregister(conn)
                del conns[conn]
                conn.close()
                tally["aborted"] += 1
        if wanted["report"]:
            wanted["report"] = False
            sub = ",".join("%d:%d" % kv for kv in sorted(tally["subflows"].items())) or "-"
            print("robe-kernel server accepted=%d closed=%d open=%d fallback=%d subflows=%s aborted=%d"
                  % (tally["accepted"], tally["closed"], len(conns), tally["fallback"], sub, tally["aborted"]),
                  flush=True)
            tally = {"accepted": 0, "closed": 0, "fallback": 0, "subflows": {}, "aborted": 0}
        try:
            events = sel.select(0.2)
        except InterruptedError:
            continue
        for key, _ in events:
            if key.data is None:
                try:
                    conn, _ = lsock.accept()
                except (BlockingIOError, InterruptedError):
                    continue
                conn.setblocking(False)
                conns[conn] = bytearray()
                tally["accepted"] += 1
                sel.register(conn, selectors.EVENT_READ, "conn")
                continue
            conn = key.fileobj
            try:
                data = conn.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if data:
                try:
                    conn.setblocking(True)
                    conn.sendall(data)
                    conn.setblocking(False)
                except OSError:
                    pass
                continue
            # The peer's DATA_FIN: count what the connection had, then close.
            try:
                n = established_subflows(conn)
            except OSError:
                n = 0
            if n < 0:
                tally["fallback"] += 1
            else:
                tally["subflows"][n] = tally["subflows"].get(n, 0) + 1
            tally["closed"] += 1
            sel.unregister(conn)
            del conns[conn]
            conn.close()
    for conn in list(conns):
        conn.close()
    lsock.close()


class Session:
    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.sock = None
        self.start = 0.0
        self.established = None
        self.multipath = None
        self.sent = 0
        self.echo = bytearray()
        self.outcome = None
        self.paths_up = 0
        self.initial_path = ""
        self.fallback = False


def connect(server_addr, port, paths, count, concurrency, timeout, request_bytes, csv_path, path_addresses,
            interval=0.0):
    sel = selectors.DefaultSelector()
    pending = list(range(count))
    active = {}
    rows = []
    failed = 0
    last_progress = time.monotonic()
    origin = None

    def start(i):
        nonlocal origin
        request = bytes((i * 31 + k) & 0xFF for k in range(request_bytes))
        s = Session(i, request)
        s.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
        s.sock.setblocking(False)
        s.start = time.monotonic()
        origin = s.start if origin is None else origin
        rc = s.sock.connect_ex((server_addr, port))
        if rc not in (0, errno.EINPROGRESS):
            s.outcome = "failed"
            finish(s)
            return
        active[s.sock] = s
        sel.register(s.sock, selectors.EVENT_WRITE, s)

    def finish(s):
        nonlocal failed
        if s.sock in active:
            del active[s.sock]
            try:
                sel.unregister(s.sock)
            except (KeyError, ValueError):
                pass
        try:
            s.sock.close()
        except OSError:
            pass
        if s.outcome != "ok" and s.outcome != "fallback":
            failed += 1
        ms = lambda t: "" if t is None else "%.3f" % ((t - s.start) * 1e3)
        rows.append("%d,kernel,%s,%s,%s,%s,%d,%d,,,%.3f" % (s.index, s.outcome, ms(s.established), ms(s.multipath),
                                                            s.initial_path, s.paths_up, len(s.echo),
                                                            (s.start - origin) * 1e3))

    def on_established(s, now):
        s.established = now
        local = s.sock.getsockname()[0]
        s.initial_path = str(path_addresses.index(local)) if local in path_addresses else ""
        s.fallback = fallen_back(s.sock)
        sel.modify(s.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, s)

    last_start = None
    while pending or active:
        # At most `concurrency` at once, and starts at least `interval` s apart (as robe connect --interval).
        while pending and len(active) < concurrency and (
                last_start is None or time.monotonic() - last_start >= interval):
            last_start = time.monotonic()
            start(pending.pop(0))
        events = sel.select(0.001)
        now = time.monotonic()
        for key, mask in events:
            s = key.data
            if s.sock not in active:
                continue
            if s.established is None:
                err = s.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err != 0:
                    s.outcome = "failed"
                    finish(s)
                    continue
                on_established(s, now)
            if mask & selectors.EVENT_WRITE and s.sent < len(s.request):
                try:
                    s.sent += s.sock.send(s.request[s.sent:])
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    s.outcome = "data-error"
                    finish(s)
                    continue
                if s.sent == len(s.request):
                    sel.modify(s.sock, selectors.EVENT_READ, s)
            if mask & selectors.EVENT_READ:
                try:
                    data = s.sock.recv(65536)
                except (BlockingIOError, InterruptedError):
                    data = None
                except OSError:
                    data = b""
                if data == b"":
                    s.outcome = "data-error"
                    finish(s)
                    continue
                if data:
                    s.echo += data
                    if len(s.echo) >= len(s.request):
                        sel.unregister(s.sock)  # nothing more to read; only the joins are awaited
        for s in list(active.values()):
            if s.established is None:
                if now - s.start >= timeout:
                    s.outcome = "failed"
                    finish(s)
                continue
            if s.multipath is None and not s.fallback:
                try:
                    up = established_subflows(s.sock)
                except OSError:
                    up = 0
                s.paths_up = max(s.paths_up, up)
                if up >= paths:
                    s.multipath = now
            elif s.fallback:
                s.paths_up = 1
            echoed = len(s.echo) >= len(s.request)
            # LINGER after the last join: its third ACK (on the slower path) reaches the server before the
            # DATA_FIN does, so the server counts the subflow too.
            joined = s.multipath is not None and now - s.multipath >= LINGER
            if echoed and (joined or s.fallback or now - s.start >= timeout):
                # Again at the end: a connection can also fall back after its handshake (e.g. its first
                # data not acknowledged at the MPTCP level).
                s.fallback = s.fallback or fallen_back(s.sock)
                s.outcome = "fallback" if s.fallback else ("ok" if bytes(s.echo) == s.request else "data-error")
                active.pop(s.sock)
                finish(s)
            elif now - s.start >= timeout + 5:
                s.outcome = "data-error"
                finish(s)
        if now - last_progress >= 1.0:
            last_progress = now
            print("robe connect: %d/%d done, %d failed" % (len(rows), count, failed), file=sys.stderr, flush=True)
    print("robe connect: %d/%d done, %d failed" % (len(rows), count, failed), file=sys.stderr, flush=True)
    rows.sort(key=lambda r: int(r.split(",", 1)[0]))
    with open(csv_path, "w") as f:
        f.write("index,mode,outcome,establish_ms,multipath_ms,initial_path,paths_up,bytes_echoed,rsts_sent,syns_sent,start_ms\n")
        for r in rows:
            f.write(r + "\n")


def main(argv):
    if len(argv) >= 3 and argv[0] == "server":
        server(argv[1], int(argv[2]))
    elif len(argv) >= 9 and argv[0] == "connect":
        addresses = argv[9].split(",") if len(argv) > 9 and argv[9] else []
        interval = float(argv[10]) / 1e3 if len(argv) > 10 else 0.0
        connect(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), int(argv[5]), float(argv[6]), int(argv[7]),
                argv[8], addresses, interval)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
