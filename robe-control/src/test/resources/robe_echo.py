"""Linux MPTCP echo server for the RobE tests: robe_echo.py ADDRESS PORT

Listens with IPPROTO_MPTCP (0.0.0.0 takes every path's address), prints "listening" on stderr once it
does, and until killed echoes every connection (one thread each) until the peer's DATA_FIN, then closes.
"""

import socket
import sys
import threading

IPPROTO_MPTCP = 262


def serve(conn):
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            conn.sendall(data)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    address, port = sys.argv[1], int(sys.argv[2])
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((address, port))
    s.listen(256)
    print("listening", file=sys.stderr, flush=True)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
