package org.muster.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The Kubernetes manifests, compose.yaml, the Dockerfile and nginx's conf agree with the
 * application: they parse, the probes ask the management port's health groups that exist, the
 * Ingress and nginx serve the webhook path Muster listens on, and the grace period covers the
 * graceful shutdown.
 */
class DeployFilesTest {

    private static final Map<String, Object> APPLICATION = DeployFiles.yaml(DeployFiles.APPLICATION_YML);

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.KUBERNETES)) {
            List<Path> kubernetes = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
            return Stream.concat(kubernetes.stream(), Stream.of(DeployFiles.DEPLOY.resolve("compose.yaml"))).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest(String kind) throws IOException {
        List<Map<String, Object>> found = yamlFiles().stream().filter(f -> f.startsWith(DeployFiles.KUBERNETES))
                .flatMap(f -> DeployFiles.yamlDocuments(f).stream()).map(d -> (Map<String, Object>) d)
                .filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container() throws IOException {
        List<Object> containers = (List<Object>) DeployFiles.at(manifest("Deployment"), "spec.template.spec.containers");
        assertThat(containers).hasSize(1);
        return (Map<String, Object>) containers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> containerPorts() throws IOException {
        return ((List<Object>) container().get("ports")).stream().map(p -> (Map<String, Object>) p)
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
    }

    private static String webhookPath() {
        return String.valueOf(DeployFiles.at(APPLICATION, "muster.telegram.webhook-path"));
    }

    @Test
    void everyKubernetesFileAndComposeParseAsYaml() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files.stream().map(f -> f.getFileName().toString())).contains("deployment.yaml", "service.yaml", "ingress.yaml",
                "poddisruptionbudget.yaml", "horizontalpodautoscaler.yaml", "configmap.yaml", "secret.example.yaml", "compose.yaml");
        for (Path file : files) {
            List<Object> documents = DeployFiles.yamlDocuments(file);
            assertThat(documents).as(file.toString()).isNotEmpty().allSatisfy(d -> assertThat(d).isInstanceOf(Map.class));
            if (file.startsWith(DeployFiles.KUBERNETES)) {
                assertThat(documents).as(file.toString())
                        .allSatisfy(d -> assertThat(((Map<?, ?>) d).containsKey("apiVersion") && ((Map<?, ?>) d).containsKey("kind")).as("apiVersion and kind").isTrue());
            }
        }
        Set<Object> kinds = yamlFiles().stream().filter(f -> f.startsWith(DeployFiles.KUBERNETES))
                .flatMap(f -> DeployFiles.yamlDocuments(f).stream()).map(d -> ((Map<?, ?>) d).get("kind")).collect(Collectors.toSet());
        assertThat(kinds).contains("Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ConfigMap",
                "Secret", "Kustomization");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProbesAskTheManagementPortForHealthGroupsThatExist() throws IOException {
        int managementPort = Integer.parseInt(DeployFiles.defaultOf(DeployFiles.at(APPLICATION, "management.server.port")));
        int serverPort = (Integer) DeployFiles.at(APPLICATION, "server.port");
        Map<String, Integer> ports = containerPorts();
        assertThat(ports).containsEntry("management", managementPort).containsEntry("http", serverPort);
        Map<String, Object> groups = (Map<String, Object>) DeployFiles.at(APPLICATION, "management.endpoint.health.group");
        assertThat(DeployFiles.at(APPLICATION, "management.endpoint.health.probes.enabled")).isEqualTo(true);

        Map<String, Object> container = container();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> http = (Map<String, Object>) DeployFiles.at(container.get(probe), "httpGet");
            assertThat(http).as(probe).isNotNull();
            assertThat(ports.get(String.valueOf(http.get("port")))).as(probe + " port").isEqualTo(managementPort);
            String path = (String) http.get("path");
            assertThat(path).as(probe).startsWith("/actuator/health/");
            assertThat(groups).as(probe + " asks a health group application.yml defines").containsKey(path.substring("/actuator/health/".length()));
        }
        assertThat(DeployFiles.at(container.get("livenessProbe"), "httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(DeployFiles.at(container.get("readinessProbe"), "httpGet.path")).isEqualTo("/actuator/health/readiness");
    }

    @Test
    @SuppressWarnings("unchecked")
    void configurationComesFromTheConfigMapAndTheSecretAndTheManagementPortListensOnAllAddresses() throws IOException {
        List<Object> envFrom = (List<Object>) container().get("envFrom");
        assertThat(envFrom).extracting(e -> DeployFiles.at(e, "configMapRef.name")).contains(DeployFiles.at(manifest("ConfigMap"), "metadata.name"));
        assertThat(envFrom).extracting(e -> DeployFiles.at(e, "secretRef.name")).contains(DeployFiles.at(manifest("Secret"), "metadata.name"));
        Map<String, Object> config = (Map<String, Object>) manifest("ConfigMap").get("data");
        assertThat(config).containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0").containsEntry("MUSTER_TELEGRAM_MODE", "webhook");
        assertThat(String.valueOf(config.get("MUSTER_TELEGRAM_WEBHOOK_URL"))).endsWith(webhookPath());
        Map<String, Object> secret = (Map<String, Object>) manifest("Secret").get("stringData");
        assertThat(secret).containsKeys("MUSTER_TELEGRAM_TOKEN", "MUSTER_TELEGRAM_WEBHOOK_SECRET", "SPRING_DATASOURCE_PASSWORD", "MUSTER_REDIS_URL");
        // nothing secret in the ConfigMap, every name one Muster reads
        Set<String> known = envNamesOfTheExample();
        known.addAll(Set.of("JAVA_TOOL_OPTIONS", "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE"));
        assertThat(config.keySet()).doesNotContain("MUSTER_TELEGRAM_TOKEN", "SPRING_DATASOURCE_PASSWORD").isSubsetOf(known);
        assertThat(secret.keySet()).isSubsetOf(known);
    }

    @Test
    void theGracePeriodCoversTheGracefulShutdown() throws IOException {
        assertThat(DeployFiles.at(APPLICATION, "server.shutdown")).isEqualTo("graceful");
        Duration phase = DurationStyle.detectAndParse(String.valueOf(DeployFiles.at(APPLICATION, "spring.lifecycle.timeout-per-shutdown-phase")));
        Map<String, Object> deployment = manifest("Deployment");
        int grace = (Integer) DeployFiles.at(deployment, "spec.template.spec.terminationGracePeriodSeconds");
        // the preStop pause comes out of the same grace period
        assertThat(grace).isGreaterThanOrEqualTo((int) phase.toSeconds() + 5 + 10);
        assertThat(DeployFiles.at(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
        assertThat(DeployFiles.at(container(), "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(DeployFiles.at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIngressServesTheWebhookAndThePagesTheBotLinksToOnTheServicesBotPort() throws IOException {
        List<Object> paths = (List<Object>) DeployFiles.at(((List<Object>) DeployFiles.at(manifest("Ingress"), "spec.rules")).get(0), "http.paths");
        // the webhook, exactly; the pages the bot links to (console, certificate checks, calendars) and the figures API
        assertThat(paths).extracting(p -> DeployFiles.at(p, "path") + " " + DeployFiles.at(p, "pathType"))
                .containsExactly(webhookPath() + " Exact", "/app Prefix", "/verify Prefix", "/calendar Prefix", "/api Prefix");
        assertThat(webhookPath()).isEqualTo("/telegram/webhook");
        Map<String, Object> service = manifest("Service");
        for (Object path : paths) {
            assertThat(DeployFiles.at(path, "backend.service.name")).isEqualTo(DeployFiles.at(service, "metadata.name"));
            Map<String, Object> httpPort = ((List<Object>) DeployFiles.at(service, "spec.ports")).stream().map(p -> (Map<String, Object>) p)
                    .filter(p -> p.get("name").equals(DeployFiles.at(path, "backend.service.port.name"))).findFirst().orElseThrow();
            assertThat(httpPort.get("targetPort")).isEqualTo("http");
        }
        Object podLabels = DeployFiles.at(manifest("Deployment"), "spec.template.metadata.labels");
        assertThat(DeployFiles.at(service, "spec.selector")).isEqualTo(podLabels);
        assertThat(DeployFiles.at(manifest("PodDisruptionBudget"), "spec.selector.matchLabels")).isEqualTo(podLabels);
        Map<String, Object> hpa = manifest("HorizontalPodAutoscaler");
        assertThat(DeployFiles.at(hpa, "spec.scaleTargetRef.name")).isEqualTo(DeployFiles.at(manifest("Deployment"), "metadata.name"));
        assertThat(DeployFiles.at(((List<Object>) DeployFiles.at(hpa, "spec.metrics")).get(0), "resource.name")).isEqualTo("cpu");
        assertThat((Integer) DeployFiles.at(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoWebhookInstancesBehindNginxWithPostgresAndRedis() throws IOException {
        Map<String, Object> compose = DeployFiles.yaml(DeployFiles.DEPLOY.resolve("compose.yaml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "redis", "muster-1", "muster-2", "nginx");
        assertThat(DeployFiles.at(services, "postgres.image")).isEqualTo("postgres:15");
        assertThat(DeployFiles.at(services, "redis.image")).isEqualTo("redis:7");
        Set<String> known = envNamesOfTheExample();
        known.add("JAVA_TOOL_OPTIONS");
        for (String instance : List.of("muster-1", "muster-2")) {
            Map<String, Object> environment = (Map<String, Object>) DeployFiles.at(services, instance + ".environment");
            assertThat(environment).as(instance).containsEntry("MUSTER_TELEGRAM_MODE", "webhook")
                    .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")
                    .containsEntry("MUSTER_REDIS_URL", "redis://redis:6379/0");
            assertThat(environment.keySet()).as(instance + ": names from deploy/muster.env.example").isSubsetOf(known);
            assertThat(DeployFiles.at(services, instance + ".build.dockerfile")).isEqualTo("deploy/Dockerfile");
        }
        String nginx = DeployFiles.read(DeployFiles.DEPLOY.resolve("nginx-compose.conf"));
        assertThat(nginx).contains("server muster-1:8080", "server muster-2:8080", "location = " + webhookPath() + " {");
        assertThat(String.valueOf(DeployFiles.at(services, "nginx.volumes"))).contains("./nginx-compose.conf:/etc/nginx/conf.d/default.conf");
    }

    @Test
    void theDockerfileRunsTheLayeredJarAsAnotherUserWithAHealthCheckOnReadiness() throws IOException {
        String dockerfile = DeployFiles.read(DeployFiles.DEPLOY.resolve("Dockerfile"));
        String pom = DeployFiles.read(Path.of("pom.xml"));
        // the jar Maven builds: target/<artifactId>-<version>.jar (no finalName in the pom)
        assertThat(pom).contains("<artifactId>muster</artifactId>").doesNotContain("<finalName>");
        assertThat(dockerfile).contains("ARG JAR_FILE=target/muster-*.jar")
                .contains("java -Djarmode=tools -jar muster.jar extract --layers --launcher")
                .contains("FROM ${BASE}").contains("ARG BASE=eclipse-temurin:17-jre")
                .contains("EXPOSE 8080 8081")
                .contains("MANAGEMENT_SERVER_ADDRESS=0.0.0.0")
                .contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=")
                .contains("/actuator/health/readiness")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("a USER line").isTrue();
        assertThat(user.group(1)).doesNotStartWith("0").doesNotStartWith("root");
        // the HEALTHCHECK comes after the USER, in the image that runs
        assertThat(dockerfile.indexOf("HEALTHCHECK")).isGreaterThan(dockerfile.lastIndexOf("FROM "));
    }

    /** The environment names deploy/muster.env.example mentions (set or commented out). */
    private static Set<String> envNamesOfTheExample() {
        Matcher name = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]+)=").matcher(DeployFiles.read(DeployFiles.DEPLOY.resolve("muster.env.example")));
        Set<String> names = new java.util.HashSet<>();
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }
}
