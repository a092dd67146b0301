package dev.platform.genai.cli;

import dev.platform.genai.config.Settings;
import dev.platform.genai.config.SettingsException;
import dev.platform.genai.operator.GenAIOperator;
import dev.platform.genai.operator.HealthServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** The operator, against the cluster of the in-cluster config or the current kubeconfig context. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the operator against the cluster (in-cluster config, or the current kubeconfig context)."
            + " Settings come from GENAI_* environment variables.")
final class RunCommand extends Subcommand {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Override
  public Integer call() throws Exception {
    Settings settings;
    try {
      settings = Settings.fromEnvironment();
    } catch (SettingsException e) {
      err().println("genai-operator: " + e.getMessage());
      return 2;
    }
    Logging.configure(settings.logFormat());
    KubernetesClient client = new KubernetesClientBuilder().build();
    GenAIOperator operator;
    try {
      operator = GenAIOperator.create(client, settings, GenAIOperator.Options.production());
    } catch (SettingsException e) { // e.g. no Application Default Credentials while cloud IAM is on
      err().println("genai-operator: " + e.getMessage());
      client.close();
      return 2;
    }
    HealthServer health =
        HealthServer.start(
            settings.healthPort(), settings.metricsPort(), operator.josdk(), operator.metrics());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  operator.close();
                  health.close();
                  client.close();
                  stopped.countDown();
                }));
    log.info(
        "starting against {} (cloud IAM {}, cost tracking {})",
        client.getMasterUrl(),
        settings.cloudIamEnabled() ? "on" : "off",
        settings.prometheusUrl().isPresent() ? "on" : "off");
    try {
      operator.start();
    } catch (RuntimeException e) {
      err()
          .println(
              "genai-operator: cannot start against "
                  + client.getMasterUrl()
                  + ": "
                  + rootMessage(e)
                  + ". Check the kubeconfig context (or the in-cluster ServiceAccount and its RBAC) and that"
                  + " the CRDs are installed: kubectl apply -f crds/");
      return 1; // the shutdown hook closes what was opened
    }
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
