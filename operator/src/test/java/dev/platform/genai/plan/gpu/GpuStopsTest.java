package dev.platform.genai.plan.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GpuHold;
import dev.platform.genai.plan.Notice;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.plan.gpu.GpuActivity.PodSignals;
import dev.platform.genai.plan.gpu.GpuWorkload.Kind;
import dev.platform.genai.plan.gpu.GpuWorkload.PodState;
import dev.platform.genai.policy.IdleReclaim;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hold mechanism's decisions, one situation each. */
class GpuStopsTest {
  static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
  static final String NS = "genai-contract-assistant";

  static IdleSettings idle(boolean dryRun, Integer powerWatts) {
    return new IdleSettings(
        true,
        dryRun,
        Duration.ofMinutes(30),
        Duration.ofMinutes(15),
        Duration.ofHours(8),
        Duration.ofSeconds(30),
        new IdleReclaim.Thresholds(1, new BigDecimal("0.01"), powerWatts),
        "exported_namespace",
        "exported_pod");
  }

  static final IdleSettings ON = idle(false, null);

  static GpuWorkload deployment(String name, int replicas, Map<String, String> annotations) {
    return new GpuWorkload(
        Kind.Deployment,
        name,
        null,
        1,
        false,
        replicas,
        false,
        annotations,
        replicas == 0
            ? List.of()
            : List.of(
                new PodState(name + "-abc-1", "Running", true, NOW.minus(Duration.ofHours(2)))));
  }

  static GpuWorkload endpoint(String name) {
    return new GpuWorkload(
        Kind.Deployment,
        name,
        name,
        1,
        false,
        1,
        false,
        Map.of(),
        List.of(new PodState(name + "-abc-1", "Running", true, NOW.minus(Duration.ofHours(2)))));
  }

  static PodSignals idleSignals() {
    return new PodSignals(
        BigDecimal.ZERO,
        60L,
        new BigDecimal("0.002"),
        new BigDecimal("16"),
        BigDecimal.ZERO,
        BigDecimal.ZERO);
  }

  static GpuActivity read(Map<String, PodSignals> pods) {
    return GpuActivity.read(NOW, Duration.ofMinutes(30), pods);
  }

  static GpuStops decide(
      IdleSettings idle,
      Enforcement e,
      List<GpuWorkload> w,
      GpuActivity a,
      List<GpuHold> previous) {
    return GpuStops.decide(NS, idle, e, w, a, previous, NOW);
  }

  @Test
  void idleOverTheWholeWindowIsHeldWithTheCommandToWakeIt() {
    GpuStops s =
        decide(
            ON,
            Enforcement.NONE,
            List.of(deployment("train", 2, Map.of())),
            read(Map.of("train-abc-1", idleSignals())),
            List.of());
    assertThat(s.stops().get("Deployment/train").reasons()).containsExactly(HoldReason.Idle);
    GpuHold h = s.status().get(0);
    assertThat(h.reasons).containsExactly("Idle");
    assertThat(h.gpus).isEqualTo(2);
    assertThat(h.restore).isEqualTo("replicas=2");
    assertThat(h.idleSince).isEqualTo("2026-12-08T11:30:00Z");
    assertThat(h.wake)
        .isEqualTo(
            "kubectl -n genai-contract-assistant annotate deployment train"
                + " genai.platform.dev/awake-until=$(date -u -d '+8 hours' +%Y-%m-%dT%H:%M:%SZ) --overwrite");
    assertThat(s.notices()).extracting(Notice::reason).containsExactly(Reason.IdleStopped);
  }

  @Test
  void aDryRunSaysWhatItWouldStopAndStopsNothing() {
    GpuStops s =
        decide(
            idle(true, null),
            Enforcement.NONE,
            List.of(deployment("train", 1, Map.of())),
            read(Map.of("train-abc-1", idleSignals())),
            List.of());
    GpuStops.Stop stop = s.stops().get("Deployment/train");
    assertThat(stop.held()).isFalse();
    assertThat(stop.idleWouldStop()).isTrue();
    assertThat(s.status().get(0).dryRun).isTrue();
    assertThat(s.notices()).extracting(Notice::reason).containsExactly(Reason.IdleWouldStop);
    // at the next reconcile, between evaluations, the verdict stands and is not told again
    GpuStops next =
        decide(
            idle(true, null),
            Enforcement.NONE,
            List.of(deployment("train", 1, Map.of())),
            GpuActivity.NOT_READ,
            s.status());
    assertThat(next.stops().get("Deployment/train").idleWouldStop()).isTrue();
    assertThat(next.notices()).isEmpty();
  }

