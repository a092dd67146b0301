package dev.platform.genai.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.finops.CostReading;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the cluster looks like when the plan is made, stated in a file ({@code render --observed},
 * the golden scenarios): the time, the optional APIs served, whether the approvals are given, a
 * cost evaluation just read, the endpoint objects running (a closed approval gate keeps them), the
 * cluster's regions and the pods not pinned to them (residency). Anything not stated is as on a
 * cluster where nothing of the project runs.
 *
 * <pre>
 * now: "2026-11-20T09:00:00Z"
 * installed: [prometheus-operator]
 * approved: true
 * spend: {monthToDate: "7000", hourly: "9.50"}
 * running: [ ...Deployments, Services, ConfigMaps of the endpoints... ]
 * clusterRegions: {europe-west4: 3}
 * unpinnedPods: []
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ObservedFile(
    Instant now,
    List<String> installed,
    Boolean approved,
    Spend spend,
    List<JsonNode> running,
    Map<String, Integer> clusterRegions,
    List<String> unpinnedPods) {

  /** A cost evaluation read at {@code now}. */
  public record Spend(BigDecimal monthToDate, BigDecimal hourly) {}

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .findAndRegisterModules()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** The file, or an error naming what to fix. */
  public static ObservedFile read(Path file) throws IOException {
    ObservedFile f = YAML.readValue(file.toFile(), ObservedFile.class);
    if (f.now == null) {
      throw new IOException(
          file + ": now is required (an RFC 3339 time, e.g. 2026-11-20T09:00:00Z)");
    }
    if (f.spend != null && f.spend.monthToDate() == null) {
      throw new IOException(
          file + ": spend needs monthToDate (spend this month so far, e.g. monthToDate: \"6100\")");
    }
    List<String> unknown = f.apis().stream().filter(n -> !InstalledApis.NAMES.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IOException(
          file
              + ": installed takes "
              + String.join(", ", InstalledApis.NAMES)
              + ", not "
              + String.join(", ", unknown));
    }
    return f;
  }

  public boolean isApproved() {
    return approved == null || approved;
  }

  private List<String> apis() {
    return installed == null ? List.of(InstalledApis.PROMETHEUS_OPERATOR) : installed;
  }

  /** The observation, its approvals left to the preview. */
  public Observed.Builder observed() {
    Observed.Builder b = Observed.at(now, InstalledApis.of(apis()));
    if (spend != null) {
      b.cost(
          CostReading.evaluated(
              spend.monthToDate(),
              spend.hourly() == null ? BigDecimal.ZERO : spend.hourly(),
              now,
              null,
              now.plus(Duration.ofMinutes(10))));
    }
    if (running != null) {
      List<HasMetadata> objects = new ArrayList<>();
      for (JsonNode o : running) {
        objects.add(SERIALIZATION.unmarshal(o.toString()));
      }
      b.runningEndpoints(objects);
    }
    if (clusterRegions != null) {
      b.clusterRegions(clusterRegions);
    }
    if (unpinnedPods != null) {
      b.unpinnedPods(unpinnedPods);
    }
    return b;
  }
}
