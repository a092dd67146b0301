package dev.platform.genai.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.resourcemanager.v3.ProjectsClient;
import com.google.cloud.resourcemanager.v3.ProjectsSettings;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import dev.platform.genai.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link IamPolicies} through Google's Java clients: Resource Manager v3 (HTTP/JSON transport) for
 * project policies and project numbers, IAM v1 (REST) for service-account policies. Endpoints and
 * credentials come from the settings, so a fake on loopback can stand in for Google.
 */
public final class GoogleIamPolicies implements IamPolicies, AutoCloseable {
  private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * gax's HTTP/JSON transport tries Conscrypt first and, when it is absent, logs a WARNING with a
   * NoClassDefFoundError through java.util.logging
   * (HttpJsonConscryptUtils.ConscryptProviderHolder). We exclude Conscrypt on purpose (REST over
   * the JDK's TLS), so that is no news: its logger is held here (a JUL logger's level lives only as
   * long as a strong reference to it) and set to SEVERE before any client is created.
   */
  private static final Logger CONSCRYPT_PROBE =
      Logger.getLogger("com.google.api.gax.httpjson.HttpJsonConscryptUtils");

  static {
    CONSCRYPT_PROBE.setLevel(Level.SEVERE);
  }

  private final ProjectsClient projects;
  private final Iam iam;
  private final Map<String, Long> numbers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

  private GoogleIamPolicies(ProjectsClient projects, Iam iam) {
    this.projects = projects;
    this.iam = iam;
  }

