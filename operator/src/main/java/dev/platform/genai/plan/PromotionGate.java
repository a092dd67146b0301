package dev.platform.genai.plan;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.Kpi;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.api.MonthSpend;
import dev.platform.genai.api.PromotionItem;
import dev.platform.genai.api.PromotionStatus;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.finops.BudgetDecision;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Stage;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Pilot→Production gate. A change of spec.stage to Production is held — the project keeps
 * running as a Pilot under pilot caps to its recorded expiry — until the evidence is in: KPIs
 * measured by unchanged queries and far enough along, a pilot that stayed within the cap in force,
 * a production budget that covers the production quota, compliance's approval of the promotion for
 * Confidential and Restricted data, a named sponsor, a pilot not expired. A project created
 * directly as Production has no pilot evidence: it needs what policy names for it. A project
 * already in Production when the gate arrived (its namespace says so) is grandfathered. Pure.
 *
 * @param effective the stage the project runs as now
 * @param record {@code status.promotion}, or null when no promotion was ever asked for
 * @param part the Promoted condition (required while spec.stage is Production), or null
 * @param held whether a promotion waits
 * @param pilotExpiresAt the pilot's expiry: spec.expiresAt, or the one recorded while it was a
 *     Pilot
 * @param notices Events for the change
 */
public record PromotionGate(
    Stage effective,
    PromotionStatus record,
    PartOutcome part,
    boolean held,
    String pilotExpiresAt,
    List<Notice> notices) {

  public static final String KPI_EVIDENCE = "KpiEvidence";
  public static final String BUDGET_HISTORY = "BudgetHistory";
  public static final String PRODUCTION_BUDGET = "ProductionBudget";
  public static final String APPROVAL = "Approval";
  public static final String SPONSOR = "Sponsor";
  public static final String NOT_EXPIRED = "NotExpired";
  public static final String DIRECT_PRODUCTION = "DirectProduction";

  public static final String HELD = "Held";
  public static final String PROMOTED = "Promoted";
  public static final String GRANDFATHERED = "Grandfathered";
  public static final String WITHDRAWN = "Withdrawn";

  /** One item, and whether only a person can make it pass (else it accrues with time). */
  private record Check(PromotionItem item, boolean personMustAct) {}

  /**
   * @param requested the model as the spec asks (stage Production when promoting)
   */
  static PromotionGate of(
      GenAIProject project, PlatformPolicy policy, ProjectModel requested, Observed observed) {
    GenAIProjectStatus status = project.getStatus();
    PromotionStatus previous = status == null ? null : status.promotion;
    String recordedExpiry = status == null ? null : status.pilotExpiresAt;
    String pilotExpiry =
        project.getSpec().expiresAt != null ? project.getSpec().expiresAt : recordedExpiry;
    Instant now = observed.now();
    if (requested.stage() == Stage.Pilot) {
      PromotionStatus record = previous;
      if (previous != null && HELD.equals(previous.state)) {
        record = dev.platform.genai.api.Copies.deep(previous);
        record.state =
            WITHDRAWN; // back to Pilot while held: kept as a record, nothing else changes
      }
      return new PromotionGate(Stage.Pilot, record, null, false, pilotExpiry, List.of());
    }
    if (previous != null
        && (PROMOTED.equals(previous.state) || GRANDFATHERED.equals(previous.state))) {
      return new PromotionGate(
          Stage.Production,
          previous,
          PartOutcome.ok(
              ConditionType.Promoted,
              GRANDFATHERED.equals(previous.state) ? Reason.Grandfathered : Reason.Promoted,
              describe(previous)),
          false,
          null,
          List.of());
    }
    if (previous == null && Stage.Production.name().equals(observed.namespaceStage())) {
      PromotionStatus record = new PromotionStatus();
      record.state = GRANDFATHERED;
      record.promotedAt = stamp(now);
      return new PromotionGate(
          Stage.Production,
          record,
          PartOutcome.ok(ConditionType.Promoted, Reason.Grandfathered, describe(record)),
          false,
          null,
          List.of());
    }
    boolean direct =
        previous != null && !WITHDRAWN.equals(previous.state) && previous.direct != null
            ? previous.direct
            : recordedExpiry == null; // never seen running as a Pilot
    String digest = GovernanceDigest.promotion(ProjectModels.specDocument(project));
    Optional<GenAIProjectApproval> approval =
        observed.approvals().stream()
            .filter(a -> a.getSpec() != null && digest.equals(a.getSpec().digest))
            .findFirst();
    List<Check> checks =
        checks(
            project,
            policy,
            requested,
            now,
            observed.cost().state(),
            direct,
            approval,
            pilotExpiry,
            digest);
    PromotionStatus record = new PromotionStatus();
    record.direct = direct ? Boolean.TRUE : null;
    record.requiredDigest = digest;
    record.requestedAt =
        previous != null && HELD.equals(previous.state) ? previous.requestedAt : stamp(now);
    checks.forEach(c -> record.checklist.add(c.item()));
    approval.ifPresent(
        a -> {
          record.approval = a.getMetadata().getName();
          record.approvedBy = a.getSpec().approvedBy;
        });
    List<Check> unmet = checks.stream().filter(c -> !c.item().met).toList();
    if (unmet.isEmpty()) {
      record.state = PROMOTED;
      record.promotedAt = stamp(now);
      return new PromotionGate(
          Stage.Production,
          record,
          PartOutcome.ok(ConditionType.Promoted, Reason.Promoted, describe(record)),
          false,
          null,
          List.of(Notice.normal(Reason.Promoted, describe(record))));
    }
    record.state = HELD;
    boolean person = unmet.stream().anyMatch(Check::personMustAct);
    String message =
        "Promotion to Production held; the project runs as a Pilot under pilot caps until "
            + (pilotExpiry == null ? "promoted" : pilotExpiry)
            + ". Missing: "
            + String.join(
                "; ",
                unmet.stream().map(c -> c.item().item + " (" + c.item().detail + ")").toList())
            + ". Back to Pilot withdraws it.";
    List<Notice> notices =
        previous != null && HELD.equals(previous.state)
            ? List.of()
            : List.of(Notice.normal(Reason.PromotionHeld, message));
    return new PromotionGate(
        Stage.Pilot,
        record,
        PartOutcome.failed(
            ConditionType.Promoted,
            person ? Reason.PromotionBlocked : Reason.PromotionPending,
            message),
        true,
        pilotExpiry,
        notices);
  }

  private static List<Check> checks(
      GenAIProject project,
      PlatformPolicy policy,
      ProjectModel requested,
      Instant now,
      CostReading.State cost,
      boolean direct,
      Optional<GenAIProjectApproval> approval,
      String pilotExpiry,
      String digest) {
    Classification c = requested.classification();
    PlatformPolicy.Promotion rules = policy.promotion();
    String waivedBy =
        policy.source() + " spec.promotion.waivers." + c.name().toLowerCase() + "Data";
    List<Check> out = new ArrayList<>();
    if (direct) {
      boolean allowed = rules.directAllowed().contains(c);
      out.add(
          new Check(
              new PromotionItem(
                  DIRECT_PRODUCTION,
                  allowed || approval.isPresent(),
                  false,
                  allowed
                      ? "created as Production; policy allows it for " + c + " data"
                      : approval.isPresent()
                          ? "created as Production; approved in GenAIProjectApproval "
                              + approval.get().getMetadata().getName()
                          : "created as Production with no pilot evidence: "
                              + policy.source()
                              + " requires a GenAIProjectApproval"
                              + " with spec.digest "
                              + digest
                              + " (spec.promotion.directProduction)"),
              true));
    } else {
      out.add(
          waivable(
              kpiEvidence(project, rules.minKpiProgress()),
              rules.waived(c, KPI_EVIDENCE),
              waivedBy));
      out.add(
          waivable(budgetHistory(project, now, cost), rules.waived(c, BUDGET_HISTORY), waivedBy));
      out.add(waivable(notExpired(pilotExpiry, now), rules.waived(c, NOT_EXPIRED), waivedBy));
    }
    out.add(
        waivable(
            new Check(
                new PromotionItem(
                    PRODUCTION_BUDGET,
                    !requested.budget().atRisk(),
                    false,
                    requested.budget().atRisk()
                        ? requested.budget().atRiskMessage()
                        : "the production quota, priced for a"
                            + " month, costs "
                            + ProjectModel.BudgetPlan.money(requested.budget().quotaMonthlyCost())
                            + " of the "
                            + ProjectModel.BudgetPlan.money(requested.budget().monthlyLimit())
                            + " limit"),
                true),
            rules.waived(c, PRODUCTION_BUDGET),
            waivedBy));
    if (c.sensitive()) {
      out.add(
          waivable(
              new Check(
                  new PromotionItem(
                      APPROVAL,
                      approval.isPresent(),
                      false,
                      approval.isPresent()
                          ? "approved by "
                              + approval.get().getSpec().approvedBy
                              + " in GenAIProjectApproval "
                              + approval.get().getMetadata().getName()
                          : c
                              + " data: compliance approves the promotion with a GenAIProjectApproval of spec.digest "
                              + digest
                              + " (status.promotion.requiredDigest)"),
                  true),
              rules.waived(c, APPROVAL),
              waivedBy));
    }
    boolean sponsor =
        project.getSpec().sponsor != null
            && project.getSpec().sponsor.name != null
            && !project.getSpec().sponsor.name.isBlank();
    out.add(
        new Check(
            new PromotionItem(
                SPONSOR,
                sponsor,
                false,
                sponsor
                    ? "sponsor " + project.getSpec().sponsor.name
                    : "name the business sponsor in spec.sponsor"),
            true));
    return out;
  }

  /** The items of one route to Production only: from a Pilot, or created directly. */
  private static final List<String> FROM_PILOT = List.of(KPI_EVIDENCE, BUDGET_HISTORY, NOT_EXPIRED);

  /**
   * Whether an item is judged from what the operator records in status: measured KPIs, the monthly
   * history, and the pilot's expiry when the spec gives none (the operator records the policy's
   * pilot duration).
   */
  private static boolean fromStatus(String item, GenAIProject project) {
    return KPI_EVIDENCE.equals(item)
        || BUDGET_HISTORY.equals(item)
        || NOT_EXPIRED.equals(item) && project.getSpec().expiresAt == null;
  }

  /**
   * What {@code validate} can say of a Production project offline (no status, no cluster, no
   * approval yet): the operator's own checklist ({@link #checks}) run on the file as it stands at
   * {@code now}, for both routes to Production — the items every route shares once, then those of a
   * promotion from a Pilot and of a project created directly as Production. One line each; items
   * judged from status say so.
   */
  public static List<String> preview(
      GenAIProject project, PlatformPolicy policy, ProjectModel requested, Instant now) {
    if (requested.stage() != Stage.Production) {
      return List.of();
    }
    String digest = GovernanceDigest.promotion(ProjectModels.specDocument(project));
    List<String> shared = new ArrayList<>();
    List<String> routes = new ArrayList<>();
    shared.add(
        "stage Production is held (the project runs as a Pilot) until the promotion checklist passes; the"
            + " operator shows it in status.promotion and kubectl get gp -o wide");
    for (boolean direct : new boolean[] {false, true}) {
      String route = direct ? "created directly as Production: " : "promoted from a Pilot: ";
      for (Check c :
          checks(
              project,
              policy,
              requested,
              now,
              CostReading.State.PENDING,
              direct,
              Optional.empty(),
              project.getSpec().expiresAt,
              digest)) {
        String item = c.item().item;
        PromotionItem i = c.item();
        String line =
            item
                + ": "
                + (Boolean.TRUE.equals(i.waived)
                    ? i.detail
                    : i.met ? "met (" + i.detail + ")" : "NOT met: " + i.detail)
                + (fromStatus(item, project) && !Boolean.TRUE.equals(i.waived)
                    ? " (judged by the operator from status)"
                    : "");
        if (FROM_PILOT.contains(item) || DIRECT_PRODUCTION.equals(item)) {
          routes.add(route + line);
        } else if (!direct) {
          shared.add(line);
        }
      }
    }
    shared.addAll(routes);
    return shared;
  }

  private static Check waivable(Check check, boolean waived, String by) {
    if (!waived || check.item().met) {
      return check;
    }
    return new Check(
        new PromotionItem(
            check.item().item, true, true, "waived by " + by + " (" + check.item().detail + ")"),
        false);
  }

  /**
   * At least one KPI measured by a query, and every KPI with a query far enough along, by an
   * unchanged query.
   */
  private static Check kpiEvidence(GenAIProject project, int minProgress) {
    List<Kpi> measured =
        project.getSpec().kpis == null
            ? List.of()
            : project.getSpec().kpis.stream()
                .filter(k -> k.query != null && !k.query.isBlank())
                .toList();
    if (measured.isEmpty()) {
      return new Check(
          new PromotionItem(
              KPI_EVIDENCE,
              false,
              false,
              "no KPI is measured by a query: a pilot"
                  + " without a measured KPI has no evidence; add a query to at least one KPI"),
          true);
    }
    List<KpiStatus> values =
        project.getStatus() == null || project.getStatus().kpis == null
            ? List.of()
            : project.getStatus().kpis;
    List<String> shortOf = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    for (Kpi k : measured) {
      KpiStatus v = values.stream().filter(s -> k.name.equals(s.name)).findFirst().orElse(null);
      String digest = GovernanceDigest.sha256(k.query);
      if (v == null || v.progressPercent == null) {
        shortOf.add(k.name + ": not measured yet");
      } else if (!digest.equals(v.queryDigest)) {
        shortOf.add(
            k.name
                + ": its query changed since it was measured; the evidence restarts at the next"
                + " evaluation");
      } else if (v.progressPercent < minProgress) {
        shortOf.add(
            k.name
                + ": "
                + v.progressPercent
                + " % of the way from baseline to target (needs "
                + minProgress
                + " %)");
      } else {
        figures.add(
            k.name + " " + v.progressPercent + " % (measured since " + v.measuredSince + ")");
      }
    }
    return shortOf.isEmpty()
        ? new Check(new PromotionItem(KPI_EVIDENCE, true, false, String.join(", ", figures)), false)
        : new Check(
            new PromotionItem(KPI_EVIDENCE, false, false, String.join("; ", shortOf)), false);
  }

  /** The last full month and the month to date within the cap in force at the time. */
  private static Check budgetHistory(GenAIProject project, Instant now, CostReading.State cost) {
    BudgetStatus b = project.getStatus() == null ? null : project.getStatus().budget;
    String lastMonth = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1).toString();
    MonthSpend last =
        b == null
            ? null
            : b.history.stream().filter(m -> lastMonth.equals(m.month)).findFirst().orElse(null);
    if (last == null) {
      boolean off = cost == CostReading.State.OFF;
      return new Check(
          new PromotionItem(
              BUDGET_HISTORY,
              false,
              false,
              off
                  ? "cost tracking is off (GENAI_PROMETHEUS_URL unset), so the pilot's spend is unknown: turn it on, or"
                      + " have the platform team waive BudgetHistory"
                  : "no spend recorded for " + lastMonth + " (a full month as a pilot is needed)"),
          off);
    }
    if (new BigDecimal(last.spent).compareTo(new BigDecimal(last.limit)) > 0) {
      return new Check(
          new PromotionItem(
              BUDGET_HISTORY,
              false,
              false,
              lastMonth + ": spent " + last.spent + " of a " + last.limit + " limit"),
          false);
    }
    if (b.monthToDate != null
        && new BigDecimal(b.monthToDate).compareTo(new BigDecimal(b.monthlyLimit)) >= 0) {
      return new Check(
          new PromotionItem(
              BUDGET_HISTORY,
              false,
              false,
              "this month: spent " + b.monthToDate + " of a " + b.monthlyLimit + " limit"),
          false);
    }
    return new Check(
        new PromotionItem(
            BUDGET_HISTORY,
            true,
            false,
            lastMonth
                + ": "
                + last.spent
                + " of "
                + last.limit
                + "; this month so far "
                + (b.monthToDate == null ? "unknown" : b.monthToDate)
                + " of "
                + b.monthlyLimit),
        false);
  }

  private static Check notExpired(String pilotExpiry, Instant now) {
    Instant expires = BudgetDecision.parse(pilotExpiry);
    boolean ok = expires == null || now.isBefore(expires);
    return new Check(
        new PromotionItem(
            NOT_EXPIRED,
            ok,
            false,
            expires == null
                ? "no pilot expiry recorded"
                : ok
                    ? "the pilot runs until " + pilotExpiry
                    : "the pilot expired at "
                        + pilotExpiry
                        + ": extend spec.expiresAt, then promote"),
        !ok);
  }

  private static String describe(PromotionStatus r) {
    return GRANDFATHERED.equals(r.state)
        ? "Already in Production when the promotion gate was introduced"
            + " (recorded at "
            + r.promotedAt
            + ")."
        : "Promoted to Production at "
            + r.promotedAt
            + (r.approvedBy == null
                ? ""
                : ", approved by " + r.approvedBy + " in GenAIProjectApproval " + r.approval)
            + "; evidence in status.promotion.checklist.";
  }

  private static String stamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
