package io.spotdraftsync.workspace;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.spotdraftsync.spotdraft.RequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;

/**
 * Every SpotDraft workspace this deployment syncs, by name: from {@code sync.workspaces.<name>.*}, or the one
 * described by the flat {@code spotdraft.*} properties. Each has its own client and request budget.
 */
public final class Workspaces implements AutoCloseable {

    /** The jobs a workspace can enable ({@code sync.workspaces.<name>.jobs}). */
    public static final Set<String> JOBS = Set.of("export", "reconcile", "import");

    /**
     * A name is a table value, a metric tag, a path segment of the webhook URL and of document keys, and part of
     * run ids: letters, digits, '.', '_' and '-', at most 100 (the width of the workspace columns).
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Makes the request budget of a workspace. */
    @FunctionalInterface
    public interface Budgets {
        RequestBudget budget(String workspace, int requestsPerSecond, java.time.Duration margin);
    }

    /** Makes the client of a workspace. */
    @FunctionalInterface
    public interface Clients {
        SpotDraftClient client(SpotDraftProperties settings, RequestBudget budget);
    }

    private final Map<String, Workspace> byName;

    private Workspaces(Map<String, Workspace> byName) {
        this.byName = byName;
    }

    /**
     * Checks the configuration and makes one client per workspace.
     *
     * @throws InvalidWorkspacesException naming the property of every problem found
     */
    public static Workspaces configure(SpotDraftProperties shared, WorkspacesProperties several, Budgets budgets,
            Clients clients) {
        List<String> problems = new ArrayList<>();
        Map<String, Workspace> byName = new LinkedHashMap<>();
        if (several.workspaces().isEmpty()) {
            checkConnection("spotdraft", shared.baseUrl() != null || shared.region() != null, shared.clientId(),
                    shared.clientSecret(), problems);
            checkEncrypted("spotdraft.base-url", shared.baseUrl(), shared.allowInsecureHttp(), problems);
            if (!NAME.matcher(shared.workspace()).matches()) {
                problems.add("spotdraft.workspace must be 1 to 100 letters, digits, '.', '_' or '-', starting with a "
                        + "letter or digit, was '" + shared.workspace() + "'");
            }
            if (problems.isEmpty()) {
                RequestBudget budget = budgets.budget(shared.workspace(), shared.requestsPerSecond(), shared.rateLimitMargin());
                byName.put(shared.workspace(), new Workspace(shared.workspace(), shared, clients.client(shared, budget), budget,
                        shared.workspace(), JOBS, List.of(), "spotdraft"));
            }
            return done(byName, problems);
        }
        Map<String, Boolean> flatConnection = new LinkedHashMap<>();
        flatConnection.put("base-url", shared.baseUrl() != null);
        flatConnection.put("region", shared.region() != null);
        flatConnection.put("client-id", shared.clientId() != null && !shared.clientId().isBlank());
        flatConnection.put("client-secret", shared.clientSecret() != null && !shared.clientSecret().isBlank());
        flatConnection.forEach((flat, set) -> {
            if (set) {
                problems.add("spotdraft." + flat + " is set together with sync.workspaces.*: configure every workspace "
                        + "under sync.workspaces.<name>.* (spotdraft.* then only holds settings shared by all of them)");
            }
        });
        Set<String> prefixes = new LinkedHashSet<>();
        for (Map.Entry<String, WorkspacesProperties.Settings> entry : several.workspaces().entrySet()) {
            String name = entry.getKey();
            WorkspacesProperties.Settings settings = entry.getValue();
            String property = "sync.workspaces." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(property + ": a workspace name must be 1 to 100 letters, digits, '.', '_' or '-', starting "
                        + "with a letter or digit");
                continue;
            }
            checkConnection(property, settings.baseUrl() != null || settings.region() != null, settings.clientId(),
                    settings.clientSecret(), problems);
            if (settings.baseUrl() != null && !wellFormed(settings.baseUrl())) {
                problems.add(property + ".base-url must be an absolute http(s) URL with no path (paths start with /api/), "
                        + "for example https://api.us.spotdraft.com");
            } else {
                checkEncrypted(property + ".base-url", settings.baseUrl(), shared.allowInsecureHttp(), problems);
            }
            int requestsPerSecond = settings.requestsPerSecond() == null ? shared.requestsPerSecond() : settings.requestsPerSecond();
            if (requestsPerSecond < 1) {
                problems.add(property + ".requests-per-second must be at least 1, was " + requestsPerSecond);
            }
            String prefix = settings.documentPrefix() == null || settings.documentPrefix().isBlank() ? name
                    : trimSlashes(settings.documentPrefix().trim());
            if (!validPrefix(prefix)) {
                problems.add(property + ".document-prefix must be folder names separated by '/' (letters, digits, '.', '_', "
                        + "'-'), was '" + settings.documentPrefix() + "'");
            } else if (!prefixes.add(prefix)) {
                problems.add(property + ".document-prefix '" + prefix + "' is used by another workspace too: their "
                        + "documents would mix");
            }
            Set<String> jobs = settings.jobs() == null ? JOBS : normalized(settings.jobs());
            Set<String> unknown = new TreeSet<>(jobs);
            unknown.removeAll(JOBS);
            if (!unknown.isEmpty()) {
                problems.add(property + ".jobs has unknown job(s) " + unknown + " (known: export, import, reconcile)");
            }
            if (problems.isEmpty()) {
                SpotDraftProperties connection = shared.forWorkspace(name, settings.baseUrl(), settings.region(),
                        settings.clientId(), settings.clientSecret(), settings.userEmail(), requestsPerSecond);
                List<String> keys = new ArrayList<>();
                if (settings.webhookHmacKey() != null && !settings.webhookHmacKey().isBlank()) {
                    keys.add(settings.webhookHmacKey().trim());
                    if (settings.webhookPreviousHmacKey() != null && !settings.webhookPreviousHmacKey().isBlank()) {
                        keys.add(settings.webhookPreviousHmacKey().trim());
                    }
                } else if (settings.webhookPreviousHmacKey() != null && !settings.webhookPreviousHmacKey().isBlank()) {
                    problems.add(property + ".webhook-previous-hmac-key is set without " + property + ".webhook-hmac-key");
                }
                RequestBudget budget = budgets.budget(name, requestsPerSecond, shared.rateLimitMargin());
                byName.put(name, new Workspace(name, connection, clients.client(connection, budget), budget,
                        prefix, Set.copyOf(jobs), List.copyOf(keys), property));
            }
        }
        return done(byName, problems);
    }

    private static Workspaces done(Map<String, Workspace> byName, List<String> problems) {
        if (!problems.isEmpty()) {
            byName.values().forEach(workspace -> workspace.client().close());
            throw new InvalidWorkspacesException(problems);
        }
        return new Workspaces(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
    }

    private static void checkConnection(String property, boolean endpoint, String clientId, String clientSecret,
            List<String> problems) {
        String env = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        if (clientId == null || clientId.isBlank()) {
            problems.add(property + ".client-id is required (" + env + "_CLIENT_ID): the client id of the workspace's API credentials");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            problems.add(property + ".client-secret is required (" + env + "_CLIENT_SECRET): the client secret of the workspace's API credentials");
        }
        if (!endpoint) {
            problems.add("set " + property + ".base-url (for example https://api.us.spotdraft.com) or " + property
                    + ".region (in, us, me, eu)");
        }
    }

    /**
     * Plain http to anything but loopback (where the sandbox serves) would send the client secret over the network
     * unencrypted: refused unless {@code spotdraft.allow-insecure-http}.
     */
    private static void checkEncrypted(String property, URI baseUrl, boolean allowInsecureHttp, List<String> problems) {
        if (baseUrl == null || allowInsecureHttp || !"http".equalsIgnoreCase(baseUrl.getScheme())
                || isLoopback(baseUrl.getHost())) {
            return;
        }
        problems.add(property + " is plain http to " + baseUrl.getHost() + ", which is not a loopback address: the client "
                + "secret would cross the network unencrypted. Use https, or set spotdraft.allow-insecure-http=true "
                + "(SPOTDRAFT_ALLOW_INSECURE_HTTP) for a sandbox on another machine");
    }

    /** {@code localhost}, or an IP literal in 127.0.0.0/8 or {@code ::1}: decided without asking DNS. */
    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(host).matches() && !host.startsWith("[")) {
            return false;
        }
        try {
            // a literal: parsed, never resolved
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException malformed) {
            return false;
        }
    }

    private static boolean wellFormed(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return (scheme.equals("http") || scheme.equals("https")) && baseUrl.getHost() != null
                && (path.isEmpty() || path.equals("/")) && baseUrl.getRawQuery() == null;
    }

    private static String trimSlashes(String value) {
        String trimmed = value;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static boolean validPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return false;
        }
        for (String segment : prefix.split("/", -1)) {
            if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.chars().allMatch(c -> c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> normalized(Collection<String> jobs) {
        Set<String> result = new LinkedHashSet<>();
        jobs.forEach(job -> result.add(job.trim().toLowerCase(Locale.ROOT)));
        return result;
    }

    /** Every workspace, in configuration order. */
    public Collection<Workspace> all() {
        return byName.values();
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The workspace of that name; {@link IllegalArgumentException} naming the configured ones otherwise. */
    public Workspace get(String name) {
        Workspace workspace = byName.get(name);
        if (workspace == null) {
            throw new IllegalArgumentException("Unknown workspace '" + name + "' (configured: " + String.join(", ", names()) + ")");
        }
        return workspace;
    }

    /**
     * The workspace a request names, or the only one when it names none.
     *
     * @throws IllegalArgumentException for an unknown name, or no name while several are configured
     */
    public Workspace resolve(String nameOrNull) {
        if (nameOrNull != null && !nameOrNull.isBlank()) {
            return get(nameOrNull.trim());
        }
        if (byName.size() == 1) {
            return byName.values().iterator().next();
        }
        throw new IllegalArgumentException("Several workspaces are configured (" + String.join(", ", names())
                + "): name one (parameter workspace, or --workspace)");
    }

    /** {@link #resolve} and the job enabled for it: {@link IllegalArgumentException} naming the setting otherwise. */
    public Workspace forJob(String nameOrNull, String job) {
        Workspace workspace = resolve(nameOrNull);
        if (!workspace.runs(job)) {
            throw new IllegalArgumentException("Job " + job + " is not enabled for workspace " + workspace.name() + " ("
                    + workspace.property() + ".jobs: " + String.join(", ", new TreeSet<>(workspace.jobs())) + ")");
        }
        return workspace;
    }

    /**
     * Checks a workspace named by a job's parameters: it exists and runs the job. No name is fine here: a schedule
     * then runs for every workspace, and a direct start resolves it at run time ({@link #forJob}).
     */
    public void checkNamed(String nameOrNull, String job) {
        if (nameOrNull != null && !nameOrNull.isBlank()) {
            forJob(nameOrNull, job);
        }
    }

    /** The workspaces a job runs for, in configuration order. */
    public List<Workspace> runningJob(String job) {
        return byName.values().stream().filter(workspace -> workspace.runs(job)).toList();
    }

    public SpotDraftClient client(String workspace) {
        return get(workspace).client();
    }

    @Override
    public void close() {
        byName.values().forEach(workspace -> workspace.client().close());
    }
}
