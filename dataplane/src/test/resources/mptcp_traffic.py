"""MPTCP traffic for the kernel capture and testbed tests (KernelMptcpCaptureIT, KernelTestbedIT) and
for scripts/mpdp bench testbed.

  server FAMILY ADDRESS PORT CONNECTIONS [ss]
      Listens with IPPROTO_MPTCP, prints "listening" on stderr once it does, echoes every byte of
      CONNECTIONS connections (one thread each) and closes each after the peer's DATA_FIN.
      With "ss": at the peer's DATA_FIN, before closing, prints the connection's subflows as the
      kernel counts them (ss -ti in this namespace, the subflows carrying this connection's token):
        mptcp-traffic subflow conn=I local=ADDR:PORT remote=ADDR:PORT bytes_received=N bytes_acked=N
  sink FAMILY ADDRESS PORT CONNECTIONS [ss]
      Like server, but reads each connection to EOF without echoing and prints
        mptcp-traffic sink conn=I received=N sha256=HEX error=NAME|-
      (and the subflow lines with "ss"), then closes.
  bulk FAMILY ADDRESS PORT BYTES
      One connection sends BYTES of a fixed pseudo-random stream (period 4 MiB + 13 bytes) back to
      back, shuts down, waits for the server's close and prints
        mptcp-traffic bulk conn=0 sent=N sha256=HEX seconds=S error=NAME|-
      (seconds from connect to the server's close).
  rr-server FAMILY ADDRESS PORT
      Until killed: accepts, reads one byte, writes it back, closes (one thread per connection).
  rate FAMILY ADDRESS PORT CONNECTIONS PARALLEL
      CONNECTIONS connections, PARALLEL at a time: connect, send one byte, read it back, close; prints
        mptcp-traffic rate connections=N failed=N seconds=S
  client FAMILY ADDRESS PORT CONNECTIONS BYTES MODE [MIDWAY_COMMAND]
      Opens CONNECTIONS MPTCP connections in parallel; each sends BYTES in 8 KiB chunks, 10 ms apart
      for the first half (so the path manager joins the second path early) and back to back for the
      second half, and reads the echo.
      MODE clean: shutdown(SHUT_WR) after the last chunk (DATA_FIN), read the echo to EOF, close.
      MODE abort: read half of the echo, wait until the rest is in the receive queue (FIONREAD), leave
      it unread, set SO_LINGER 0 and close (the kernel turns a close with unread data into
      MP_FASTCLOSE).
      MIDWAY_COMMAND, if given, runs in a shell after half the bytes of connection 0 are sent.
      With MPTCP_TRAFFIC_JOIN_WAIT=S in the environment, each connection after its paced half waits
      up to S seconds until it has a subflow beyond the first and none of its subflows is still in
      SYN-SENT (MPTCP_TCPINFO: a join whose SYN was lost is retransmitted after 1 s; MPTCP_INFO's
      count includes joins not yet answered), and prints on stderr
        mptcp-traffic join-wait conn=I subflows=N syn_sent=K waited_ms=M
      so a connection on a busy box does not end before its joins (the test then knows a connection
      without one had S seconds for it).

FAMILY is 4 or 6. Every connection prints one line on stdout:
  mptcp-traffic ROLE conn=I sent=N received=N match=true|false|- error=NAME|-
where sent and received are the socket's own counts and match says whether the echo equals what
was sent (clean clients only).
"""

import ctypes
import fcntl
import hashlib
import os
import random
import re
import socket
import struct
import subprocess
import sys
import termios
import threading
import time

IPPROTO_MPTCP = 262
SOL_MPTCP = 284
MPTCP_TCPINFO = 2
CHUNK = 8192
SLEEP = 0.01
LOCK = threading.Lock()


def report(role, index, sent, received, match, error):
    with LOCK:
        print("mptcp-traffic %s conn=%d sent=%d received=%d match=%s error=%s"
              % (role, index, sent, received, match, error), flush=True)


def family(text):
    return socket.AF_INET6 if text == "6" else socket.AF_INET


