package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** The JDK HTTP server with one handler per path prefix, on a pool of daemon threads. */
final class SandboxHttpServer implements AutoCloseable {

    static {
        // The JDK server sends headers and body as separate segments; with Nagle's algorithm each answer then
        // waits for the client's delayed ACK (about 40 ms), capping a client at some 25 requests/s. The JDK reads
        // this switch once, when its first server starts in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    /** @param handlers by path prefix; the longest matching prefix handles a request */
    SandboxHttpServer(String host, int port, Map<String, HttpHandler> handlers) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        // cached: injected latency parks threads, a fixed pool would turn latency into queueing
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        handlers.forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
