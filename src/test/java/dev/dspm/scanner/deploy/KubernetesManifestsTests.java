package dev.dspm.scanner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.metrics.PushgatewaySettings;
import dev.dspm.scanner.notify.NotifySettings;

/**
 * The manifests in deploy/kubernetes against the Kubernetes JSON schemas of their kinds (vendored in
 * src/test/resources/kubernetes-schemas, strict: an unknown or misspelt field fails), then the settings a
 * nightly, unprivileged, key-safe run depends on.
 */
class KubernetesManifestsTests {

    static final Path DIR = Path.of("deploy/kubernetes");
    static final String POLICIES_PATH = "/opt/dspm-scanner/policies";
    static final String REPORTS_PATH = "/var/lib/dspm-scanner/reports";

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyManifestMatchesTheKubernetesSchemaOfItsKind() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>(load("cronjob.yaml"));
        documents.addAll(load("secret.example.yaml"));
        documents.add(generatedPoliciesConfigMap());
        documents.addAll(load("networkpolicy.yaml"));
        assertThat(documents).extracting(doc -> doc.get("kind"))
                .containsExactly("CronJob", "Secret", "Secret", "Secret", "ConfigMap", "NetworkPolicy");
        for (Map<String, Object> document : documents) {
            assertThat(schemaErrors(document)).as("%s %s", document.get("kind"), at(document, "metadata", "name")).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsAMisspeltField() throws IOException {
        Map<String, Object> cronJob = cronJob();
        map(cronJob, "spec").put("concurrencypolicy", map(cronJob, "spec").remove("concurrencyPolicy"));
        assertThat(schemaErrors(cronJob)).extracting(Error::getMessage).anyMatch(m -> m.contains("concurrencypolicy"));
    }

    @Test
    void theCronJobRunsNightlyOneAtATimeWithinDeadlines() throws IOException {
        Map<String, Object> spec = map(cronJob(), "spec");
        assertThat((String) spec.get("schedule")).matches("\\d+ \\d+ \\* \\* \\*");
        assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
        assertThat((Integer) spec.get("startingDeadlineSeconds")).isPositive();
        Map<String, Object> job = map(spec, "jobTemplate", "spec");
        assertThat((Integer) job.get("backoffLimit")).isBetween(0, 3);
        assertThat((Integer) job.get("activeDeadlineSeconds")).isPositive();
        Map<String, Object> resources = map(container(), "resources");
        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).containsKeys("cpu", "memory");
    }

    @Test
    void thePodRunsUnprivilegedWithoutAToken() throws IOException {
        Map<String, Object> pod = podSpec();
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
        Map<String, Object> podSecurity = map(pod, "securityContext");
        assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
        assertThat(map(podSecurity, "seccompProfile")).containsEntry("type", "RuntimeDefault");
        Map<String, Object> security = map(container(), "securityContext");
        assertThat(security).containsEntry("runAsNonRoot", true)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
        assertThat(map(security, "seccompProfile")).containsEntry("type", "RuntimeDefault");
    }

    @Test
    void keysComeFromSecretFilesTheAppReads() throws IOException {
        Map<String, Object> env = env();
        String keysDir = mountPath("manus-keys");
        assertThat(env).containsKeys(ApiKeys.AUDIT_KEY_FILE_ENV).as("the nightly scan holds the read-only key alone")
                .doesNotContainKeys(ApiKeys.AUDIT_KEY_ENV, ApiKeys.MGMT_KEY_ENV, ApiKeys.MGMT_KEY_FILE_ENV);
        assertThat((String) env.get(ApiKeys.AUDIT_KEY_FILE_ENV)).startsWith(keysDir + "/");
        String secretName = (String) map(volume("manus-keys"), "secret").get("secretName");
        Map<String, Object> secret = load("secret.example.yaml").stream()
                .filter(doc -> secretName.equals(at(doc, "metadata", "name"))).findFirst().orElseThrow();
        assertThat(map(secret, "stringData")).containsOnlyKeys(fileName(env.get(ApiKeys.AUDIT_KEY_FILE_ENV)));
        assertThat(map(secret, "stringData").values()).allMatch(value -> value.toString().contains("REPLACE-WITH")
                || value.toString().contains(".invalid"));
    }