  @Test
  void onlyWhatIsIdleIsStopped() {
    Map<String, GpuWorkload> w = new HashMap<>();
    Map<String, PodSignals> signals = new HashMap<>();
    w.put("busy", deployment("busy", 1, Map.of()));
    signals.put("busy-abc-1", new PodSignals(new BigDecimal("37"), 60L, null, null, null, null));
    w.put("engine", deployment("engine", 1, Map.of()));
    signals.put(
        "engine-abc-1",
        new PodSignals(BigDecimal.ZERO, 60L, new BigDecimal("0.2"), null, null, null));
    w.put("gaps", deployment("gaps", 1, Map.of()));
    signals.put("gaps-abc-1", new PodSignals(BigDecimal.ZERO, 20L, null, null, null, null));
    w.put("unseen", deployment("unseen", 1, Map.of()));
    w.put(
        "pending",
        new GpuWorkload(
            Kind.Deployment,
            "pending",
            null,
            1,
            false,
            1,
            false,
            Map.of(),
            List.of(new PodState("pending-abc-1", "Pending", false, null))));
    signals.put("pending-abc-1", idleSignals());
    w.put(
        "young",
        new GpuWorkload(
            Kind.Deployment,
            "young",
            null,
            1,
            false,
            1,
            false,
            Map.of(),
            List.of(
                new PodState("young-abc-1", "Running", true, NOW.minus(Duration.ofMinutes(10))))));
    signals.put("young-abc-1", idleSignals());
    w.put("serving", endpoint("serving"));
    signals.put(
        "serving-abc-1",
        new PodSignals(BigDecimal.ZERO, 60L, null, null, BigDecimal.ZERO, new BigDecimal("3")));
    w.put("quiet", endpoint("quiet"));
    signals.put("quiet-abc-1", new PodSignals(BigDecimal.ZERO, 60L, null, null, null, null));
    w.put("idle", deployment("idle", 1, Map.of()));
    signals.put("idle-abc-1", idleSignals());
    GpuStops s = decide(ON, Enforcement.NONE, List.copyOf(w.values()), read(signals), List.of());
    assertThat(s.stops().keySet()).containsExactly("Deployment/idle");
    assertThat(GpuStops.notIdle(w.get("busy"), ON, read(signals), NOW))
        .hasValue("pod busy-abc-1 used its GPU (utilisation 37 %)");
    assertThat(GpuStops.notIdle(w.get("gaps"), ON, read(signals), NOW).orElseThrow())
        .contains("gaps are never idle");
    assertThat(GpuStops.notIdle(w.get("unseen"), ON, read(signals), NOW))
        .hasValue("pod unseen-abc-1 has no DCGM_FI_DEV_GPU_UTIL series");
    assertThat(GpuStops.notIdle(w.get("quiet"), ON, read(signals), NOW))
        .hasValue("pod quiet-abc-1 has no vLLM request series");
    assertThat(GpuStops.notIdle(w.get("young"), ON, read(signals), NOW).orElseThrow())
        .contains("minimum run time of 15m");
  }

  @Test
  void powerIsASignalWhereTheGpuTypeSetsIt() {
    IdleSettings power = idle(false, 20);
    GpuWorkload w = deployment("train", 1, Map.of());
    assertThat(
            GpuStops.notIdle(
                w,
                power,
                read(
                    Map.of(
                        "train-abc-1",
                        new PodSignals(
                            BigDecimal.ZERO, 60L, null, new BigDecimal("140"), null, null))),
                NOW))
        .hasValue("pod train-abc-1 drew 140 W");
    assertThat(
            GpuStops.notIdle(
                w,
                power,
                read(
                    Map.of(
                        "train-abc-1",
                        new PodSignals(BigDecimal.ZERO, 60L, null, null, null, null))),
                NOW))
        .hasValue("pod train-abc-1 has no DCGM_FI_DEV_POWER_USAGE series");
  }

