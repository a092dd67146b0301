package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The OpenAI-compatible server of each SelfHosted endpoint, where KServe is not installed. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ModelDeploymentDependent extends EndpointDependent<Deployment> {
  public static final String NAME = "model-servers";

  public ModelDeploymentDependent() {
    super(Deployment.class);
  }
}
