package dev.platform.genai.operator.project.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Objects;

/**
 * A NetworkPolicy of ours: the whole spec compared exactly, so an allow rule added by hand is
 * removed.
 */
abstract class NetworkPolicyDependent extends ProjectDependent<NetworkPolicy> {
  protected NetworkPolicyDependent(String name) {
    super(NetworkPolicy.class, name);
  }

  @Override
  protected boolean sameContent(NetworkPolicy actual, NetworkPolicy desired) {
    return Objects.equals(actual.getSpec(), desired.getSpec());
  }
}
