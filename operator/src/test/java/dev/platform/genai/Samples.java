package dev.platform.genai;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Typed access to samples/. */
public final class Samples {
  private Samples() {}

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** samples/platform-policy.yaml, resolved. */
  public static PlatformPolicy policy() {
    try {
      var resource =
          SERIALIZATION.unmarshal(
              Files.readString(TestFiles.samples().resolve("platform-policy.yaml")),
              GenAIPlatformPolicy.class);
      return PolicyResolver.resolve(resource).policy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GenAIPlatformPolicy file, resolved (it must be valid). */
  public static PlatformPolicy policy(java.nio.file.Path file) {
    try {
      var resolution =
          PolicyResolver.resolve(
              SERIALIZATION.unmarshal(Files.readString(file), GenAIPlatformPolicy.class));
      if (!resolution.valid()) {
        throw new IllegalStateException(file + ": " + resolution.problems());
      }
      return resolution.policy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GenAIProject project(String file) {
    try {
      return SERIALIZATION.unmarshal(
          Files.readString(TestFiles.samples().resolve(file)), GenAIProject.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An approval of the project's endpoints (or promotion) at this digest, by the DPO. */
  public static dev.platform.genai.api.GenAIProjectApproval approval(
      String name, String project, String digest) {
    var a = new dev.platform.genai.api.GenAIProjectApproval();
    a.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    a.getMetadata().setName(name);
    a.setSpec(new dev.platform.genai.api.GenAIProjectApprovalSpec());
    a.getSpec().project = project;
    a.getSpec().digest = digest;
    a.getSpec().approvedBy = "dpo@example.com";
    return a;
  }

  /**
   * A team's best attempt at widening a namespace's guardrails: one NetworkPolicy allowing every
   * pod egress to 0.0.0.0/0 (NetworkPolicies add up).
   */
  public static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy allowAllEgress(
      String namespace) {
    return new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
        .withNewMetadata()
        .withName("allow-all-egress")
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes("Egress")
        .addNewEgress()
        .addNewTo()
        .withNewIpBlock()
        .withCidr("0.0.0.0/0")
        .endIpBlock()
        .endTo()
        .endEgress()
        .endSpec()
        .build();
  }
}
