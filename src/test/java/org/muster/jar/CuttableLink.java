package org.muster.jar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between a process and a server that a test can cut: every connection through it is
 * closed and new ones are refused until it is joined again, as in a network partition or a database
 * failover. Bytes pass through unchanged.
 */
public final class CuttableLink implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;
    private volatile boolean closed;

    public CuttableLink(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = JarProcess.freePort();
        join();
    }

    public int port() {
        return port;
    }

    /** Closes every connection and stops listening: a connect is refused until {@link #join()}. */
    public synchronized void cut() throws IOException {
        ServerSocket server = listening;
        listening = null;
        if (server != null) {
            server.close();
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    public synchronized void join() throws IOException {
        if (listening != null || closed) {
            return;
        }
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        server.setReuseAddress(true);
        listening = server;
        Thread acceptor = new Thread(() -> accept(server), "link-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // cut, or the server went away: the loop ends with the socket
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }, "link-pipe-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        cut();
    }
}
