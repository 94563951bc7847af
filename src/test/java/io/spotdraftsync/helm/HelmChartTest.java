package io.spotdraftsync.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart in helm/spotdraft-sync, linted and rendered by Helm itself (helm-java bundles the Helm
 * library as a native binary): the rendered manifests are parsed and checked, and the combinations the
 * chart refuses are refused with their message.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "spotdraft-sync");
    private static final Path DASHBOARD = Path.of("helm", "grafana", "spotdraft-sync-dashboard.json");
    /** helm-java's library defaults to Kubernetes v1.20 when no cluster is asked; the chart needs 1.25+. */
    private static final String KUBE_VERSION = "1.31.0";
    private static final Set<String> SECRET_ENV = Set.of("SPOTDRAFT_CLIENT_ID", "SPOTDRAFT_CLIENT_SECRET",
            "SYNC_ADMIN_TOKEN", "SYNC_WEBHOOK_HMAC_KEY", "SPRING_DATASOURCE_PASSWORD", "SYNC_WAREHOUSE_PASSWORD",
            "SYNC_WAREHOUSE_PRIVATE_KEY_PASSPHRASE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    private final Helm helm = new Helm(CHART);

    @TempDir
    Path tmp;

    @Test
    void lintPassesInStrictMode() {
        LintResult result = helm.lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultsRenderTwoServePodsWithProbesAndANonRootReadOnlyContainer() {
        Manifests m = render(Map.of());

        Map<String, Object> deployment = m.one("Deployment");
        assertThat(get(deployment, "spec.replicas")).isEqualTo(2);
        Map<String, Object> pod = at(deployment, "spec.template.spec");
        Map<String, Object> container = container(deployment);
        assertThat(container.get("args")).isEqualTo(List.of("serve"));
        assertThat(container).as("the image's entrypoint runs the application").doesNotContainKey("command");
        assertThat((List<Map<String, Object>>) container.get("ports"))
                .containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));

        assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(get(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(get(container, "livenessProbe.httpGet.port")).isEqualTo("http");

        assertThat(get(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(get(pod, "securityContext.runAsUser")).isEqualTo(65532);
        assertThat(get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(get(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(get(container, "securityContext.runAsUser")).isEqualTo(65532);
        assertThat(get(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(get(pod, "automountServiceAccountToken")).isEqualTo(false);

        // a read-only root: /tmp and /app/data are emptyDirs
        Map<String, String> mounts = mounts(container);
        assertThat(mounts).containsEntry("/tmp", "tmp").containsEntry("/app/data", "data")
                .containsEntry("/app/config", "config").containsEntry("/app/jobs", "jobs");
        assertThat(volume(pod, "tmp")).containsKey("emptyDir");
        assertThat(volume(pod, "data")).containsKey("emptyDir");
        assertThat(get(volume(pod, "config"), "configMap.name")).isEqualTo("rel-spotdraft-sync");
        assertThat(get(volume(pod, "jobs"), "configMap.name")).isEqualTo("rel-spotdraft-sync-jobs");

        assertThat(get(container, "resources.limits.memory")).isEqualTo("1Gi");
        assertThat(get(container, "resources.requests.memory")).isEqualTo("768Mi");
        assertThat(envValue(container, "JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");
        assertThat(envValue(container, "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("optional:file:/app/config/");

        Map<String, Object> annotations = at(deployment, "spec.template.metadata.annotations");
        assertThat(annotations).containsKeys("checksum/config", "checksum/jobs");
        assertThat(get(pod, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution")).isNotNull();
        assertThat(get(pod, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution")).isNull();

        Map<String, Object> service = m.one("Service");
        assertThat((List<Map<String, Object>>) get(service, "spec.ports"))
                .singleElement().satisfies(p -> {
                    assertThat(p.get("name")).isEqualTo("http");
                    assertThat(p.get("port")).isEqualTo(8080);
                    assertThat(p.get("targetPort")).isEqualTo("http");
                });
        assertThat(get(m.one("PodDisruptionBudget"), "spec.minAvailable")).isEqualTo(1);
        assertThat(m.one("ServiceAccount")).isNotNull();
        assertThat(m.all("Ingress")).isEmpty();
        assertThat(m.all("ServiceMonitor")).isEmpty();
    }

    @Test
    void applicationSettingsGoToAConfigMapOfSpringProperties() {
        Map<String, Object> app = applicationYml(render(Map.of()));

        assertThat(get(app, "server.port")).isEqualTo(8080);
        assertThat(get(app, "spring.datasource.url")).isEqualTo("jdbc:postgresql://postgresql:5432/spotdraft_sync");
        assertThat(get(app, "spotdraft.rate-limit.store")).isEqualTo("postgres");
        assertThat(get(app, "spotdraft.region")).isEqualTo("us");
        assertThat(get(app, "spotdraft.workspace")).isEqualTo("default");
        assertThat(get(app, "sync.schedule.directory")).isEqualTo("/app/jobs");
        assertThat(get(app, "sync.status-page.public")).isEqualTo(false);
        assertThat(get(app, "sync.embedded-sandbox.enabled")).isEqualTo(false);
        assertThat(get(app, "sync.warehouse.url")).isEqualTo("jdbc:postgresql://postgresql:5432/analytics");
        assertThat(get(app, "sync.documents.location")).isEqualTo("file:/app/data/documents");
        assertThat(get(app, "management.endpoint.health.probes.enabled")).isEqualTo(true);
        // secrets never in the ConfigMap
        assertThat(flatten(app).keySet()).noneMatch(k -> k.contains("password") || k.contains("secret") || k.contains("token"));
    }

    @Test
    void podsLogJsonLinesByDefaultAndPlainTextOnRequest() {
        assertThat(get(applicationYml(render(Map.of())), "logging.structured.format.console")).isEqualTo("ecs");
        assertThat(get(applicationYml(render(Map.of("logging.format", "logstash"))), "logging.structured.format.console"))
                .isEqualTo("logstash");
        assertThat(applicationYml(render(Map.of("logging.format", "plain")))).doesNotContainKey("logging");
        assertThatThrownBy(() -> render(Map.of("logging.format", "xml"))).hasMessageContaining("/logging/format");
    }

    @Test
    void jobsConfigMapHoldsTheThreeDefaultSchedules() {
        Manifests m = render(Map.of());
        Map<String, Object> jobs = m.named("ConfigMap", "rel-spotdraft-sync-jobs");
        Map<String, String> data = at(jobs, "data");

        assertThat(data).containsOnlyKeys("export-incremental.yml", "export-full.yml", "reconcile.yml");
        Map<String, Object> incremental = yaml(data.get("export-incremental.yml"));
        Map<String, Object> full = yaml(data.get("export-full.yml"));
        Map<String, Object> reconcile = yaml(data.get("reconcile.yml"));
        assertThat(incremental).containsEntry("name", "export").containsEntry("cron", "0 0/15 * * * ?")
                .containsEntry("time-zone", "UTC").containsEntry("enabled", true)
                .containsEntry("parameters", Map.of("full", false));
        assertThat(full).containsEntry("name", "export").containsEntry("cron", "0 0 2 * * ?")
                .containsEntry("parameters", Map.of("full", true)).containsEntry("enabled", true);
        assertThat(reconcile).containsEntry("name", "reconcile").containsEntry("cron", "0 7 * * * ?")
                .containsEntry("enabled", true);
        // mounted where the application reads them
        assertThat(mounts(container(m.one("Deployment")))).containsEntry("/app/jobs", "jobs");
    }

    @Test
    void schedulesCanBeDroppedPausedAndGivenATimeZone() throws IOException {
        Manifests m = render(values("""
                schedules:
                  jobs:
                    reconcile: null
                    export-full:
                      time-zone: Europe/Paris
                      enabled: false
                """));
        Map<String, String> data = at(m.named("ConfigMap", "rel-spotdraft-sync-jobs"), "data");

        assertThat(data).containsOnlyKeys("export-incremental.yml", "export-full.yml");
        assertThat(yaml(data.get("export-full.yml"))).containsEntry("time-zone", "Europe/Paris")
                .containsEntry("enabled", false).containsEntry("cron", "0 0 2 * * ?");
    }

    @Test
    void changedSettingsChangeThePodTemplateChecksum() {
        String before = at(render(Map.of()).one("Deployment"), "spec.template.metadata.annotations.checksum/config");
        String after = at(render(Map.of("spotdraft.workspace", "uat")).one("Deployment"),
                "spec.template.metadata.annotations.checksum/config");

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void ingressExposesOnlyTheWebhookPath() {
        Manifests m = render(Map.of("ingress.enabled", "true", "ingress.className", "nginx"));

        Map<String, Object> ingress = m.one("Ingress");
        List<Map<String, Object>> rules = at(ingress, "spec.rules");
        assertThat(rules).singleElement().satisfies(rule -> assertThat(rule.get("host")).isEqualTo("sync.example.com"));
        List<Map<String, Object>> paths = rules.stream()
                .flatMap(r -> HelmChartTest.<List<Map<String, Object>>>at(r, "http.paths").stream()).toList();
        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.get("path")).isEqualTo("/webhooks/spotdraft");
            assertThat(p.get("pathType")).isIn("Exact", "Prefix");
            assertThat(get(p, "backend.service.name")).isEqualTo("rel-spotdraft-sync");
            assertThat(get(p, "backend.service.port.name")).isEqualTo("http");
        });
        assertThat(get(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(get(ingress, "spec.defaultBackend")).isNull();
    }

    @Test
    void severalReplicasOnTheEmbeddedH2JobRepositoryAreRefused() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", "3", "datasource.url", "jdbc:h2:file:./data/jobs")))
                .hasMessageContaining("replicaCount is 3")
                .hasMessageContaining("datasource.url must be a PostgreSQL JDBC URL")
                .hasMessageContaining("not the embedded H2 default");
        assertThatThrownBy(() -> render(Map.of("replicaCount", "3", "datasource.url", "")))
                .hasMessageContaining("datasource.url must be a PostgreSQL JDBC URL");
    }

    @Test
    void severalReplicasWithAPerPodBudgetAreRefused() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", "3", "spotdraft.rateLimit.store", "local")))
                .hasMessageContaining("spotdraft.rateLimit.store must be postgres");
    }

    @Test
    void severalReplicasShareOneBudgetInPostgres() {
        Manifests m = render(Map.of("replicaCount", "3", "spotdraft.rateLimit.store", "postgres",
                "datasource.url", "jdbc:postgresql://db:5432/sync"));

        assertThat(get(m.one("Deployment"), "spec.replicas")).isEqualTo(3);
        Map<String, Object> app = applicationYml(m);
        assertThat(get(app, "spotdraft.rate-limit.store")).isEqualTo("postgres");
        assertThat(get(app, "spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/sync");
        assertThat(m.all("PodDisruptionBudget")).hasSize(1);
    }

    @Test
    void severalReplicasOnADuckDbWarehouseAreRefused() {
        assertThatThrownBy(() -> render(Map.of("warehouse.dialect", "duckdb", "warehouse.url", "")))
                .hasMessageContaining("a DuckDB warehouse is a file inside one pod");
    }

    @Test
    void onePodRunsOnTheEmbeddedDefaults() {
        Manifests m = render(Map.of("replicaCount", "1", "datasource.url", "", "spotdraft.rateLimit.store", "local",
                "warehouse.dialect", "duckdb", "warehouse.url", ""));

        assertThat(get(m.one("Deployment"), "spec.replicas")).isEqualTo(1);
        assertThat(m.all("PodDisruptionBudget")).isEmpty();
        Map<String, Object> app = applicationYml(m);
        assertThat(get(app, "spring")).isNull();
        assertThat(get(app, "sync.warehouse.url")).isEqualTo("jdbc:duckdb:/app/data/warehouse.duckdb");
        assertThat(envNames(container(m.one("Deployment"))))
                .doesNotContain("SPRING_DATASOURCE_PASSWORD", "SYNC_WAREHOUSE_PASSWORD");
    }

    @Test
    void schemaRejectsBadValues() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", "two")))
                .hasMessageContaining("schema").hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(Map.of("replicaCount", "0")))
                .hasMessageContaining("schema").hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(Map.of("warehouse.dialect", "oracle")))
                .hasMessageContaining("schema").hasMessageContaining("dialect");
        assertThatThrownBy(() -> render(Map.of("spotdraft.rateLimit.store", "redis")))
                .hasMessageContaining("schema").hasMessageContaining("store");
        assertThatThrownBy(() -> render(Map.of("ingress.pathType", "ImplementationSpecific")))
                .hasMessageContaining("schema").hasMessageContaining("pathType");
        assertThatThrownBy(() -> render(Map.of("replicas", "3")))
                .as("a misspelt top-level value").hasMessageContaining("schema").hasMessageContaining("replicas");
    }

    @Test
    void severalWorkspacesGetTheirOwnSettingsAndCredentialVariables() throws IOException {
        Manifests m = render(values("""
                workspaces:
                  uat:
                    region: eu
                    requestsPerSecond: 5
                    jobs: [export, reconcile]
                    clientIdRef: {key: uat-client-id}
                    clientSecretRef: {key: uat-client-secret}
                  prod:
                    baseUrl: https://api.us.spotdraft.com
                    documentPrefix: spotdraft/prod
                    clientIdRef: {secretName: prod-credentials, key: client-id}
                    clientSecretRef: {secretName: prod-credentials, key: client-secret}
                    webhookHmacKeyRef: {secretName: prod-credentials, key: webhook-hmac-key}
                """));
        Map<String, Object> app = applicationYml(m);
        assertThat(get(app, "sync.workspaces.uat.region")).isEqualTo("eu");
        assertThat(get(app, "sync.workspaces.uat.requests-per-second")).isEqualTo(5);
        assertThat(get(app, "sync.workspaces.uat.jobs")).isEqualTo(List.of("export", "reconcile"));
        assertThat(get(app, "sync.workspaces.prod.base-url")).isEqualTo("https://api.us.spotdraft.com");
        assertThat(get(app, "sync.workspaces.prod.document-prefix")).isEqualTo("spotdraft/prod");
        // the one-workspace connection is left out: the application refuses both at once
        assertThat(get(app, "spotdraft.region")).isNull();
        assertThat(get(app, "spotdraft.workspace")).isNull();
        assertThat(get(app, "spotdraft.rate-limit.store")).isEqualTo("postgres");

        List<Map<String, Object>> env = at(container(m.one("Deployment")), "env");
        assertThat(envNames(container(m.one("Deployment")))).contains("SYNC_WORKSPACES_UAT_CLIENT_ID",
                "SYNC_WORKSPACES_UAT_CLIENT_SECRET", "SYNC_WORKSPACES_PROD_CLIENT_ID", "SYNC_WORKSPACES_PROD_CLIENT_SECRET",
                "SYNC_WORKSPACES_PROD_WEBHOOK_HMAC_KEY").doesNotContain("SPOTDRAFT_CLIENT_ID", "SYNC_WORKSPACES_UAT_WEBHOOK_HMAC_KEY");
        assertThat(env).filteredOn(e -> "SYNC_WORKSPACES_PROD_CLIENT_SECRET".equals(e.get("name"))).singleElement()
                .satisfies(e -> assertThat(get(e, "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "prod-credentials", "key", "client-secret")));
        assertThat(env).filteredOn(e -> "SYNC_WORKSPACES_UAT_CLIENT_ID".equals(e.get("name"))).singleElement()
                .satisfies(e -> assertThat(get(e, "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "rel-spotdraft-sync", "key", "uat-client-id")));

        // names become variable names: lower-case letters and digits only
        assertThatThrownBy(() -> render(values("""
                workspaces:
                  prod-eu:
                    clientIdRef: {key: a}
                    clientSecretRef: {key: b}
                """))).hasMessageContaining("schema").hasMessageContaining("prod-eu");
    }

    @Test
    void serviceMonitorOnlyWhenEnabled() {
        assertThat(render(Map.of()).all("ServiceMonitor")).isEmpty();

        Map<String, Object> monitor = render(Map.of("serviceMonitor.enabled", "true",
                "serviceMonitor.labels.release", "kube-prometheus-stack")).one("ServiceMonitor");
        assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(get(monitor, "metadata.labels.release")).isEqualTo("kube-prometheus-stack");
        assertThat((List<Map<String, Object>>) get(monitor, "spec.endpoints")).singleElement().satisfies(e -> {
            assertThat(e.get("path")).isEqualTo("/actuator/prometheus");
            assertThat(e.get("port")).isEqualTo("http");
        });
    }

    @Test
    void secretsAreSecretKeyRefsAndNeverLiteralsByDefault() {
        // a literal in the values does not reach the manifests while secret.create is off
        Manifests m = render(Map.of("secret.stringData.spotdraft-client-secret", "literal-canary-4711"));

        assertThat(m.text()).doesNotContain("literal-canary-4711");
        assertThat(m.all("Secret")).isEmpty();
        Map<String, Object> container = container(m.one("Deployment"));
        List<Map<String, Object>> env = at(container, "env");
        List<Map<String, Object>> secretEnv = env.stream().filter(e -> SECRET_ENV.contains(e.get("name"))).toList();
        assertThat(secretEnv).extracting(e -> e.get("name")).contains("SPOTDRAFT_CLIENT_ID", "SPOTDRAFT_CLIENT_SECRET",
                "SYNC_ADMIN_TOKEN", "SYNC_WEBHOOK_HMAC_KEY", "SPRING_DATASOURCE_PASSWORD");
        assertThat(secretEnv).allSatisfy(e -> {
            assertThat(e).doesNotContainKey("value");
            assertThat(get(e, "valueFrom.secretKeyRef.name")).isEqualTo("rel-spotdraft-sync");
            assertThat((String) get(e, "valueFrom.secretKeyRef.key")).isNotBlank();
        });
        assertThat(secretEnv).filteredOn(e -> "SYNC_WEBHOOK_HMAC_KEY".equals(e.get("name")))
                .singleElement().satisfies(e -> assertThat(get(e, "valueFrom.secretKeyRef.optional")).isEqualTo(true));
        assertThat(secretEnv).filteredOn(e -> "SPOTDRAFT_CLIENT_SECRET".equals(e.get("name")))
                .singleElement().satisfies(e -> assertThat(get(e, "valueFrom.secretKeyRef.key"))
                        .isEqualTo("spotdraft-client-secret"));
    }

    @Test
    void secretReferencesNameTheirOwnSecret() {
        Manifests m = render(Map.of("secret.name", "sync-credentials",
                "admin.tokenRef.secretName", "sync-admin", "admin.tokenRef.key", "token"));
        List<Map<String, Object>> env = at(container(m.one("Deployment")), "env");

        assertThat(env).filteredOn(e -> "SYNC_ADMIN_TOKEN".equals(e.get("name"))).singleElement()
                .satisfies(e -> assertThat(get(e, "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "sync-admin", "key", "token")));
        assertThat(env).filteredOn(e -> "SPOTDRAFT_CLIENT_SECRET".equals(e.get("name"))).singleElement()
                .satisfies(e -> assertThat(get(e, "valueFrom.secretKeyRef.name")).isEqualTo("sync-credentials"));
    }

    @Test
    void theChartCreatesTheSecretOnlyWhenAsked() {
        Manifests m = render(Map.of("secret.create", "true",
                "secret.stringData.spotdraft-client-secret", "literal-4711"));

        Map<String, Object> secret = m.one("Secret");
        assertThat(get(secret, "metadata.name")).isEqualTo("rel-spotdraft-sync");
        assertThat(get(secret, "stringData")).isEqualTo(Map.of("spotdraft-client-secret", "literal-4711"));
        assertThat((Map<String, Object>) get(m.one("Deployment"), "spec.template.metadata.annotations"))
                .containsKey("checksum/secret");
        // still read through secretKeyRef, never inlined into the pod
        assertThat(m.one("Deployment").toString()).doesNotContain("literal-4711");
    }

    @Test
    void snowflakeWithAKeyPairAndS3WithIrsa() throws IOException {
        Manifests m = render(values("""
                warehouse:
                  dialect: snowflake
                  url: jdbc:snowflake://acme-xy12345.snowflakecomputing.com
                  username: SPOTDRAFT_SYNC
                  schema: SPOTDRAFT
                  snowflake:
                    database: ANALYTICS
                    warehouse: LOAD_WH
                    role: SPOTDRAFT_LOADER
                    privateKeyRef:
                      secretName: snowflake-key
                      key: rsa_key.p8
                documents:
                  type: s3
                  s3:
                    bucket: acme-contracts
                    prefix: spotdraft
                    region: eu-west-1
                serviceAccount:
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/spotdraft-sync
                """));

        Map<String, Object> app = applicationYml(m);
        assertThat(get(app, "sync.warehouse.url")).isEqualTo("jdbc:snowflake://acme-xy12345.snowflakecomputing.com");
        assertThat(get(app, "sync.warehouse.database")).isEqualTo("ANALYTICS");
        assertThat(get(app, "sync.warehouse.warehouse")).isEqualTo("LOAD_WH");
        assertThat(get(app, "sync.warehouse.private-key-file")).isEqualTo("/app/secrets/snowflake/private-key.p8");
        assertThat(get(app, "sync.documents.location")).isEqualTo("s3://acme-contracts/spotdraft");
        assertThat(get(app, "sync.documents.s3.region")).isEqualTo("eu-west-1");

        Map<String, Object> deployment = m.one("Deployment");
        Map<String, Object> container = container(deployment);
        assertThat(mounts(container)).containsEntry("/app/secrets/snowflake", "snowflake-key");
        Map<String, Object> keyVolume = volume(at(deployment, "spec.template.spec"), "snowflake-key");
        assertThat(get(keyVolume, "secret.secretName")).isEqualTo("snowflake-key");
        assertThat(get(keyVolume, "secret.items")).isEqualTo(List.of(Map.of("key", "rsa_key.p8", "path", "private-key.p8")));
        // IRSA: no static AWS keys, the role on the ServiceAccount
        assertThat(envNames(container)).doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SYNC_WAREHOUSE_PASSWORD");
        assertThat(get(m.one("ServiceAccount"), "metadata.annotations.eks.amazonaws.com/role-arn"))
                .isEqualTo("arn:aws:iam::123456789012:role/spotdraft-sync");
    }

    @Test
    void s3WithStaticKeysReadsThemFromTheSecret() {
        Map<String, Object> container = container(render(Map.of("documents.type", "s3", "documents.s3.bucket", "b",
                "documents.s3.credentials.enabled", "true")).one("Deployment"));
        List<Map<String, Object>> env = at(container, "env");

        assertThat(env).filteredOn(e -> ((String) e.get("name")).startsWith("AWS_")).hasSize(2)
                .allSatisfy(e -> assertThat(get(e, "valueFrom.secretKeyRef.key")).isIn("aws-access-key-id", "aws-secret-access-key"));
        assertThatThrownBy(() -> render(Map.of("documents.type", "s3")))
                .hasMessageContaining("documents.s3.bucket is required");
    }

    @Test
    void notesTellTheWebhookUrlAndHowToRegisterIt() {
        // a client-only dry-run install renders NOTES.txt (helm template does not)
        Release release = helm.install().withName("rel").withNamespace("sync").withKubeVersion(KUBE_VERSION)
                .dryRun().clientOnly()
                .set("ingress.enabled", "true").set("ingress.tls[0].secretName", "sync-tls")
                .call();

        assertThat(release.getOutput())
                .contains("kubectl --namespace sync port-forward service/rel-spotdraft-sync 8080:8080")
                .contains("https://sync.example.com/webhooks/spotdraft")
                .contains("register-webhook", "--url https://sync.example.com/webhooks/spotdraft")
                .contains("export-incremental: export \"0 0/15 * * * ?\"");
    }

    @Test
    void withSeveralWorkspacesTheIngressRoutesEachWebhookPathAndTheNotesListEach() throws IOException {
        Path values = values("""
                ingress:
                  enabled: true
                  tls: [{secretName: sync-tls, hosts: [sync.example.com]}]
                workspaces:
                  uat:
                    region: eu
                    clientIdRef: {key: uat-client-id}
                    clientSecretRef: {key: uat-client-secret}
                  prod:
                    region: us
                    clientIdRef: {key: prod-client-id}
                    clientSecretRef: {key: prod-client-secret}
                """);
        Manifests m = render(values);

        List<Map<String, Object>> rules = at(m.one("Ingress"), "spec.rules");
        List<Map<String, Object>> paths = at(rules.get(0), "http.paths");
        assertThat(paths).extracting(p -> p.get("path"))
                .containsExactly("/webhooks/spotdraft/prod", "/webhooks/spotdraft/uat");
        assertThat(paths).allSatisfy(p -> {
            assertThat(get(p, "backend.service.name")).isEqualTo("rel-spotdraft-sync");
            assertThat(get(p, "backend.service.port.name")).isEqualTo("http");
        });

        Release release = helm.install().withName("rel").withNamespace("sync").withKubeVersion(KUBE_VERSION)
                .dryRun().clientOnly().withValuesFile(values).call();
        assertThat(release.getOutput())
                .contains("of workspaces prod, uat")
                .contains("https://sync.example.com/webhooks/spotdraft/prod   (prod)")
                .contains("https://sync.example.com/webhooks/spotdraft/uat   (uat)")
                .contains("register-webhook \\\n    --workspace prod --url https://sync.example.com/webhooks/spotdraft/prod")
                .contains("--workspace uat --url https://sync.example.com/webhooks/spotdraft/uat")
                .doesNotContain("https://sync.example.com/webhooks/spotdraft\n");
    }

    @Test
    void theNetworkPolicyLetsOnlyTheIngressControllerAndMonitoringIn() throws IOException {
        assertThat(render(Map.of()).all("NetworkPolicy")).as("off by default").isEmpty();

        Map<String, Object> policy = render(values("""
                networkPolicy:
                  enabled: true
                  ingressController:
                    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                    podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
                  extraFrom:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}
                """)).one("NetworkPolicy");

        assertThat(get(policy, "spec.podSelector.matchLabels")).isEqualTo(Map.of(
                "app.kubernetes.io/name", "spotdraft-sync", "app.kubernetes.io/instance", "rel"));
        assertThat(get(policy, "spec.policyTypes")).isEqualTo(List.of("Ingress"));
        List<Map<String, Object>> rules = at(policy, "spec.ingress");
        assertThat(rules).hasSize(3).allSatisfy(rule ->
                assertThat(rule.get("ports")).isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP"))));
        assertThat(rules.get(0).get("from")).isEqualTo(List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")),
                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "ingress-nginx")))));
        assertThat(rules.get(1).get("from")).isEqualTo(List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")))));
        assertThat(rules.get(2).get("from")).isEqualTo(List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ops")))));
        assertThatThrownBy(() -> render(Map.of("networkPolicy.enabled", "true", "networkPolicy.monitoring.selector", "x")))
                .hasMessageContaining("schema").hasMessageContaining("selector");
    }

    @Test
    void grafanaDashboardIsJsonWithAQueryInEveryPanel() throws IOException {
        // JSON is YAML: SnakeYAML reads it without another parser on the test class path
        Map<String, Object> dashboard = yaml(Files.readString(DASHBOARD));
        List<Map<String, Object>> panels = at(dashboard, "panels");

        assertThat(dashboard.get("title")).isEqualTo("spotdraft-sync");
        assertThat(panels).hasSizeGreaterThanOrEqualTo(9);
        assertThat(panels).extracting(p -> p.get("id")).doesNotHaveDuplicates();
        assertThat(panels).filteredOn(p -> !"row".equals(p.get("type"))).allSatisfy(p -> {
            List<Map<String, Object>> targets = at(p, "targets");
            assertThat(targets).isNotEmpty().allSatisfy(t -> assertThat((String) t.get("expr")).isNotBlank());
        });
        String text = Files.readString(DASHBOARD);
        assertThat(text).contains("spotdraft_api_requests_seconds_count", "sync_freshness_seconds", "sync_webhook_deliveries_total",
                "sync_job").doesNotContain("exported_job");
    }

    // ------------------------------------------------------------------------------------------------

    private Manifests render(Map<String, String> set) {
        TemplateCommand template = helm.template().withName("rel").withNamespace("sync").withKubeVersion(KUBE_VERSION);
        for (Map.Entry<String, String> e : set.entrySet()) {
            template = template.set(e.getKey(), e.getValue());
        }
        return new Manifests(template.call());
    }

    private Manifests render(Path valuesFile) {
        return new Manifests(helm.template().withName("rel").withNamespace("sync").withKubeVersion(KUBE_VERSION)
                .withValuesFile(valuesFile).call());
    }

    private Path values(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "values", ".yaml"), yaml);
    }

    private static Map<String, Object> applicationYml(Manifests m) {
        return yaml(at(m.named("ConfigMap", "rel-spotdraft-sync"), "data.application.yml"));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = at(deployment, "spec.template.spec.containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> mounts(Map<String, Object> container) {
        List<Map<String, Object>> mounts = at(container, "volumeMounts");
        return mounts.stream().collect(Collectors.toMap(v -> (String) v.get("mountPath"), v -> (String) v.get("name")));
    }

    private static Map<String, Object> volume(Map<String, Object> pod, String name) {
        List<Map<String, Object>> volumes = at(pod, "volumes");
        return volumes.stream().filter(v -> name.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + volumes));
    }

    private static List<String> envNames(Map<String, Object> container) {
        List<Map<String, Object>> env = at(container, "env");
        return env.stream().map(e -> (String) e.get("name")).toList();
    }

    private static String envValue(Map<String, Object> container, String name) {
        List<Map<String, Object>> env = at(container, "env");
        return env.stream().filter(e -> name.equals(e.get("name"))).map(e -> (String) e.get("value")).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    /**
     * A value by path: keys separated by dots, except that a key of the map itself may contain dots or
     * slashes (annotation names, "application.yml"): the longest key that matches is taken.
     */
    private static Object get(Map<String, Object> map, String path) {
        return at(map, path);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String path) {
        Object current = map;
        String rest = path;
        while (!rest.isEmpty()) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            String key = null;
            for (Object k : m.keySet()) {
                String candidate = String.valueOf(k);
                if ((rest.equals(candidate) || rest.startsWith(candidate + "."))
                        && (key == null || candidate.length() > key.length())) {
                    key = candidate;
                }
            }
            if (key == null) {
                return null;
            }
            current = m.get(key);
            rest = rest.length() == key.length() ? "" : rest.substring(key.length() + 1);
        }
        return (T) current;
    }

    private static Map<String, Object> flatten(Map<String, Object> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> n = (Map<String, Object>) nested;
                flatten(n).forEach((nk, nv) -> flat.put(k + "." + nk, nv));
            } else {
                flat.put(k, v);
            }
        });
        return flat;
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** The documents of one `helm template` output. */
    private static final class Manifests {
        private final String text;
        private final List<Map<String, Object>> documents = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Manifests(String text) {
            this.text = text;
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (doc != null) {
                    documents.add((Map<String, Object>) doc);
                }
            }
        }

        String text() {
            return text;
        }

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> found = all(kind);
            assertThat(found).as("manifests of kind %s", kind).hasSize(1);
            return found.get(0);
        }

        Map<String, Object> named(String kind, String name) {
            return all(kind).stream().filter(d -> name.equals(get(d, "metadata.name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        }
    }
}
