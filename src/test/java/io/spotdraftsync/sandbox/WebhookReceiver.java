package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import io.spotdraftsync.webhook.WebhookSignature;
import tools.jackson.databind.JsonNode;

/** A webhook endpoint for tests: records every delivery (raw body and headers) and answers 200. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(byte[] body, Headers headers) {
        String signature() {
            return headers.getFirst(WebhookSignature.HEADER);
        }

        JsonNode json() {
            return SandboxHttp.JSON.readTree(body);
        }

        String activity() {
            return json().path("activity").asString();
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                deliveries.add(new Delivery(body.readAllBytes(), exchange.getRequestHeaders()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
