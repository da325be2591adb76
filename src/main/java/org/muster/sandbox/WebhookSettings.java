package org.muster.sandbox;

/** The webhook set with setWebhook, and how its last delivery went. */
final class WebhookSettings {

    String url;
    /** Empty when no secret was given; then no X-Telegram-Bot-Api-Secret-Token header is sent. */
    String secretToken = "";
    int maxConnections = 40;
    boolean hasCustomCertificate;
    String ipAddress;
    long lastErrorDate;
    String lastErrorMessage;
    /** Changes with every setWebhook, so a delivery started for an older webhook is not counted. */
    long generation;

    WebhookSettings() {
    }

    WebhookSettings(String url, String secretToken, int maxConnections, boolean hasCustomCertificate, String ipAddress) {
        this.url = url;
        this.secretToken = secretToken;
        this.maxConnections = maxConnections;
        this.hasCustomCertificate = hasCustomCertificate;
        this.ipAddress = ipAddress;
    }
}
