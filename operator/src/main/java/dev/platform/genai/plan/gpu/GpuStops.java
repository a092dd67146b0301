package dev.platform.genai.plan.gpu;

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
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One hold mechanism for the namespace's GPU workloads, with reasons: the budget's suspension and
 * the pilot's expiry hold every GPU workload (the operator's endpoints and the team's own
 * Deployments, StatefulSets, Jobs and CronJobs; a bare GPU pod is deleted: nothing can bring it
 * back), idleness holds what stayed idle over the whole window. A workload comes back, exactly as
 * it was, when no reason is left; the team's wake ends Idle only. Pure.
 *
 * @param stops every workload held, woken or that a dry run would stop, by Kind/name
 * @param heldEndpoints the operator's endpoints held at zero (all of them under the budget)
 * @param status {@code status.gpu.holds}
 * @param idleLine {@code status.gpu.idleReclaim}
 * @param notices Events
 */
public record GpuStops(
    Map<String, Stop> stops,
    Set<String> heldEndpoints,
    List<GpuHold> status,
    String idleLine,
    List<Notice> notices) {

  public GpuStops {
    stops = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stops));
    heldEndpoints = Set.copyOf(heldEndpoints);
    status = List.copyOf(status);
    notices = List.copyOf(notices);
  }

  public static final GpuStops NONE = new GpuStops(Map.of(), Set.of(), List.of(), null, List.of());

  /** The same, its status line this one. */
  public GpuStops withIdleLine(String line) {
    return new GpuStops(stops, heldEndpoints, status, line, notices);
  }

  /**
   * What is decided for one workload.
   *
   * @param reasons why it is held (empty: it runs)
   * @param idleWouldStop a dry run's verdict: it would be stopped for idleness
   * @param deleted a bare pod the budget or the expiry deletes (it cannot come back)
   */
  public record Stop(
      GpuWorkload workload, Set<HoldReason> reasons, boolean idleWouldStop, boolean deleted) {
    public boolean held() {
      return !reasons.isEmpty();
    }
  }

  /** Why a workload is not idle (or cannot be told to be), or empty when it is. */
  public static Optional<String> notIdle(
      GpuWorkload w, IdleSettings idle, GpuActivity activity, Instant now) {
    if (w.claims()) {
      return Optional.of("its GPUs are DRA claims, with no per-pod series: reclaim is blind to it");
    }
    if (w.kind() == Kind.Pod) {
      return Optional.of("a bare pod cannot come back once stopped: never stopped for idleness");
    }
    if (w.kueue() && (w.kind() == Kind.Job || w.kind() == Kind.CronJob)) {
      return Optional.of("Kueue suspends and resumes it");
    }
    if (w.scale() == 0 || w.pods().isEmpty()) {
      return Optional.of("nothing runs");
    }
    if (activity.state() != GpuActivity.State.READ) {
      return Optional.of(
          activity.state() == GpuActivity.State.FAILED
              ? "the signals could not be read: " + activity.message()
              : "the signals were not read");
    }
    for (PodState p : w.pods()) {
      if (!"Running".equals(p.phase()) || !p.ready()) {
        return Optional.of(
            "pod " + p.name() + " is " + p.phase() + (p.ready() ? "" : ", not Ready"));
      }
      if (p.started() == null || p.started().plus(idle.minimumRunTime()).isAfter(now)) {
        return Optional.of(
            "pod "
                + p.name()
                + " has run less than the minimum run time of "
                + IdleReclaim.format(idle.minimumRunTime()));
      }
      PodSignals s = activity.pods().get(p.name());
      if (s == null || s.utilizationMax() == null) {
        return Optional.of("pod " + p.name() + " has no DCGM_FI_DEV_GPU_UTIL series");
      }
      if (s.utilizationSamples() == null || s.utilizationSamples() < idle.samplesNeeded()) {
        return Optional.of(
            "pod "
                + p.name()
                + " has "
                + s.utilizationSamples()
                + " samples in the window, fewer than the "
                + idle.samplesNeeded()
                + " a whole window has: gaps are never idle");
      }
      IdleReclaim.Thresholds t = idle.thresholds();
      if (s.utilizationMax().compareTo(BigDecimal.valueOf(t.utilizationPercent())) > 0) {
        return Optional.of(
            "pod " + p.name() + " used its GPU (utilisation " + s.utilizationMax() + " %)");
      }
      if (s.engineActiveMax() != null && s.engineActiveMax().compareTo(t.engineActive()) > 0) {
        return Optional.of(
            "pod " + p.name() + " used its GPU (engine active " + s.engineActiveMax() + ")");
      }
      if (t.powerWatts() != null) {
        if (s.powerMax() == null) {
          return Optional.of("pod " + p.name() + " has no DCGM_FI_DEV_POWER_USAGE series");
        }
        if (s.powerMax().compareTo(BigDecimal.valueOf(t.powerWatts())) > 0) {
          return Optional.of("pod " + p.name() + " drew " + s.powerMax() + " W");
        }
      }
      if (w.endpoint() != null) {
        if (s.requestsRunningMax() == null || s.requestsFinished() == null) {
          return Optional.of("pod " + p.name() + " has no vLLM request series");
        }
        if (s.requestsRunningMax().signum() > 0 || s.requestsFinished().signum() > 0) {
          return Optional.of("pod " + p.name() + " served requests");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The holds of this reconcile.
   *
   * @param namespace the project's namespace (for the wake command)
   * @param enforcement what the budget or the expiry stops
   * @param workloads the namespace's GPU workloads, or null when they were not (or could not be)
   *     read: the holds in status then stand
   * @param previous {@code status.gpu.holds} as the last reconcile wrote it
   */
  public static GpuStops decide(
      String namespace,
      IdleSettings idle,
      Enforcement enforcement,
      List<GpuWorkload> workloads,
      GpuActivity activity,
      List<GpuHold> previous,
      Instant now) {
    Map<String, GpuHold> before = new LinkedHashMap<>();
    if (previous != null) {
      previous.forEach(h -> before.put(h.workload, h));
    }
    Set<HoldReason> base = EnumSet.noneOf(HoldReason.class);
    if (enforcement == Enforcement.SUSPENDED) {
      base.add(HoldReason.Budget);
    } else if (enforcement == Enforcement.EXPIRED) {
      base.add(HoldReason.Expired);
    }
    if (workloads == null) {
      return carried(before, base, idle, now);
    }
    Map<String, Stop> stops = new LinkedHashMap<>();
    List<GpuHold> status = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    Set<String> heldEndpoints = new TreeSet<>();
    List<String> newlyHeld = new ArrayList<>();
    List<String> restored = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<String> blind = new ArrayList<>();
    for (GpuWorkload w : workloads) {
      GpuHold was = before.get(w.ref());
      Set<HoldReason> reasons = EnumSet.noneOf(HoldReason.class);
      boolean kueueJob = w.kueue() && (w.kind() == Kind.Job || w.kind() == Kind.CronJob);
      if (!kueueJob) {
        reasons.addAll(base); // Kueue's own stop (HoldAndDrain) holds the jobs it manages
      }
      boolean wasIdle =
          was != null
                  && was.reasons.contains(HoldReason.Idle.name())
                  && !Boolean.TRUE.equals(was.dryRun)
              || w.endpoint() == null && w.recordedReasons().contains(HoldReason.Idle.name());
      Instant awake = awakeUntil(w, was, idle, now);
      boolean woken = awake != null && awake.isAfter(now);
      boolean wouldStop = false;
      if (wasIdle && !woken) {
        reasons.add(HoldReason.Idle);
      } else if (idle.on()
          && idle.dryRun()
          && !woken
          && activity.state() == GpuActivity.State.NOT_READ
          && was != null
          && Boolean.TRUE.equals(was.dryRun)) {
        wouldStop = true; // between evaluations the last verdict stands
      } else if (idle.on() && !woken && !wasIdle) {
        Optional<String> why = notIdle(w, idle, activity, now);
        if (why.isEmpty()) {
          if (idle.dryRun()) {
            wouldStop = true;
            if (was == null || !Boolean.TRUE.equals(was.dryRun)) {
              notices.add(
                  Notice.normal(
                      Reason.IdleWouldStop,
                      "Dry run: "
                          + w.ref()
                          + " has been idle for "
                          + IdleReclaim.format(idle.window())
                          + " and would be scaled to zero, "
                          + w.gpus()
                          + " GPU"
                          + (w.gpus() == 1 ? "" : "s")
                          + " handed back; nothing is stopped (idleReclaim.dryRun)."));
            }
          } else {
            reasons.add(HoldReason.Idle);
            notices.add(Notice.warning(Reason.IdleStopped, idleStopped(namespace, w, idle, now)));
          }
        } else if (w.claims()) {
          blind.add(w.ref());
        }
      }
      if (wasIdle && woken) {
        notices.add(
            Notice.normal(
                Reason.IdleWoken,
                w.ref()
                    + " was woken by its team: it is brought back ("
                    + w.restoreRecord()
                    + ") and not stopped for idleness before "
                    + awake
                    + "."));
      }
      boolean bare = w.kind() == Kind.Pod;
      boolean delete =
          bare && (reasons.contains(HoldReason.Budget) || reasons.contains(HoldReason.Expired));
      if (bare) {
        reasons.clear(); // nothing to hold: it is deleted, or left running
      }
      Stop stop = new Stop(w, reasons, wouldStop, delete);
      boolean heldBefore =
          was != null && !was.reasons.isEmpty() && !Boolean.TRUE.equals(was.dryRun);
      if (stop.held() || wouldStop || woken || delete) {
        stops.put(w.ref(), stop);
      } else if (heldBefore || w.held()) {
        stops.put(w.ref(), stop); // lifted: brought back
      }
      if (delete) {
        deleted.add(w.ref());
      }
      if (stop.held() && w.endpoint() != null) {
        heldEndpoints.add(w.endpoint());
      }
      Set<HoldReason> baseHere = EnumSet.copyOf(reasons);
      baseHere.remove(HoldReason.Idle);
      if (!baseHere.isEmpty()
          && (was == null
              || was.reasons.stream().noneMatch(r -> !r.equals(HoldReason.Idle.name())))) {
        newlyHeld.add(w.ref());
      }
      if (!stop.held() && heldBefore) {
        restored.add(w.ref() + " (" + w.restoreRecord() + ")");
      }
      if (stop.held() || wouldStop || woken) {
        status.add(entry(namespace, w, stop, was, idle, activity, awake, now));
      }
    }
    if (!newlyHeld.isEmpty()) {
      notices.add(
          Notice.warning(
              Reason.GpuWorkloadsHeld,
              (base.contains(HoldReason.Budget) ? "The budget's Suspend" : "The pilot's expiry")
                  + " holds every GPU workload of "
                  + namespace
                  + " at zero: "
                  + String.join(", ", newlyHeld)
                  + ". Each comes back as it was when lifted."));
    }
    if (!deleted.isEmpty()) {
      notices.add(
          Notice.warning(
              Reason.GpuWorkloadsHeld,
              "Bare GPU pods deleted, gone for good (nothing can bring a bare pod back): "
                  + String.join(", ", deleted)
                  + ". Run GPU work under a Deployment, StatefulSet or Job."));
    }
    if (!restored.isEmpty()) {
      notices.add(
          Notice.normal(
              Reason.GpuWorkloadsRestored,
              "Nothing holds them any more, brought back as they were: "
                  + String.join(", ", restored)
                  + "."));
    }
    return new GpuStops(stops, heldEndpoints, status, line(idle, activity, blind), notices);
  }

  /** The workloads could not be read: the holds in status stand, the budget's on every endpoint. */
  private static GpuStops carried(
      Map<String, GpuHold> before, Set<HoldReason> base, IdleSettings idle, Instant now) {
    Set<String> endpoints = new TreeSet<>();
    for (GpuHold h : before.values()) {
      if (h.endpoint != null && !h.reasons.isEmpty() && !Boolean.TRUE.equals(h.dryRun)) {
        endpoints.add(h.endpoint);
      }
    }
    return new GpuStops(
        Map.of(),
        endpoints,
        new ArrayList<>(before.values()),
        idle.on()
            ? "The namespace's GPU workloads could not be listed: the holds stand as they were."
            : null,
        List.of());
  }

  /**
   * The team's wake: the genai.platform.dev/awake-until it wrote, cut to the longest snooze from
   * when it was first seen (kept in status, and standing from then on), or null.
   */
  static Instant awakeUntil(GpuWorkload w, GpuHold was, IdleSettings idle, Instant now) {
    Instant asked = parse(w.annotations().get(GpuWorkload.AWAKE_UNTIL));
    Instant cut = was == null ? null : parse(was.awakeUntil);
    if (asked == null) {
      // once seen, the wake stands until it ends, whatever becomes of the annotation (the
      // operator's own endpoint objects are written back whole when they come back)
      return cut;
    }
    Instant longest = cut != null ? cut : now.plus(idle.longestSnooze());
    return asked.isAfter(longest) ? longest : asked;
  }

  private static GpuHold entry(
      String namespace,
      GpuWorkload w,
      Stop stop,
      GpuHold was,
      IdleSettings idle,
      GpuActivity activity,
      Instant awake,
      Instant now) {
    GpuHold h = new GpuHold();
    h.workload = w.ref();
    h.endpoint = w.endpoint();
    stop.reasons().forEach(r -> h.reasons.add(r.name()));
    boolean continued =
        was != null && (was.reasons.equals(h.reasons) || stop.held() && !was.reasons.isEmpty());
    h.since = continued && was.since != null ? was.since : seconds(now);
    h.gpus = w.gpus();
    h.restore = w.restoreRecord();
    if (stop.reasons().contains(HoldReason.Idle) || stop.idleWouldStop()) {
      h.idleSince =
          was != null && was.idleSince != null
              ? was.idleSince
              : seconds((activity.at() == null ? now : activity.at()).minus(idle.window()));
      h.wake = stop.held() ? wakeCommand(namespace, w, idle) : null;
    }
    if (stop.idleWouldStop()) {
      h.dryRun = true;
    }
    if (awake != null && awake.isAfter(now)) {
      h.awakeUntil = seconds(awake);
    }
    return h;
  }

  /** The one command a team member runs to wake it (kubectl; its edit role allows it). */
  public static String wakeCommand(String namespace, GpuWorkload w, IdleSettings idle) {
    return "kubectl -n "
        + namespace
        + " annotate "
        + w.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + w.name()
        + " "
        + GpuWorkload.AWAKE_UNTIL
        + "=$(date -u -d '+"
        + idle.longestSnooze().toHours()
        + " hours' +%Y-%m-%dT%H:%M:%SZ) --overwrite";
  }

  private static String idleStopped(
      String namespace, GpuWorkload w, IdleSettings idle, Instant now) {
    return w.ref()
        + (w.endpoint() == null ? "" : " (endpoint " + w.endpoint() + ")")
        + ": every GPU signal idle for "
        + IdleReclaim.format(idle.window())
        + ", scaled to zero, "
        + w.gpus()
        + " GPU"
        + (w.gpus() == 1 ? "" : "s")
        + " handed back ("
        + w.restoreRecord()
        + " kept). Wake it: "
        + wakeCommand(namespace, w, idle);
  }

  private static String line(IdleSettings idle, GpuActivity activity, List<String> blind) {
    if (!idle.on()) {
      return null;
    }
    String read =
        switch (activity.state()) {
          case READ -> "signals read at " + seconds(activity.at());
          case FAILED ->
              "signals not read: " + activity.message() + " (nothing is stopped for idleness)";
          case OFF ->
              "no signals: GENAI_PROMETHEUS_URL is unset, so nothing is stopped for idleness";
          case NOT_READ -> "signals read at each cost evaluation";
        };
    return (idle.dryRun() ? "Dry run (stops nothing)" : "On")
        + ": window "
        + IdleReclaim.format(idle.window())
        + ", minimum run time "
        + IdleReclaim.format(idle.minimumRunTime())
        + "; "
        + read
        + "."
        + (blind.isEmpty()
            ? ""
            : " Blind to " + String.join(", ", blind) + " (DRA claims: no per-pod series).");
  }

  /**
   * The GPU-seconds idleness handed back since the last count, added to the month's budget record,
   * with their price at the policy's GPU price ({@code gpuHourly}) to the cent.
   */
  public static void count(BudgetStatus b, List<GpuHold> holds, BigDecimal gpuHourly, Instant now) {
    Instant monthStart =
        YearMonth.from(now.atZone(ZoneOffset.UTC))
            .atDay(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant counted = parse(b.idleCountedAt);
    if (counted == null || counted.isBefore(monthStart)) {
      counted = monthStart;
    }
    long seconds = b.idleGpuSeconds == null ? 0 : b.idleGpuSeconds;
    for (GpuHold h : holds) {
      if (!h.reasons.contains(HoldReason.Idle.name()) || Boolean.TRUE.equals(h.dryRun)) {
        continue;
      }
      Instant since = parse(h.since);
      Instant from = since == null || since.isBefore(counted) ? counted : since;
      if (from.isBefore(now) && h.gpus != null) {
        seconds += Duration.between(from, now).toSeconds() * h.gpus;
      }
    }
    if (seconds == 0 && b.idleGpuSeconds == null) {
      return;
    }
    b.idleGpuSeconds = seconds;
    b.idleGpuHours = hours(seconds);
    b.idleSaved = money(seconds, gpuHourly);
    b.idleCountedAt = seconds(now);
  }

  /** GPU-seconds in hours, two decimals. */
  public static String hours(long gpuSeconds) {
    return BigDecimal.valueOf(gpuSeconds)
        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
        .toPlainString();
  }

  /** GPU-seconds at an hourly price, to the cent. */
  public static String money(long gpuSeconds, BigDecimal hourly) {
    return BigDecimal.valueOf(gpuSeconds)
        .multiply(hourly)
        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
