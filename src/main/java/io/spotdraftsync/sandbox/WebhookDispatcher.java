package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed webhooks asynchronously, one at a time and in order (unless reordering is on), to every
 * subscription whose activity filter matches. Loss, duplication and reordering are applied per delivery.
 * Failed deliveries are not retried: SpotDraft publishes no retry policy, so a receiver must cope with gaps.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** Reordering holds deliveries until this many are waiting, or until the oldest waited {@link #HOLD_TIME}. */
    private static final int REORDER_BATCH = 4;
    private static final Duration HOLD_TIME = Duration.ofMillis(300);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final int FIRST_SUBSCRIPTION_ID = 501;

    /** A receiver; an empty activity set means every activity. */
    record Subscription(int id, URI url, Set<String> activities, Map<String, String> customHeaders,
            boolean fromSettings) {

        boolean wants(ContractActivity activity) {
            return activities.isEmpty() || activities.contains(activity.name());
        }
    }

    private record Delivery(Subscription target, byte[] body) {
    }

    private record Event(ContractActivity activity, byte[] body) {
    }

    private final DeliverySigner signature;
    private final TrafficStats stats;
    private final Random random;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<ContractId, Event> latestEvents = new ConcurrentHashMap<>();
    private final AtomicInteger lastSubscriptionId = new AtomicInteger(FIRST_SUBSCRIPTION_ID - 1);
    private final List<Delivery> held = new ArrayList<>();
    private long oldestHeldSince;
    private volatile WebhookDeliverySettings settings;

    WebhookDispatcher(String hmacKeyBase64, WebhookDeliverySettings settings, long seed, TrafficStats stats) {
        this.signature = new DeliverySigner(hmacKeyBase64);
        this.stats = stats;
        this.random = new Random(Seeds.derive(seed, "webhook-delivery", ""));
        configure(settings);
        long tick = HOLD_TIME.toMillis() / 3;
        sender.scheduleWithFixedDelay(this::releaseHeldIfOld, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Applies new delivery modes and replaces the targets that came from settings; targets registered at
     * runtime stay.
     */
    synchronized void configure(WebhookDeliverySettings newSettings) {
        subscriptions.removeIf(Subscription::fromSettings);
        newSettings.targets().forEach(url -> subscriptions.add(new Subscription(lastSubscriptionId.incrementAndGet(),
                url, Set.of(), Map.of(), true)));
        this.settings = newSettings;
        if (!newSettings.reorder()) {
            releaseHeld();
        }
    }

    /** Adds a receiver at runtime, as {@code POST /webhooks/} does. */
    Subscription register(URI url, Set<String> activities, Map<String, String> customHeaders) {
        WebhookDeliverySettings.requireHttpUrl(url);
        Subscription subscription = new Subscription(lastSubscriptionId.incrementAndGet(), url, Set.copyOf(activities),
                Map.copyOf(customHeaders), false);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Announces a change; remembered as the contract's latest webhook for {@link #retrigger}. */
    void publish(ContractId contract, ContractActivity activity, byte[] body) {
        Event event = new Event(activity, body);
        latestEvents.put(contract, event);
        deliver(event);
    }

    /** Sends the contract's latest webhook again; false when the contract never had one. */
    boolean retrigger(ContractId contract) {
        Optional<Event> latest = Optional.ofNullable(latestEvents.get(contract));
        latest.ifPresent(this::deliver);
        return latest.isPresent();
    }

    private synchronized void deliver(Event event) {
        for (Subscription target : subscriptions) {
            if (!target.wants(event.activity())) {
                continue;
            }
            if (!settings.enabled() || random.nextDouble() < settings.lossProbability()) {
                stats.webhookDropped();
                continue;
            }
            int copies = random.nextDouble() < settings.duplicateProbability() ? 2 : 1;
            for (int copy = 0; copy < copies; copy++) {
                enqueue(new Delivery(target, event.body()));
            }
        }
    }

    private void enqueue(Delivery delivery) {
        if (!settings.reorder()) {
            submit(delivery);
            return;
        }
        if (held.isEmpty()) {
            oldestHeldSince = System.nanoTime();
        }
        held.add(delivery);
        if (held.size() >= REORDER_BATCH) {
            releaseHeld();
        }
    }

    private synchronized void releaseHeldIfOld() {
        if (!held.isEmpty() && System.nanoTime() - oldestHeldSince >= HOLD_TIME.toNanos()) {
            releaseHeld();
        }
    }

    private synchronized void releaseHeld() {
        Collections.shuffle(held, random);
        held.forEach(this::submit);
        held.clear();
    }

    private void submit(Delivery delivery) {
        try {
            sender.execute(() -> send(delivery));
        } catch (RejectedExecutionException closed) {
            // a change made while the sandbox shuts down: nobody is listening any more
            stats.webhookDropped();
        }
    }

    private void send(Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.target().url())
                .timeout(SEND_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "spotdraft-sync-sandbox")
                .header(DeliverySigner.HEADER, signature.sign(delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.target().customHeaders().forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            stats.webhookSent();
            if (response.statusCode() / 100 != 2) {
                log.warn("Webhook receiver {} answered {}", receiverName(delivery), response.statusCode());
            }
        } catch (IOException failure) {
            stats.webhookFailed();
            log.warn("Webhook delivery to {} failed: {}", receiverName(delivery), failure.getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            stats.webhookFailed();
            Thread.currentThread().interrupt();
        }
    }

    /** Scheme, host and port only: a receiver URL may carry a token in its path or query. */
    private static String receiverName(Delivery delivery) {
        URI url = delivery.target().url();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Sends what is held back and what is queued, waiting a little for it. */
    @Override
    public void close() {
        releaseHeld();
        sender.shutdown();
        try {
            if (!sender.awaitTermination(2, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