def pattern(index, length):
    block = bytes((index * 31 + i) & 0xFF for i in range(256))
    return (block * (length // 256 + 1))[:length]


def subflows(conn, index):
    """Prints the subflows of conn's MPTCP connection: ss -ti lines whose token (after the '/') is the
    one on the line of conn's own first subflow (its peer address and port). Up to 5 tries, 50 ms
    apart, when that line is missing or has no token."""
    peer = conn.getpeername()
    local = conn.getsockname()
    name = lambda a: ("[%s]:%d" if ":" in a[0] else "%s:%d") % (a[0], a[1])
    for _ in range(5):
        entries = ss_entries()
        mine = [e for e in entries if e[0] == name(local) and e[1] == name(peer)]
        if mine and mine[0][2] is not None:
            break
        time.sleep(0.05)
    if not mine or mine[0][2] is None:
        print("mptcp-traffic subflow conn=%d none local=%s remote=%s %s" % (index, name(local), name(peer),
              "no-token" if mine else "not-listed"), flush=True)
        return
    with LOCK:
        for e in entries:
            if e[2] == mine[0][2]:
                print("mptcp-traffic subflow conn=%d local=%s remote=%s bytes_received=%d bytes_acked=%d"
                      % (index, e[0], e[1], e[3]["bytes_received"], e[3]["bytes_acked"]), flush=True)


def ss_entries():
    """ss -tin in this namespace as (local, peer, token, counts), every TCP socket."""
    # Every state: a subflow may already be in CLOSE-WAIT when the DATA_FIN arrives.
    out = subprocess.run(["ss", "-tinaH"], capture_output=True, text=True).stdout
    entries = []
    head = None
    for line in out.splitlines() + ["end"]:
        if line[:1] in ("\t", " "):
            head = (head[0], head[1] + " " + line) if head else None
            continue
        if head:
            fields, info = head[0].split(), head[1]
            token = None
            counts = {k: 0 for k in ("bytes_received", "bytes_acked")}
            for field in info.split():
                key, _, value = field.partition(":")
                if key == "token":
                    token = value.split("/")[1].split("(")[0]
                elif key in counts:
                    counts[key] = int(value)
            # ss -H: State Recv-Q Send-Q Local Peer.
            if len(fields) >= 5:
                entries.append((re.sub(r"%[^:\]]+", "", fields[3]), re.sub(r"%[^:\]]+", "", fields[4]), token,
                                counts))
        head = (line, "")
    return entries


def serve(conn, index, ss=False):
    sent = received = 0
    error = "-"
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            received += len(data)
            conn.sendall(data)
            sent += len(data)
        if ss:
            subflows(conn, index)
        conn.shutdown(socket.SHUT_WR)
        # Wait for the peer to close too, so both DATA_FINs are acknowledged before this ends.
        while conn.recv(65536):
            pass
    except OSError as ex:
        error = type(ex).__name__
    finally:
        conn.close()
        report("server", index, sent, received, "-", error)


def listen(fam, address, port):
    listener = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, port))
    listener.listen(256)
    print("listening", file=sys.stderr, flush=True)
    return listener


def sink_one(conn, index, ss):
    received = 0
    digest = hashlib.sha256()
    error = "-"
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    try:
        while True:
            n = conn.recv_into(buf)
            if n == 0:
                break
            digest.update(view[:n])
            received += n
        if ss:
            subflows(conn, index)
    except OSError as ex:
        error = type(ex).__name__
    finally:
        conn.close()
        with LOCK:
            print("mptcp-traffic sink conn=%d received=%d sha256=%s error=%s"
                  % (index, received, digest.hexdigest(), error), flush=True)


def server(argv, target=None):
    fam, address, port, connections = family(argv[0]), argv[1], int(argv[2]), int(argv[3])
    ss = len(argv) > 4 and argv[4] == "ss"
    listener = listen(fam, address, port)
    threads = []
    for index in range(connections):
        conn, _ = listener.accept()
        thread = threading.Thread(target=target or serve, args=(conn, index, ss))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    listener.close()


def unread(sock):
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]


LIBC = ctypes.CDLL(None, use_errno=True)
TCP_SYN_SENT = 2
MAX_SUBFLOWS = 16
STATE_BYTES = 8  # struct tcp_info's first 8 bytes; tcpi_state is the first


def subflow_states(sock):
    """tcpi_state of each subflow of the connection: getsockopt(SOL_MPTCP, MPTCP_TCPINFO) takes a
    struct mptcp_subflow_data (size_subflow_data, num_subflows, size_kernel, size_user: 4 x u32) as input
    and returns it filled, followed by one size_user-byte slice of struct tcp_info per subflow."""
    header = struct.calcsize("IIII")
    buf = ctypes.create_string_buffer(struct.pack("IIII", header, 0, 0, STATE_BYTES),
                                      header + MAX_SUBFLOWS * STATE_BYTES)
    length = ctypes.c_uint32(len(buf))
    if LIBC.getsockopt(sock.fileno(), SOL_MPTCP, MPTCP_TCPINFO, buf, ctypes.byref(length)) != 0:
        raise OSError(ctypes.get_errno(), "getsockopt(MPTCP_TCPINFO)")
    count = min(struct.unpack_from("IIII", buf.raw)[1], MAX_SUBFLOWS)
    return [buf.raw[header + i * STATE_BYTES] for i in range(count)]


