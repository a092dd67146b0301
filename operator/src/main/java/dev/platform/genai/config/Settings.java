package dev.platform.genai.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the operator process, read from environment variables. A malformed value fails
 * fast with a message naming the variable; an unset one takes its default.
 */
public record Settings(
    URI gcpResourceManagerEndpoint,
    URI gcpIamEndpoint,
    String gcpCredentials,
    Optional<String> gcpClusterProject,
    Duration cloudIamRecheckInterval,
    Optional<URI> prometheusUrl,
    Duration costEvaluationInterval,
    Optional<URI> managedMetricsUrl,
    int costThreads,
    int reconcileThreads,
    boolean leaderElection,
    String leaderElectionNamespace,
    String leaderElectionLeaseName,
    int healthPort,
    int metricsPort,
    String logFormat,
    URI gcpStorageEndpoint) {

  public static final String GCP_RESOURCEMANAGER_ENDPOINT = "GENAI_GCP_RESOURCEMANAGER_ENDPOINT";
  public static final String GCP_IAM_ENDPOINT = "GENAI_GCP_IAM_ENDPOINT";
  public static final String GCP_STORAGE_ENDPOINT = "GENAI_GCP_STORAGE_ENDPOINT";
  public static final String GCP_CREDENTIALS = "GENAI_GCP_CREDENTIALS";
  public static final String GCP_CLUSTER_PROJECT = "GENAI_GCP_CLUSTER_PROJECT";
  public static final String CLOUD_IAM_RECHECK_INTERVAL = "GENAI_CLOUD_IAM_RECHECK_INTERVAL";
  public static final String PROMETHEUS_URL = "GENAI_PROMETHEUS_URL";
  public static final String COST_EVALUATION_INTERVAL = "GENAI_COST_EVALUATION_INTERVAL";
  public static final String MANAGED_METRICS_URL = "GENAI_MANAGED_METRICS_URL";
  public static final String COST_THREADS = "GENAI_COST_THREADS";
  public static final String RECONCILE_THREADS = "GENAI_RECONCILE_THREADS";
  public static final String LEADER_ELECTION = "GENAI_LEADER_ELECTION";
  public static final String LEADER_ELECTION_NAMESPACE = "GENAI_LEADER_ELECTION_NAMESPACE";
  public static final String LEADER_ELECTION_LEASE = "GENAI_LEADER_ELECTION_LEASE_NAME";
  public static final String HEALTH_PORT = "GENAI_HEALTH_PORT";
  public static final String METRICS_PORT = "GENAI_METRICS_PORT";
  public static final String LOG_FORMAT = "GENAI_LOG_FORMAT";

  public static final URI GOOGLE_RESOURCEMANAGER =
      URI.create("https://cloudresourcemanager.googleapis.com/");
  public static final URI GOOGLE_IAM = URI.create("https://iam.googleapis.com/");
  public static final URI GOOGLE_STORAGE = URI.create("https://storage.googleapis.com/");

  /** Settings from the process environment. */
  public static Settings fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * @throws SettingsException naming the first malformed variable
   */
  public static Settings from(Map<String, String> env) {
    return new Settings(
        url(env, GCP_RESOURCEMANAGER_ENDPOINT).orElse(GOOGLE_RESOURCEMANAGER),
        url(env, GCP_IAM_ENDPOINT).orElse(GOOGLE_IAM),
        oneOf(env, GCP_CREDENTIALS, "adc", "adc", "none"),
        matching(
            env,
            GCP_CLUSTER_PROJECT,
            "^[a-z][-a-z0-9]{4,28}[a-z0-9]$",
            "a Google Cloud project ID such as acme-gke-prod"),
        duration(env, CLOUD_IAM_RECHECK_INTERVAL, Duration.ofMinutes(10)),
        url(env, PROMETHEUS_URL),
        duration(env, COST_EVALUATION_INTERVAL, Duration.ofMinutes(10)),
        url(env, MANAGED_METRICS_URL),
        integer(env, COST_THREADS, 10, 1, 200),
        integer(env, RECONCILE_THREADS, 10, 1, 200),
        bool(env, LEADER_ELECTION, false),
        matching(
                env,
                LEADER_ELECTION_NAMESPACE,
                "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                "a namespace name")
            .orElse("default"),
        matching(env, LEADER_ELECTION_LEASE, "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "a Lease name")
            .orElse("genai-operator-leader"),
        integer(env, HEALTH_PORT, 8081, 0, 65535),
        integer(env, METRICS_PORT, 8080, 0, 65535),
        oneOf(env, LOG_FORMAT, "text", "text", "json"),
        url(env, GCP_STORAGE_ENDPOINT).orElse(GOOGLE_STORAGE));
  }

  /** The same settings, with leader election off (the sandbox has one operator). */
  public Settings withoutLeaderElection() {
    return new Settings(
        gcpResourceManagerEndpoint,
        gcpIamEndpoint,
        gcpCredentials,
        gcpClusterProject,
        cloudIamRecheckInterval,
        prometheusUrl,
        costEvaluationInterval,
        managedMetricsUrl,
        costThreads,
        reconcileThreads,
        false,
        leaderElectionNamespace,
        leaderElectionLeaseName,
        healthPort,
        metricsPort,
        logFormat,
        gcpStorageEndpoint);
  }

  /**
   * The same settings, with cloud IAM pointed at the given endpoints (the sandbox's fake of
   * Google).
   */
  public Settings withCloudIam(String clusterProject, URI endpoint) {
    return new Settings(
        endpoint,
        endpoint,
        "none",
        Optional.of(clusterProject),
        cloudIamRecheckInterval,
        prometheusUrl,
        costEvaluationInterval,
        managedMetricsUrl,
        costThreads,
        reconcileThreads,
        leaderElection,
        leaderElectionNamespace,
        leaderElectionLeaseName,
        healthPort,
        metricsPort,
        logFormat,
        endpoint);
  }

  public boolean cloudIamEnabled() {
    return gcpClusterProject.isPresent();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static Optional<URI> url(Map<String, String> env, String name) {
    return value(env, name)
        .map(
            v -> {
              try {
                URI u = URI.create(v);
                if (u.getScheme() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                  throw new IllegalArgumentException("not an http(s) URL");
                }
                return u;
              } catch (IllegalArgumentException e) {
                throw new SettingsException(
                    name, v, "an http(s) URL such as http://prometheus.monitoring:9090");
              }
            });
  }

  private static String oneOf(
      Map<String, String> env, String name, String dflt, String... allowed) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return dflt;
    }
    for (String a : allowed) {
      if (a.equals(v.get())) {
        return a;
      }
    }
    throw new SettingsException(name, v.get(), "one of " + String.join(", ", allowed));
  }

  private static Optional<String> matching(
      Map<String, String> env, String name, String regex, String what) {
    Optional<String> v = value(env, name);
    if (v.isPresent() && !v.get().matches(regex)) {
      throw new SettingsException(name, v.get(), what);
    }
    return v;
  }

  private static Duration duration(Map<String, String> env, String name, Duration dflt) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      Duration d = Duration.parse(v.get());
      if (d.isNegative() || d.isZero()) {
        throw new SettingsException(name, v.get(), "a positive ISO-8601 duration such as PT10M");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new SettingsException(name, v.get(), "an ISO-8601 duration such as PT10M");
    }
  }

  private static int integer(Map<String, String> env, String name, int dflt, int min, int max) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.get());
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new SettingsException(name, v.get(), "a whole number from " + min + " to " + max);
    }
  }

  private static boolean bool(Map<String, String> env, String name, boolean dflt) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.get().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new SettingsException(name, v.get(), "true or false");
    };
  }
}
