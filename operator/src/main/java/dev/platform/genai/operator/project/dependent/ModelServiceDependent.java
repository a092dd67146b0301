package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service in front of each SelfHosted endpoint's server, where KServe is not installed. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ModelServiceDependent extends EndpointDependent<Service> {
  public static final String NAME = "model-services";

  public ModelServiceDependent() {
    super(Service.class);
  }
}