    @Test
    void notificationCredentialsComeFromSecretFilesTheAppReads() throws IOException {
        Map<String, Object> env = env();
        String dir = mountPath("notify-secrets");
        assertThat(env).as("no credential of a channel as a plain value").doesNotContainKeys("DSPM_NOTIFY_SLACK_WEBHOOK_URL",
                "DSPM_NOTIFY_TEAMS_WEBHOOK_URL", "DSPM_NOTIFY_WEBHOOK_URL", "DSPM_NOTIFY_WEBHOOK_SECRET", "SPRING_MAIL_PASSWORD");
        Map<String, Object> values = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (value instanceof String text) {
                values.put(name, text);
            }
        });
        NotifySettings settings = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, values))).bindOrCreate("dspm.notify",
                NotifySettings.class);
        Path slack = settings.slack().webhookUrlFile();
        assertThat(slack).as("dspm.notify.slack.webhook-url-file, bound as the job binds it").isNotNull();
        assertThat(slack.getParent().toString()).isEqualTo(dir);
        String secretName = (String) map(volume("notify-secrets"), "secret").get("secretName");
        assertThat(map(volume("notify-secrets"), "secret")).containsEntry("defaultMode", 0400);
        Map<String, Object> secret = load("secret.example.yaml").stream()
                .filter(doc -> secretName.equals(at(doc, "metadata", "name"))).findFirst().orElseThrow();
        assertThat(map(secret, "stringData")).containsOnlyKeys(slack.getFileName().toString());
        assertThat(map(secret, "stringData").values()).allMatch(value -> value.toString().contains("REPLACE-WITH"));
    }

    @Test
    void theDatabaseComesFromASecret() throws IOException {
        Map<String, Object> env = env();
        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            assertThat(env.get(name)).as(name).isInstanceOf(Map.class);
            assertThat(at(asMap(env.get(name)), "secretKeyRef", "name")).as(name).isEqualTo("dspm-scanner-database");
        }
    }

    @Test
    void policiesAndReportsAreMountedWhereTheSettingsPoint() throws IOException {
        Map<String, Object> env = env();
        assertThat(env).containsEntry("DSPM_POLICIES_DIR", POLICIES_PATH).containsEntry("DSPM_REPORT_DIR", REPORTS_PATH);
        assertThat(mountPath("policies")).isEqualTo(POLICIES_PATH);
        assertThat(map(volume("policies"), "configMap")).containsEntry("name", "dspm-scanner-policies");
        assertThat(mountPath("reports")).isEqualTo(REPORTS_PATH);
        assertThat(volume("reports")).containsKey("emptyDir");
        assertThat(mountPath("tmp")).isEqualTo("/tmp");
    }

    @Test
    void theRunsMetricsArePushedToTheClustersPushgateway() throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        env().forEach((name, value) -> {
            if (value instanceof String text) {
                values.put(name, text);
            }
        });
        // bound as the job binds them: Boot's relaxed binding of environment variables
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, values)));
        PushgatewaySettings settings = binder.bindOrCreate("management.prometheus.metrics.export.pushgateway",
                PushgatewaySettings.class);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.address()).isEqualTo("prometheus-pushgateway.monitoring.svc:9091");
    }

    @Test
    void thePoliciesConfigMapCarriesEveryPolicyFile() throws IOException {
        List<String> expected;
        try (Stream<Path> files = Files.list(Path.of("policies"))) {
            expected = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".drl") || name.equals("settings.yaml") || name.equals("exceptions.yaml"))
                    .toList();
        }
        assertThat(map(generatedPoliciesConfigMap(), "data")).containsOnlyKeys(expected);
    }

    /** A policy file that reached for a key would find no route: only DNS, HTTPS outside the cluster, the database, the Pushgateway. */
    @Test
    void theJobReachesOnlyTheApiTheDatabaseAndThePushgatewayAndNothingReachesIt() throws IOException {
        Map<String, Object> policy = load("networkpolicy.yaml").get(0);
        Map<String, Object> spec = map(policy, "spec");

        assertThat(map(cronJob(), "spec", "jobTemplate", "spec", "template", "metadata", "labels"))
                .containsAllEntriesOf(asMap(map(spec, "podSelector").get("matchLabels")));
        assertThat(asList(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(spec).doesNotContainKey("ingress");
        List<Map<String, Object>> egress = asList(spec.get("egress")).stream().map(KubernetesManifestsTests::asMap).toList();
        assertThat(egress).allSatisfy(rule -> assertThat(rule).containsKeys("to", "ports"));
        assertThat(egress).extracting(rule -> asList(rule.get("ports")).stream().map(port -> asMap(port).get("port")).toList())
                .containsExactly(List.of(53, 53), List.of(443), List.of(5432), List.of(9091));
        List<Map<String, Object>> internet = asList(egress.get(1).get("to")).stream().map(to -> asMap(asMap(to).get("ipBlock"))).toList();
        assertThat(internet).extracting(block -> block.get("cidr")).containsExactly("0.0.0.0/0", "::/0");
        assertThat(asList(internet.get(0).get("except"))).as("the cloud metadata endpoint and the cluster's own addresses")
                .contains("169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8");
        assertThat(env().get("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS")).asString().endsWith(":9091");
    }

    @Test
    void thePoliciesConfigMapIsImmutable() throws IOException {
        assertThat(generatedPoliciesConfigMap()).containsEntry("immutable", true);
    }

    /** The container's image is set by digest in the kustomization (issue 26 item 19), never by a tag that can move. */
    @Test
    void theImageIsSetByDigestNotByATag() throws IOException {
        String image = (String) container().get("image");
        assertThat(image).doesNotContain(":").doesNotContain("@");
        Map<String, Object> kustomization = load("kustomization.yaml").get(0);
        assertThat(asList(kustomization.get("images"))).singleElement().satisfies(entry -> {
            assertThat(asMap(entry)).containsEntry("name", image).doesNotContainKey("newTag");
            assertThat((String) asMap(entry).get("digest")).matches("sha256:[0-9a-f]{64}");
        });
    }

    /** The ConfigMap kustomize's configMapGenerator makes: each listed file under its file name, with its options. */
    private static Map<String, Object> generatedPoliciesConfigMap() throws IOException {
        Map<String, Object> kustomization = load("kustomization.yaml").get(0);
        assertThat(asList(kustomization.get("resources"))).containsExactly("cronjob.yaml", "networkpolicy.yaml");
        Map<String, Object> generator = asMap(asList(kustomization.get("configMapGenerator")).get(0));
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object file : asList(generator.get("files"))) {
            Path path = DIR.resolve(file.toString()).normalize();
            data.put(path.getFileName().toString(), Files.readString(path));
        }
        Map<String, Object> configMap = new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", generator.get("name")), "data", data));
        if (generator.get("options") != null && Boolean.TRUE.equals(asMap(generator.get("options")).get("immutable"))) {
            configMap.put("immutable", true);
        }
        return configMap;
    }

    private static List<Error> schemaErrors(Map<String, Object> document) throws IOException {
        String file = switch ((String) document.get("kind")) {
            case "CronJob" -> "cronjob-batch-v1.json";
            case "Secret" -> "secret-v1.json";
            case "ConfigMap" -> "configmap-v1.json";
            case "NetworkPolicy" -> "networkpolicy-networking-v1.json";
            default -> throw new AssertionError("no schema vendored for " + document.get("kind"));
        };
        try (InputStream in = KubernetesManifestsTests.class.getResourceAsStream("/kubernetes-schemas/" + file)) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            // openapi2jsonschema names the unversioned "http://json-schema.org/schema#", which the validator
            // would fetch; the schemas are written in draft 4, the registry's default dialect.
            schema.remove("$schema");
            return SCHEMAS.getSchema(schema).validate(JSON.valueToTree(document));
        }
    }

    static List<Map<String, Object>> load(String file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(DIR.resolve(file)))) {
            documents.add(asMap(document));
        }
        return documents;
    }

    private static Map<String, Object> cronJob() throws IOException {
        return load("cronjob.yaml").get(0);
    }

    private static Map<String, Object> podSpec() throws IOException {
        return map(cronJob(), "spec", "jobTemplate", "spec", "template", "spec");
    }

    private static Map<String, Object> container() throws IOException {
        List<Object> containers = asList(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return asMap(containers.get(0));
    }

    /** Each variable's literal value, or its valueFrom. */
    private static Map<String, Object> env() throws IOException {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object entry : asList(container().get("env"))) {
            Map<String, Object> variable = asMap(entry);
            env.put((String) variable.get("name"), variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
        }
        return env;
    }

    static String mountPath(String volume) throws IOException {
        return asList(container().get("volumeMounts")).stream().map(KubernetesManifestsTests::asMap)
                .filter(mount -> volume.equals(mount.get("name"))).map(mount -> (String) mount.get("mountPath"))
                .findFirst().orElseThrow(() -> new AssertionError("no mount of volume " + volume));
    }

    private static Map<String, Object> volume(String name) throws IOException {
        return asList(podSpec().get("volumes")).stream().map(KubernetesManifestsTests::asMap)
                .filter(volume -> name.equals(volume.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String fileName(Object path) {
        return Path.of(path.toString()).getFileName().toString();
    }

    private static Object at(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            value = asMap(value).get(key);
        }
        return value;
    }

    private static Map<String, Object> map(Map<String, Object> map, String... keys) {
        return asMap(at(map, keys));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
