package dev.platform.genai.operator.dependent;

import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ModelEndpoints.SelfHosted;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
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

  @Override
  protected Deployment desired(ProjectModel model, Endpoint endpoint, Plan plan) {
    return endpoint instanceof SelfHosted s && !plan.kserve()
        ? DesiredModelEndpoint.deployment(model, s, plan.suspended()) : null;
  }

  @Override
  protected void adjustFrozen(Deployment kept, boolean suspended) {
    Integer current = kept.getSpec().getReplicas();
    int replicas = approvedReplicas(kept, current == null ? 1 : current);
    kept.getSpec().setReplicas(suspended ? 0 : replicas);
  }
}
