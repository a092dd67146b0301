package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * The ClusterRole that reads this one project (see {@code DesiredProjectReader}). Its rules are
 * compared exactly: a rule added by hand (every project, say) is removed at the next reconcile.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ProjectReaderRoleDependent extends ProjectDependent<ClusterRole> {
  public static final String NAME = "project-reader-role";

  public ProjectReaderRoleDependent() {
    super(ClusterRole.class);
  }

  @Override
  protected String objectName(Plan plan) {
    return Names.projectReader(plan.model().name());
  }

  @Override
  protected boolean sameContent(ClusterRole actual, ClusterRole desired) {
    return Objects.equals(actual.getRules(), desired.getRules())
        && actual.getAggregationRule() == null;
  }
}
