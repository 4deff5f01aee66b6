package dev.cloudwarden.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint that accepts every connection on 127.0.0.1 and never answers: it reads what is sent and keeps the
 * connection open until the client gives up or the server is closed. What a client's time limits are tested against
 * (a load balancer whose targets hang, a firewall that drops the answers).
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private SilentServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofVirtual().name("silent-server").start(this::accept);
    }

    public static SilentServer start() {
        try {
            return new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** How many connections were accepted: a request that was never sent opened none. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                Thread.ofVirtual().start(() -> drain(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void drain(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client gave up, or the server closed
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