  @Test
  void prometheusDownOrNotReadIsNeverIdle() {
    List<GpuWorkload> w = List.of(deployment("train", 1, Map.of()));
    assertThat(
            decide(
                    ON,
                    Enforcement.NONE,
                    w,
                    GpuActivity.failed(NOW, "Prometheus at x cannot be reached"),
                    List.of())
                .stops())
        .isEmpty();
    assertThat(decide(ON, Enforcement.NONE, w, GpuActivity.NOT_READ, List.of()).stops()).isEmpty();
    assertThat(decide(ON, Enforcement.NONE, w, GpuActivity.OFF, List.of()).idleLine())
        .contains("GENAI_PROMETHEUS_URL is unset");
  }

  @Test
  void theBudgetHoldsEveryGpuWorkloadButKueuesJobsAndDeletesBarePods() {
    GpuWorkload job =
        new GpuWorkload(Kind.Job, "finetune", null, 2, false, 1, false, Map.of(), List.of());
    GpuWorkload kueueJob =
        new GpuWorkload(Kind.Job, "queued", null, 1, false, 1, true, Map.of(), List.of());
    GpuWorkload pod =
        new GpuWorkload(Kind.Pod, "scratch", null, 1, false, 1, false, Map.of(), List.of());
    GpuStops s =
        decide(
            IdleSettings.OFF,
            Enforcement.SUSPENDED,
            List.of(deployment("train", 3, Map.of()), endpoint("chat"), job, kueueJob, pod),
            GpuActivity.OFF,
            List.of());
    assertThat(s.stops().get("Deployment/train").reasons()).containsExactly(HoldReason.Budget);
    assertThat(s.stops().get("Job/finetune").reasons()).containsExactly(HoldReason.Budget);
    assertThat(s.stops()).doesNotContainKey("Job/queued");
    assertThat(s.stops().get("Pod/scratch").deleted()).isTrue();
    assertThat(s.heldEndpoints()).containsExactly("chat");
    assertThat(s.notices())
        .extracting(Notice::message)
        .anySatisfy(
            m -> assertThat(m).contains("Deployment/train", "Job/finetune", "Deployment/chat"))
        .anySatisfy(m -> assertThat(m).contains("Pod/scratch", "gone for good"));
  }

  @Test
  void reasonsDoNotUndoEachOther() {
    // idle-stopped, then suspended: both reasons
    GpuWorkload heldIdle =
        deployment(
            "train",
            0,
            Map.of(GpuWorkload.HELD_RESTORE, "replicas=2", GpuWorkload.HELD_REASONS, "Idle"));
    GpuStops both =
        decide(ON, Enforcement.SUSPENDED, List.of(heldIdle), GpuActivity.NOT_READ, List.of());
    assertThat(both.stops().get("Deployment/train").reasons())
        .containsExactlyInAnyOrder(HoldReason.Budget, HoldReason.Idle);
    // the team wakes it: Idle ends, the budget's hold stays
    GpuWorkload woken =
        deployment(
            "train",
            0,
            Map.of(
                GpuWorkload.HELD_RESTORE,
                "replicas=2",
                GpuWorkload.HELD_REASONS,
                "Budget,Idle",
                GpuWorkload.AWAKE_UNTIL,
                "2026-12-08T14:00:00Z"));
    GpuStops wake =
        decide(ON, Enforcement.SUSPENDED, List.of(woken), GpuActivity.NOT_READ, both.status());
    assertThat(wake.stops().get("Deployment/train").reasons()).containsExactly(HoldReason.Budget);
    assertThat(wake.status().get(0).awakeUntil).isEqualTo("2026-12-08T14:00:00Z");
    // the budget lifts: the idle hold (not woken) stays
    GpuStops lifted =
        decide(ON, Enforcement.NONE, List.of(heldIdle), GpuActivity.NOT_READ, both.status());
    assertThat(lifted.stops().get("Deployment/train").reasons()).containsExactly(HoldReason.Idle);
    // nothing left: brought back as it was
    GpuWorkload onlyBudget =
        deployment(
            "train",
            0,
            Map.of(GpuWorkload.HELD_RESTORE, "replicas=2", GpuWorkload.HELD_REASONS, "Budget"));
    GpuStops back =
        decide(
            IdleSettings.OFF,
            Enforcement.NONE,
            List.of(onlyBudget),
            GpuActivity.OFF,
            decide(
                    IdleSettings.OFF,
                    Enforcement.SUSPENDED,
                    List.of(onlyBudget),
                    GpuActivity.OFF,
                    List.of())
                .status());
    assertThat(back.stops().get("Deployment/train").held()).isFalse();
    assertThat(back.notices())
        .extracting(Notice::message)
        .containsExactly(
            "Nothing holds them any more, brought back as they were: Deployment/train (replicas=2).");
  }

