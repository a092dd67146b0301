package dev.platform.genai.cost;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Authorization header for Cloud Monitoring's Prometheus API: Application Default Credentials
 * (the operator's Workload Identity, as for IAM) with the read-only monitoring scope. The identity
 * needs roles/monitoring.viewer on the scoping project GENAI_MANAGED_METRICS_URL names.
 */
public final class GoogleMonitoringAuth {
  static final String SCOPE = "https://www.googleapis.com/auth/monitoring.read";

  private GoogleMonitoringAuth() {}

  /**
   * @param mode GENAI_GCP_CREDENTIALS: adc, or none (no header: a proxy or a test endpoint)
   */
  public static Supplier<String> bearer(String mode) throws IOException {
    if (!"adc".equals(mode)) {
      return () -> null;
    }
    GoogleCredentials credentials =
        GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE));
    return () -> {
      try {
        credentials.refreshIfExpired();
        return "Bearer " + credentials.getAccessToken().getTokenValue();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
