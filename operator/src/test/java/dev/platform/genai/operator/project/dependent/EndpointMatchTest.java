package dev.platform.genai.operator.project.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Samples;
import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.ProjectModels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mock API server defaults nothing; a real one fills a dozen fields of a Deployment and a
 * Service. These are the fields kube-apiserver v1.32 defaults, added by hand: the operator must not
 * see them as drift (an update on every reconcile), and must still see a change of its own fields.
 */
class EndpointMatchTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  final ProjectModel model =
      ProjectModels.build(Samples.project("contract-assistant.yaml"), Samples.policy());
  final ModelEndpoints.SelfHosted endpoint = model.endpoints().selfHosted().get(0);

  static <T> T defaulted(T desired, String patchJson) {
    ObjectNode tree = JSON.convertValue(desired, ObjectNode.class);
    merge(tree, JSON.convertValue(JSON.unmarshal(patchJson, Map.class), ObjectNode.class));
    @SuppressWarnings("unchecked")
    T out = (T) JSON.convertValue(tree, desired.getClass());
    return out;
  }

  static void merge(ObjectNode into, ObjectNode patch) {
    patch
        .fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isObject() && into.get(f.getKey()) instanceof ObjectNode o) {
                merge(o, (ObjectNode) f.getValue());
              } else if (f.getValue().isArray()
                  && into.get(f.getKey()) != null
                  && into.get(f.getKey()).isArray()) {
                for (int i = 0; i < f.getValue().size(); i++) {
                  merge((ObjectNode) into.get(f.getKey()).get(i), (ObjectNode) f.getValue().get(i));
                }
              } else {
                into.set(f.getKey(), f.getValue());
              }
            });
  }

  @Test
  void aServerDefaultedDeploymentIsNotDrift() {
    Deployment desired = DesiredModelEndpoint.deployment(model, endpoint, false);
    Deployment actual =
        defaulted(
            desired,
            """
        {"metadata": {"uid": "u1", "resourceVersion": "7", "generation": 1,
                      "annotations": {"deployment.kubernetes.io/revision": "1"}},
         "spec": {"progressDeadlineSeconds": 600, "revisionHistoryLimit": 10,
                  "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                  "template": {"spec": {"dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
                      "schedulerName": "default-scheduler", "terminationGracePeriodSeconds": 30,
                      "containers": [{"imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log",
                          "terminationMessagePolicy": "File",
                          "readinessProbe": {"timeoutSeconds": 1, "successThreshold": 1, "httpGet": {"scheme": "HTTP"}},
                          "startupProbe": {"timeoutSeconds": 1, "successThreshold": 1, "httpGet": {"scheme": "HTTP"}}}]}}},
         "status": {"replicas": 1, "readyReplicas": 1}}""");
    ModelDeploymentDependent d = new ModelDeploymentDependent();
    assertThat(d.sameContent(actual, desired)).isTrue();

    Deployment scaled = JSON.clone(actual);
    scaled.getSpec().setReplicas(3);
    assertThat(d.sameContent(scaled, desired)).as("replicas changed by hand").isFalse();
    Deployment otherImage = JSON.clone(actual);
    otherImage
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .setImage("vllm/vllm-openai:latest");
    assertThat(d.sameContent(otherImage, desired)).as("image changed by hand").isFalse();
    Deployment rooted = JSON.clone(actual);
    rooted.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
    assertThat(d.sameContent(rooted, desired)).as("security context weakened by hand").isFalse();
  }

  @Test
  void aServerDefaultedServiceIsNotDrift() {
    Service desired = DesiredModelEndpoint.service(model, endpoint);
    Service actual =
        defaulted(
            desired,
            """
        {"spec": {"clusterIP": "10.0.12.7", "clusterIPs": ["10.0.12.7"], "ipFamilies": ["IPv4"],
                  "ipFamilyPolicy": "SingleStack", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster"}}""");
    assertThat(new ModelServiceDependent().sameContent(actual, desired)).isTrue();
    Service retargeted = JSON.clone(actual);
    retargeted.getSpec().getSelector().put(ModelEndpoints.ENDPOINT_LABEL, "other");
    assertThat(new ModelServiceDependent().sameContent(retargeted, desired)).isFalse();
  }
}
