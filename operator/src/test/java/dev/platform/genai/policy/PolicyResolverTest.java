package dev.platform.genai.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import dev.platform.genai.api.ComputeCap;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.NetworkPolicySettings;
import dev.platform.genai.api.StageCapsPolicy;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Stage;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {
  static GenAIPlatformPolicy policy(GenAIPlatformPolicySpec spec) {
    GenAIPlatformPolicy p = new GenAIPlatformPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName("default").build());
    p.setSpec(spec);
    return p;
  }

  @Test
  void noPolicyMeansTheBriefsDefaults() {
    PlatformPolicy p = PolicyResolver.resolve(null).policy();
    assertThat(p.namespacePrefix()).isEqualTo("genai-");
    assertThat(p.cap(Stage.Pilot).gpus()).isEqualTo(4);
    assertThat(p.cap(Stage.Production).gpus()).isEqualTo(16);
    assertThat(p.podSecurity())
        .containsEntry(Classification.Public, "baseline")
        .containsEntry(Classification.Internal, "baseline")
        .containsEntry(Classification.Confidential, "restricted")
        .containsEntry(Classification.Restricted, "restricted");
    assertThat(p.monitoringNamespace()).isEqualTo("monitoring");
  }

  @Test
  void theSamplePolicyResolvesToTheDefaultsPlusItsEgressRange() throws Exception {
    var resource =
        TestFiles.YAML.treeToValue(
            TestFiles.yaml(TestFiles.samples().resolve("platform-policy.yaml")),
            GenAIPlatformPolicy.class);
    var r = PolicyResolver.resolve(resource);
    assertThat(r.problems()).isEmpty();
    assertThat(r.policy().caps()).isEqualTo(PlatformPolicy.DEFAULTS.caps());
    assertThat(r.policy().egressCidrs()).containsExactly("199.36.153.4/30");
    assertThat(r.policy().ingressNamespaces()).containsExactly("istio-ingress");
  }

  @Test
  void absentFieldsKeepTheirDefaultsWhenOthersAreSet() {
    var spec = new GenAIPlatformPolicySpec();
    spec.caps = new StageCapsPolicy();
    spec.caps.pilot = new ComputeCap(2, null, null);
    PlatformPolicy p = PolicyResolver.resolve(policy(spec)).policy();
    assertThat(p.cap(Stage.Pilot).gpus()).isEqualTo(2);
    assertThat(p.cap(Stage.Pilot).cpu().canonical()).isEqualTo("32");
    assertThat(p.cap(Stage.Production).gpus()).isEqualTo(16);
  }

  @Test
  void unusableValuesAreProblemsNotSilentDefaults() {
    var spec = new GenAIPlatformPolicySpec();
    spec.namespacePrefix = "GenAI_";
    spec.caps = new StageCapsPolicy();
    spec.caps.pilot = new ComputeCap(-1, "lots", null);
    spec.network = new NetworkPolicySettings();
    spec.network.egressCidrs = List.of("restricted.googleapis.com");
    var r = PolicyResolver.resolve(policy(spec));
    assertThat(r.valid()).isFalse();
    assertThat(r.policy()).isNull();
    assertThat(r.problems())
        .containsExactly(
            "spec.namespacePrefix \"GenAI_\" must start with a lower-case letter and have at most 16 lower-case"
                + " letters, digits or '-'",
            "spec.caps.pilot.gpus must be 0 or more",
            "spec.caps.pilot.cpu \"lots\" is not a Kubernetes quantity such as 16, 500m or 64Gi",
            "spec.network.egressCidrs: \"restricted.googleapis.com\" is not an IPv4 CIDR such as 199.36.153.4/30");
  }
}