  @Test
  void theOperatorsEndpointComesBackToItsApprovedReplicas() {
    GpuWorkload held =
        new GpuWorkload(
            Kind.Deployment,
            "model-chat",
            "chat",
            1,
            false,
            0,
            false,
            Map.of("genai.platform.dev/replicas", "3"),
            List.of());
    GpuStops suspended =
        decide(IdleSettings.OFF, Enforcement.SUSPENDED, List.of(held), GpuActivity.OFF, List.of());
    assertThat(suspended.status().get(0).restore).isEqualTo("replicas=3");
    assertThat(suspended.status().get(0).gpus).isEqualTo(3);
    GpuStops lifted =
        decide(
            IdleSettings.OFF, Enforcement.NONE, List.of(held), GpuActivity.OFF, suspended.status());
    assertThat(lifted.notices())
        .extracting(Notice::message)
        .containsExactly(
            "Nothing holds them any more, brought back as they were: Deployment/model-chat (replicas=3).");
  }

  @Test
  void aWakeIsCutToTheLongestSnooze() {
    GpuWorkload w =
        deployment(
            "train",
            0,
            Map.of(
                GpuWorkload.HELD_RESTORE,
                "replicas=1",
                GpuWorkload.HELD_REASONS,
                "Idle",
                GpuWorkload.AWAKE_UNTIL,
                "2027-01-01T00:00:00Z"));
    GpuStops s = decide(ON, Enforcement.NONE, List.of(w), GpuActivity.NOT_READ, List.of());
    assertThat(s.status().get(0).awakeUntil).isEqualTo("2026-12-08T20:00:00Z");
    assertThat(s.stops().get("Deployment/train").held()).isFalse();
    // an hour later the cut stands (it runs from when the wake was first seen)
    GpuStops later =
        GpuStops.decide(
            NS,
            ON,
            Enforcement.NONE,
            List.of(w),
            GpuActivity.NOT_READ,
            s.status(),
            NOW.plus(Duration.ofHours(1)));
    assertThat(later.status().get(0).awakeUntil).isEqualTo("2026-12-08T20:00:00Z");
  }

  @Test
  void draClaimsMakeReclaimBlindAndStatusSaysSo() {
    GpuWorkload claims =
        new GpuWorkload(
            Kind.Deployment,
            "dra",
            null,
            0,
            true,
            1,
            false,
            Map.of(),
            List.of(new PodState("dra-abc-1", "Running", true, NOW.minus(Duration.ofHours(2)))));
    GpuStops s = decide(ON, Enforcement.NONE, List.of(claims), read(Map.of()), List.of());
    assertThat(s.stops()).isEmpty();
    assertThat(s.idleLine()).contains("Blind to Deployment/dra (DRA claims: no per-pod series)");
  }

  @Test
  void idleGpuHoursAreCountedAndPricedToTheCent() {
    GpuHold h = new GpuHold();
    h.workload = "Deployment/train";
    h.reasons.add("Idle");
    h.gpus = 2;
    h.since = "2026-12-08T10:00:00Z";
    BudgetStatus b = new BudgetStatus();
    GpuStops.count(b, List.of(h), new BigDecimal("0.71"), NOW);
    assertThat(b.idleGpuSeconds).isEqualTo(4 * 3600);
    assertThat(b.idleGpuHours).isEqualTo("4.00");
    assertThat(b.idleSaved).isEqualTo("2.84");
    // counted from the last count on, never twice
    GpuStops.count(b, List.of(h), new BigDecimal("0.71"), NOW.plus(Duration.ofMinutes(30)));
    assertThat(b.idleGpuHours).isEqualTo("5.00");
    assertThat(b.idleSaved).isEqualTo("3.55");
    // a dry run hands nothing back
    BudgetStatus dry = new BudgetStatus();
    h.dryRun = true;
    GpuStops.count(dry, List.of(h), new BigDecimal("0.71"), NOW);
    assertThat(dry.idleGpuSeconds).isNull();
  }
}
