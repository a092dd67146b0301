package dev.platform.genai.operator.dependent;

import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ModelEndpoints.SelfHosted;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
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

  @Override
  protected Service desired(ProjectModel model, Endpoint endpoint, Plan plan) {
    return endpoint instanceof SelfHosted s && !plan.kserve() ? DesiredModelEndpoint.service(model, s) : null;
  }
}