  public static GoogleIamPolicies create(Settings settings) throws IOException {
    GoogleCredentials credentials =
        "adc".equals(settings.gcpCredentials())
            ? GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE))
            : null;
    ProjectsSettings.Builder ps =
        ProjectsSettings.newHttpJsonBuilder()
            .setEndpoint(endpoint(settings.gcpResourceManagerEndpoint()))
            .setCredentialsProvider(
                credentials == null
                    ? NoCredentialsProvider.create()
                    : FixedCredentialsProvider.create(credentials));
    // one attempt per call, bounded: the reconcile's own backoff retries; a client-side retry loop
    // would hold a
    // reconcile thread for a minute during an outage
    ps.getIamPolicySettings()
        .setRetryableCodes(Set.of())
        .setSimpleTimeoutNoRetriesDuration(CALL_TIMEOUT);
    ps.setIamPolicySettings()
        .setRetryableCodes(Set.of())
        .setSimpleTimeoutNoRetriesDuration(CALL_TIMEOUT);
    ps.getProjectSettings()
        .setRetryableCodes(Set.of())
        .setSimpleTimeoutNoRetriesDuration(CALL_TIMEOUT);
    ProjectsClient projects = ProjectsClient.create(ps.build());
    HttpRequestInitializer auth =
        credentials == null ? r -> {} : new HttpCredentialsAdapter(credentials);
    HttpRequestInitializer init =
        request -> {
          auth.initialize(request);
          request.setConnectTimeout(20_000);
          request.setReadTimeout(30_000);
          request.setNumberOfRetries(0); // same reason as above
        };
    String root = settings.gcpIamEndpoint().toString();
    Iam iam =
        new Iam.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), init)
            .setRootUrl(root.endsWith("/") ? root : root + "/")
            .setApplicationName("genai-operator")
            .build();
    return new GoogleIamPolicies(projects, iam);
  }

  /** gax takes a full URL (http:// for a fake on loopback) or host:port. */
  private static String endpoint(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public IamPolicy get(String resource) throws CloudIamException {
    count("getIamPolicy");
    try {
      if (resource.contains("/serviceAccounts/")) {
        return new ServiceAccountIamPolicy(
            iam.projects()
                .serviceAccounts()
                .getIamPolicy(resource)
                .setOptionsRequestedPolicyVersion(3)
                .execute());
      }
      return new ProjectIamPolicy(
          projects.getIamPolicy(
              GetIamPolicyRequest.newBuilder()
                  .setResource(resource)
                  .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3))
                  .build()));
    } catch (ApiException | IOException e) {
      throw translate("getIamPolicy " + resource, e);
    }
  }

  @Override
  public IamPolicy set(String resource, IamPolicy policy) throws CloudIamException {
    count("setIamPolicy");
    try {
      if (policy instanceof ServiceAccountIamPolicy sa) {
        return new ServiceAccountIamPolicy(
            iam.projects()
                .serviceAccounts()
                .setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(sa.policy))
                .execute());
      } else {
        return new ProjectIamPolicy(
            projects.setIamPolicy(
                com.google.iam.v1.SetIamPolicyRequest.newBuilder()
                    .setResource(resource)
                    .setPolicy(((ProjectIamPolicy) policy).policy)
                    .build()));
      }
    } catch (ApiException | IOException e) {
      throw translate("setIamPolicy " + resource, e);
    }
  }

  @Override
  public long projectNumber(String projectId) throws CloudIamException {
    Long cached = numbers.get(projectId);
    if (cached != null) {
      return cached;
    }
    count("getProject");
    try {
      String name = projects.getProject("projects/" + projectId).getName(); // projects/123456789
      long number = Long.parseLong(name.substring(name.lastIndexOf('/') + 1));
      numbers.put(projectId, number);
      return number;
    } catch (ApiException e) {
      throw translate("getProject " + projectId, e);
    } catch (NumberFormatException e) {
      throw new CloudIamException(
          CloudIamException.Kind.TRANSIENT,
          "getProject " + projectId + " returned no project number",
          e);
    }
  }

  @Override
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void count(String method) {
    calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
  }

  static CloudIamException translate(String call, Exception e) {
    int status;
    String detail = e.getMessage();
    java.util.Set<String> subjects = new java.util.TreeSet<>();
    if (e instanceof ApiException api) {
      status = api.getStatusCode().getCode().getHttpStatusCode();
      // gax parses google.rpc error details: a PreconditionFailure names what broke it (an
      // organization policy
      // constraint names the member)
      if (api.getErrorDetails() != null && api.getErrorDetails().getPreconditionFailure() != null) {
        api.getErrorDetails()
            .getPreconditionFailure()
            .getViolationsList()
            .forEach(v -> subjects.add(v.getSubject()));
      }
    } else if (e instanceof GoogleJsonResponseException g) {
      status = g.getStatusCode();
      detail = g.getDetails() != null ? g.getDetails().getMessage() : g.getStatusMessage();
      subjects.addAll(preconditionSubjects(g.getContent()));
    } else if (e instanceof HttpResponseException h) {
      status = h.getStatusCode();
    } else {
      status = 503; // connection refused, timeout: the cloud is unreachable
    }
    CloudIamException.Kind kind = CloudIamException.kindOf(status);
    subjects.removeIf(s -> s == null || s.isBlank());
    return new CloudIamException(
        kind, call + " failed (HTTP " + status + "): " + detail, e, subjects);
  }

  /**
   * The subjects of a google.rpc.PreconditionFailure in a JSON error body ({@code error.details[]}
   * with {@code "@type": "type.googleapis.com/google.rpc.PreconditionFailure"}, {@code
   * violations[].subject}), as Google's APIs write error details
   * (https://cloud.google.com/apis/design/errors#error_details).
   */
  static java.util.Set<String> preconditionSubjects(String body) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (body == null || body.isBlank()) {
      return out;
    }
    try {
      var error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("error");
      for (var d : error.path("details")) {
        if (d.path("@type").asText().endsWith("google.rpc.PreconditionFailure")) {
          d.path("violations").forEach(v -> out.add(v.path("subject").asText()));
        }
      }
    } catch (java.io.IOException notJson) {
      // no details to go by
    }
    return out;
  }

  @Override
  public void close() {
    projects.close();
  }
}
