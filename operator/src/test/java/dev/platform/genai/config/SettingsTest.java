package dev.platform.genai.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
  @Test
  void unsetVariablesTakeTheirDefaults() {
    Settings s = Settings.from(Map.of());
    assertThat(s.gcpResourceManagerEndpoint())
        .isEqualTo(URI.create("https://cloudresourcemanager.googleapis.com/"));
    assertThat(s.gcpIamEndpoint()).isEqualTo(URI.create("https://iam.googleapis.com/"));
    assertThat(s.gcpCredentials()).isEqualTo("adc");
    assertThat(s.gcpClusterProject()).isEmpty();
    assertThat(s.cloudIamEnabled()).isFalse();
    assertThat(s.prometheusUrl()).isEmpty();
    assertThat(s.costEvaluationInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.managedMetricsUrl()).isEmpty();
    assertThat(s.costThreads()).isEqualTo(10);
    assertThat(s.leaderElection()).isFalse();
  }

  @Test
  void managedSpendAndTheCostPoolAreRead() {
    Settings s =
        Settings.from(
            Map.of(
                "GENAI_MANAGED_METRICS_URL",
                "https://monitoring.googleapis.com/v1/projects/acme-monitoring/location/global/prometheus",
                "GENAI_COST_THREADS",
                "4",
                "GENAI_COST_INLINE_WAIT",
                "PT1S")); // no longer read: ignored, not refused
    assertThat(s.managedMetricsUrl())
        .contains(
            URI.create(
                "https://monitoring.googleapis.com/v1/projects/acme-monitoring/location/global/prometheus"));
    assertThat(s.costThreads()).isEqualTo(4);
  }

  @Test
  void setVariablesAreRead() {
    Settings s =
        Settings.from(
            Map.of(
                "GENAI_GCP_CLUSTER_PROJECT",
                "acme-gke-prod",
                "GENAI_GCP_CREDENTIALS",
                "none",
                "GENAI_PROMETHEUS_URL",
                "http://127.0.0.1:9090",
                "GENAI_COST_EVALUATION_INTERVAL",
                "PT1M",
                "GENAI_LEADER_ELECTION",
                "true"));
    assertThat(s.gcpClusterProject()).contains("acme-gke-prod");
    assertThat(s.cloudIamEnabled()).isTrue();
    assertThat(s.prometheusUrl()).contains(URI.create("http://127.0.0.1:9090"));
    assertThat(s.costEvaluationInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.leaderElection()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GENAI_COST_EVALUATION_INTERVAL|10 minutes|expected an ISO-8601 duration such as PT10M",
        "GENAI_COST_EVALUATION_INTERVAL|PT0S|expected a positive ISO-8601 duration",
        "GENAI_GCP_CREDENTIALS|json-key|expected one of adc, none",
        "GENAI_PROMETHEUS_URL|prometheus:9090|expected an http(s) URL",
        "GENAI_GCP_IAM_ENDPOINT|ftp://iam|expected an http(s) URL",
        "GENAI_GCP_CLUSTER_PROJECT|Acme Prod|expected a Google Cloud project ID",
        "GENAI_RECONCILE_THREADS|0|expected a whole number from 1 to 200",
        "GENAI_LEADER_ELECTION|yes|expected true or false",
        "GENAI_MANAGED_METRICS_URL|monitoring.googleapis.com|expected an http(s) URL",
        "GENAI_COST_THREADS|0|expected a whole number from 1 to 200"
      })
  void aMalformedValueFailsFastNamingTheVariable(String variable, String value, String expected) {
    assertThatThrownBy(() -> Settings.from(Map.of(variable, value)))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(variable + "=\"" + value + "\" is not valid: ")
        .hasMessageContaining(expected);
  }
}
