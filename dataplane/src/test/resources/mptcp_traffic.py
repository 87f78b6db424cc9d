"""MPTCP traffic for the kernel capture tests (KernelMptcpCaptureIT).

  server FAMILY ADDRESS PORT CONNECTIONS
      Listens with IPPROTO_MPTCP, prints "listening" on stderr once it does, echoes every byte of
      CONNECTIONS connections (one thread each) and closes each after the peer's DATA_FIN.
  client FAMILY ADDRESS PORT CONNECTIONS BYTES MODE [MIDWAY_COMMAND]
      Opens CONNECTIONS MPTCP connections in parallel; each sends BYTES in 8 KiB chunks, 10 ms apart
      for the first half (so the path manager joins the second path early) and back to back for the
      second half, and reads the echo.
      MODE clean: shutdown(SHUT_WR) after the last chunk (DATA_FIN), read the echo to EOF, close.
      MODE abort: read half of the echo, wait until the rest is in the receive queue (FIONREAD), leave
      it unread, set SO_LINGER 0 and close (the kernel turns a close with unread data into
      MP_FASTCLOSE).
      MIDWAY_COMMAND, if given, runs in a shell after half the bytes of connection 0 are sent.

FAMILY is 4 or 6. Every connection prints one line on stdout:
  mptcp-traffic ROLE conn=I sent=N received=N match=true|false|- error=NAME|-
where sent and received are the socket's own counts and match says whether the echo equals what
was sent (clean clients only).
"""

import fcntl
import socket
import struct
import subprocess
import sys
import termios
import threading
import time

IPPROTO_MPTCP = 262
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


def serve(conn, index):
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
        conn.shutdown(socket.SHUT_WR)
        # Wait for the peer to close too, so both DATA_FINs are acknowledged before this ends.
        while conn.recv(65536):
            pass
    except OSError as ex:
        error = type(ex).__name__
    finally:
        conn.close()
        report("server", index, sent, received, "-", error)


def server(argv):
    fam, address, port, connections = family(argv[0]), argv[1], int(argv[2]), int(argv[3])
    listener = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, port))
    listener.listen(64)
    print("listening", file=sys.stderr, flush=True)
    threads = []
    for index in range(connections):
        conn, _ = listener.accept()
        thread = threading.Thread(target=serve, args=(conn, index))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    listener.close()


def unread(sock):
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]


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
        while sent < length:
            sent += sock.send(payload[sent:sent + CHUNK])
            if midway and index == 0 and sent >= length // 2:
                subprocess.run(midway, shell=True, check=True)
                midway = None
            # Paced first half: the path manager joins path 2 meanwhile. Unpaced second half: the
            # scheduler then has a reason to put data on the joined subflows too.
            if sent < length // 2:
                time.sleep(SLEEP)
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


if __name__ == "__main__":
    {"server": server, "client": client}[sys.argv[1]](sys.argv[2:])
