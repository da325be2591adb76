package org.muster.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The operator's files under {@code deploy/}, read as the tests need them (paths from the project folder). */
final class DeployFiles {

    static final Path DEPLOY = Path.of("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");
    static final Path ALERT_TESTS = DEPLOY.resolve("prometheus/alerts.test.yml");
    static final Path DASHBOARD = DEPLOY.resolve("grafana/muster.json");
    static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");

    /** A metric name as PromQL writes it: Muster's own, or Prometheus' {@code up}. */
    private static final Pattern METRIC = Pattern.compile("\\b(muster_[a-z0-9_]+|up)\\b(\\{[^}]*})?");

    private DeployFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file, parsed with SnakeYAML's safe constructor (anchors and merge keys resolved). */
    static List<Object> yamlDocuments(Path file) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        List<Object> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " holds " + documents.size() + " documents, not one");
        }
        return (Map<String, Object>) documents.get(0);
    }

    /** {@code a.b.c} in nested maps; null when a step is missing. */
    @SuppressWarnings("unchecked")
    static Object at(Object root, String path) {
        Object node = root;
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(step);
        }
        return node;
    }

    /** The default of a {@code ${ENV:default}} value in application.yml, or the value itself. */
    static String defaultOf(Object value) {
        String text = String.valueOf(value);
        Matcher placeholder = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(text);
        return placeholder.matches() ? placeholder.group(1) : text;
    }

    /** The PromQL expressions of alerts.yml's rules. */
    @SuppressWarnings("unchecked")
    static List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Object group : (List<Object>) yaml(ALERTS).get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                expressions.add(String.valueOf(((Map<String, Object>) rule).get("expr")));
            }
        }
        return expressions;
    }

    /** The PromQL expressions of the dashboard's panels, as Grafana stores them ($variables unreplaced). */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        Matcher expr = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(read(DASHBOARD));
        while (expr.find()) {
            expressions.add(expr.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return expressions;
    }

    /** A metric and its selector's label matchers as written ({@code name="value"}, {@code name!="value"} ...). */
    record Use(String metric, String selector) {
    }

    static Set<Use> metricUses(List<String> expressions) {
        Set<Use> uses = new LinkedHashSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                uses.add(new Use(metric.group(1), metric.group(2) == null ? "" : metric.group(2)));
            }
        }
        return uses;
    }
}