def join_wait(sock, index):
    limit = float(os.environ.get("MPTCP_TRAFFIC_JOIN_WAIT", "0"))
    if limit <= 0:
        return
    start = time.monotonic()
    while True:
        states = subflow_states(sock)
        pending = states.count(TCP_SYN_SENT)
        if (len(states) > 1 and pending == 0) or time.monotonic() - start >= limit:
            break
        time.sleep(0.01)
    with LOCK:
        print("mptcp-traffic join-wait conn=%d subflows=%d syn_sent=%d waited_ms=%d"
              % (index, len(states), pending, (time.monotonic() - start) * 1000), file=sys.stderr, flush=True)


def client_connection(fam, address, port, index, length, mode, midway):
    payload = pattern(index, length)
    sent = 0
    echo = bytearray()
    error = "-"
    match = "-"
    sock = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
    try:
        sock.connect((address, port))
        reader = None
        if mode == "clean":
            def read():
                while True:
                    data = sock.recv(65536)
                    if not data:
                        return
                    echo.extend(data)
            reader = threading.Thread(target=read)
            reader.start()
        waited = False
        while sent < length:
            sent += sock.send(payload[sent:sent + CHUNK])
            if midway and index == 0 and sent >= length // 2:
                subprocess.run(midway, shell=True, check=True)
                midway = None
            # Paced first half: the path manager joins path 2 meanwhile. Unpaced second half: the
            # scheduler then has a reason to put data on the joined subflows too.
            if sent < length // 2:
                time.sleep(SLEEP)
            elif waited is False:
                waited = True
                join_wait(sock, index)
        if mode == "clean":
            sock.shutdown(socket.SHUT_WR)
            reader.join()
            match = "true" if bytes(echo) == payload else "false"
        else:
            while len(echo) < length // 2:
                data = sock.recv(min(65536, length // 2 - len(echo)))
                if not data:
                    break
                echo.extend(data)
            # Wait until the rest of the echo sits unread in the receive queue (so the server has
            # received and echoed everything), for at most 5 s.
            deadline = time.monotonic() + 5
            while unread(sock) < length - len(echo) and time.monotonic() < deadline:
                time.sleep(0.01)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    except OSError as ex:
        error = type(ex).__name__
    finally:
        sock.close()
        report("client", index, sent, len(echo), match, error)


def client(argv):
    fam, address, port, connections = family(argv[0]), argv[1], int(argv[2]), int(argv[3])
    length, mode = int(argv[4]), argv[5]
    midway = argv[6] if len(argv) > 6 else None
    threads = [threading.Thread(target=client_connection,
                                args=(fam, address, port, i, length, mode, midway if i == 0 else None))
               for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def sink(argv):
    server(argv, sink_one)


BLOCK = 4 * 1024 * 1024 + 13


def stream_block():
    # A fixed pseudo-random block whose length shares no power of two with segment or buffer sizes, so
    # a misplaced range of the stream changes the digest.
    return random.Random(20240917).randbytes(BLOCK)


def bulk(argv):
    fam, address, port, length = family(argv[0]), argv[1], int(argv[2]), int(argv[3])
    block = stream_block()
    doubled = memoryview(block + block)
    digest = hashlib.sha256()
    sent = 0
    error = "-"
    sock = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
    start = time.monotonic()
    try:
        sock.connect((address, port))
        while sent < length:
            offset = sent % BLOCK
            chunk = doubled[offset:offset + min(1 << 20, length - sent)]
            n = sock.send(chunk)
            digest.update(chunk[:n])
            sent += n
        sock.shutdown(socket.SHUT_WR)
        while sock.recv(65536):
            pass
    except OSError as ex:
        error = type(ex).__name__
    finally:
        sock.close()
    print("mptcp-traffic bulk conn=0 sent=%d sha256=%s seconds=%.6f error=%s"
          % (sent, digest.hexdigest(), time.monotonic() - start, error), flush=True)


def rr_one(conn):
    try:
        data = conn.recv(1)
        if data:
            conn.sendall(data)
    except OSError:
        pass
    finally:
        conn.close()


def rr_server(argv):
    listener = listen(family(argv[0]), argv[1], int(argv[2]))
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=rr_one, args=(conn,), daemon=True).start()


def rate(argv):
    fam, address, port = family(argv[0]), argv[1], int(argv[2])
    connections, parallel = int(argv[3]), int(argv[4])
    counts = {"next": 0, "failed": 0}

    def worker():
        while True:
            with LOCK:
                if counts["next"] >= connections:
                    return
                counts["next"] += 1
            sock = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
            try:
                sock.connect((address, port))
                sock.sendall(b"x")
                if sock.recv(1) != b"x":
                    raise OSError("no echo")
            except OSError:
                with LOCK:
                    counts["failed"] += 1
            finally:
                sock.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("mptcp-traffic rate connections=%d failed=%d seconds=%.6f"
          % (connections, counts["failed"], time.monotonic() - start), flush=True)


if __name__ == "__main__":
    {"server": server, "client": client, "sink": sink, "bulk": bulk, "rr-server": rr_server,
     "rate": rate}[sys.argv[1]](sys.argv[2:])
