package dev.platform.genai.report;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.api.ModelEndpoint;
import dev.platform.genai.api.MonthKpi;
import dev.platform.genai.api.MonthSpend;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Showback rows in the FinOps Foundation's FOCUS format (version 1.2, the Cost and Usage dataset),
 * from the figures the projects' status shows: the monthly history for a month that ended, month to
 * date for the current one. Per project and charge: in-cluster compute (each self-hosted endpoint's
 * pods, and the rest of the namespace) and managed-model tokens (each managed endpoint, or each
 * group of endpoints the usage metric cannot tell apart). Only what counts against the project's
 * cap is billed to it — a Google project's shared managed spend is not — so a project's rows sum to
 * its status figure to the cent: the last row of a kind takes what the rounded rows before it
 * leave. Showback, not billing: list, contracted, effective and billed cost are the same figure; no
 * discounts. Pure: the caller gives the projects (the cluster's, or files) and the month.
 */
public final class FocusExport {
  private FocusExport() {}

  /** The FOCUS version the rows follow, as focus-validator names it. */
  public static final String FOCUS_VERSION = "1.2";

  /**
   * The columns, in order: FOCUS's mandatory ones and those we can fill, then ours with the x_
   * prefix.
   */
  public static final List<String> COLUMNS =
      List.of(
          "BillingAccountId",
          "BillingAccountName",
          "BillingCurrency",
          "BillingPeriodStart",
          "BillingPeriodEnd",
          "ChargePeriodStart",
          "ChargePeriodEnd",
          "ChargeCategory",
          "ChargeClass",
          "ChargeDescription",
          "ChargeFrequency",
          "BilledCost",
          "EffectiveCost",
          "ListCost",
          "ContractedCost",
          "PricingCategory",
          "PricingQuantity",
          "PricingUnit",
          "ConsumedQuantity",
          "ConsumedUnit",
          "InvoiceId",
          "InvoiceIssuerName",
          "ProviderName",
          "PublisherName",
          "ServiceCategory",
          "ServiceSubcategory",
          "ServiceName",
          "SubAccountId",
          "SubAccountName",
          "ResourceId",
          "ResourceName",
          "ResourceType",
          "RegionId",
          "RegionName",
          "Tags",
          "x_Sponsor",
          "x_CostCenter",
          "x_BusinessUnit",
          "x_DataClassification",
          "x_Stage",
          "x_MonthlyLimit",
          "x_KpiCostPerUnit",
          "x_IdleGpuHoursReturned",
          "x_IdleSaved");

  /**
   * Who the rows are from: the platform that runs the cluster (BillingAccount, InvoiceIssuer,
   * in-cluster Provider).
   */
  public record Issuer(String accountId, String accountName) {}

  /** One row, by column name. */
  public record Row(Map<String, String> values) {
    public String get(String column) {
      return values.get(column);
    }
  }

  /** What could not be exported, and why (a project without figures for the month). */
  public record Result(List<Row> rows, List<String> skipped) {}

  public static Result of(List<GenAIProject> projects, YearMonth month, Issuer issuer) {
    List<Row> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    projects.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(
            p -> {
              Figures f = figures(p, month);
              if (f == null) {
                skipped.add(
                    p.getMetadata().getName()
                        + ": no spend figures for "
                        + month
                        + " in its status");
              } else {
                rows.addAll(rows(p, month, f, issuer));
              }
            });
    return new Result(rows, skipped);
  }

  /**
   * A project's figures for the month: spend counted, its in-cluster part, when they run to, KPIs,
   * endpoints.
   */
  private record Figures(
      BigDecimal spent,
      BigDecimal inCluster,
      String currency,
      String limit,
      Instant until,
      List<EndpointStatus> endpoints,
      Map<String, String> kpiCosts,
      String idleGpuHours,
      String idleSaved) {}

  private static Figures figures(GenAIProject p, YearMonth month) {
    BudgetStatus b = p.getStatus() == null ? null : p.getStatus().budget;
    if (b == null) {
      return null;
    }
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (month.toString().equals(b.month) && b.monthToDate != null) {
      Map<String, String> kpis = new TreeMap<>();
      if (p.getStatus().kpis != null) {
        for (KpiStatus k : p.getStatus().kpis) {
          if (k.costPerUnit != null) {
            kpis.put(k.name, k.costPerUnit + " " + k.costPerUnitOf);
          }
        }
      }
      Instant at = instant(b.lastEvaluated != null ? b.lastEvaluated : b.managedEvaluated);
      return new Figures(
          new BigDecimal(b.monthToDate),
          b.inCluster == null ? null : new BigDecimal(b.inCluster),
          b.currency,
          b.monthlyLimit,
          at == null || at.isAfter(monthEnd) ? monthEnd : at,
          p.getStatus().endpoints == null ? List.of() : p.getStatus().endpoints,
          kpis,
          b.idleGpuHours,
          b.idleSaved);
    }
    MonthSpend m =
        b.history.stream()
            .filter(h -> month.toString().equals(h.month) && h.spent != null)
            .findFirst()
            .orElse(null);
    if (m == null) {
      return null;
    }
    Map<String, String> kpis = new TreeMap<>();
    if (m.kpis != null) {
      for (MonthKpi k : m.kpis) {
        if (k.costPerUnit != null) {
          kpis.put(k.name, k.costPerUnit + " " + k.costPerUnitOf);
        }
      }
    }
    return new Figures(
        new BigDecimal(m.spent),
        m.inCluster == null ? null : new BigDecimal(m.inCluster),
        m.currency != null ? m.currency : b.currency,
        m.limit,
        monthEnd,
        List.of(),
        kpis,
        m.idleGpuHours,
        m.idleSaved);
  }

  private static List<Row> rows(GenAIProject p, YearMonth month, Figures f, Issuer issuer) {
    String name = p.getMetadata().getName();
    String namespace =
        p.getStatus().namespace != null
            ? p.getStatus().namespace
            : name; // as the operator named it
    List<Row> out = new ArrayList<>();
    BigDecimal inCluster = f.inCluster() == null ? null : f.inCluster().min(f.spent());
    BigDecimal managed = f.spent().subtract(inCluster == null ? BigDecimal.ZERO : inCluster);
    if (inCluster
        == null) { // the month's split is unknown (a record from before it was kept): one row
      out.add(
          row(
              p,
              month,
              f,
              issuer,
              f.spent(),
              "Spend of GenAIProject "
                  + name
                  + " (in-cluster and managed"
                  + " models; the month's split was not recorded)",
              "Other",
              "GenAI project",
              issuer.accountName(),
              namespace,
              namespace,
              "Namespace",
              null,
              null));
      return out;
    }
    // in-cluster: each self-hosted endpoint's pods, then the rest of the namespace
    BigDecimal left = inCluster;
    for (EndpointStatus e : f.endpoints()) {
      if ("SelfHosted".equals(e.kind) && e.spendThisMonth != null && left.signum() > 0) {
        BigDecimal spend = new BigDecimal(e.spendThisMonth).min(left);
        left = left.subtract(spend);
        out.add(
            row(
                p,
                month,
                f,
                issuer,
                spend,
                "In-cluster compute (GPU, CPU, memory; OpenCost) of self-hosted"
                    + " model endpoint "
                    + e.name,
                "Compute",
                "Kubernetes",
                "OpenCost",
                namespace + "/model-" + e.name,
                e.name,
                "Model endpoint (self-hosted)",
                null,
                e.tokensThisMonth));
      }
    }
    out.add(
        row(
            p,
            month,
            f,
            issuer,
            left,
            "In-cluster compute (GPU, CPU, memory; OpenCost) of namespace "
                + namespace
                + (out.isEmpty() ? "" : " besides its model endpoints"),
            "Compute",
            "Kubernetes",
            "OpenCost",
            namespace,
            namespace,
            "Namespace",
            null,
            null));
    if (managed.signum() <= 0) {
      return out;
    }
    // managed-model tokens: each endpoint, or each group the metric cannot tell apart, counted once
    String google =
        p.getSpec() == null || p.getSpec().gcp == null ? null : p.getSpec().gcp.projectId;
    List<EndpointStatus> managedEndpoints =
        f.endpoints().stream()
            .filter(e -> "Managed".equals(e.kind) && e.spendThisMonth != null)
            .toList();
    Set<String> seen = new HashSet<>();
    List<Row> managedRows = new ArrayList<>();
    left = managed;
    for (int i = 0; i < managedEndpoints.size(); i++) {
      EndpointStatus e = managedEndpoints.get(i);
      if (e.figuresOf != null && !seen.add(String.join(",", e.figuresOf))) {
        continue;
      }
      BigDecimal spend = new BigDecimal(e.spendThisMonth).min(left);
      left = left.subtract(spend);
      String label = e.figuresOf == null ? e.name : String.join(" + ", e.figuresOf);
      String region = region(p, e.name);
      managedRows.add(
          row(
              p,
              month,
              f,
              issuer,
              spend,
              "Managed-model tokens of "
                  + e.model
                  + " (endpoint "
                  + label
                  + ") at the policy's token prices",
              "AI and Machine Learning",
              serviceName(e.model),
              "Google",
              google == null ? label : google + "/" + e.model + "@" + region,
              label,
              "Model endpoint (managed)",
              region,
              e.tokensThisMonth));
    }
    if (managedRows.isEmpty()
        || left.signum() != 0) { // what the rounded rows leave, or the whole when none
      managedRows.add(
          row(
              p,
              month,
              f,
              issuer,
              left,
              "Managed-model tokens of Google project "
                  + google
                  + (managedRows.isEmpty() ? "" : " not in the rows above (rounding)")
                  + " at the policy's token prices",
              "AI and Machine Learning",
              "Managed models",
              "Google",
              google == null ? name : google,
              google == null ? name : google,
              "Google project",
              null,
              null));
    }
    out.addAll(managedRows);
    return out;
  }

  private static String serviceName(String model) {
    return model != null && model.startsWith("VertexAI/") ? "Vertex AI" : "Managed models";
  }

  private static String region(GenAIProject p, String endpoint) {
    if (p.getSpec() == null || p.getSpec().models == null) {
      return null;
    }
    return p.getSpec().models.stream()
        .filter(m -> m != null && endpoint.equals(m.name) && m.managed != null)
        .map((ModelEndpoint m) -> m.managed.region)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static Row row(
      GenAIProject p,
      YearMonth month,
      Figures f,
      Issuer issuer,
      BigDecimal cost,
      String description,
      String serviceCategory,
      String serviceName,
      String publisher,
      String resourceId,
      String resourceName,
      String resourceType,
      String region,
      String tokens) {
    Map<String, String> v = new LinkedHashMap<>();
    COLUMNS.forEach(c -> v.put(c, null));
    Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    String amount = cost.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    v.put("BillingAccountId", issuer.accountId());
    v.put("BillingAccountName", issuer.accountName());
    v.put("BillingCurrency", f.currency());
    v.put("BillingPeriodStart", start.toString());
    v.put("BillingPeriodEnd", end.toString());
    v.put("ChargePeriodStart", start.toString());
    v.put("ChargePeriodEnd", (f.until().isAfter(start) ? f.until() : end).toString());
    v.put("ChargeCategory", "Usage");
    v.put("ChargeDescription", description);
    v.put("ChargeFrequency", "Usage-Based");
    v.put("BilledCost", amount);
    v.put("EffectiveCost", amount);
    v.put("ListCost", amount);
    v.put("ContractedCost", amount);
    v.put("PricingCategory", "Standard");
    if (tokens != null) {
      v.put("ConsumedQuantity", tokens);
      v.put("ConsumedUnit", "Tokens");
    }
    v.put(
        "InvoiceId",
        issuer.accountId()
            + "-showback-"
            + month); // the month's statement: its provisional invoice
    v.put("InvoiceIssuerName", issuer.accountName());
    // the platform makes every charge available and issues the showback (FOCUS: a charge whose
    // ProviderName is not
    // its InvoiceIssuerName is a third party's, billed 0); who made it is the publisher (Google,
    // for managed models)
    v.put("ProviderName", issuer.accountName());
    v.put("PublisherName", publisher);
    v.put("ServiceCategory", serviceCategory);
    v.put(
        "ServiceSubcategory",
        switch (serviceCategory) {
          case "Compute" -> "Containers";
          case "AI and Machine Learning" -> "Generative AI";
          default -> "Other (" + serviceCategory + ")";
        });
    v.put("ServiceName", serviceName);
    v.put("SubAccountId", p.getMetadata().getName());
    v.put(
        "SubAccountName",
        p.getSpec() != null && p.getSpec().displayName != null
            ? p.getSpec().displayName
            : p.getMetadata().getName());
    v.put("ResourceId", resourceId);
    v.put("ResourceName", resourceName);
    v.put("ResourceType", resourceType);
    if (region != null) {
      v.put("RegionId", region);
      v.put("RegionName", region);
    }
    v.put("Tags", "{\"genai.platform.dev/project\":\"" + p.getMetadata().getName() + "\"}");
    var spec = p.getSpec();
    if (spec != null && spec.sponsor != null) {
      v.put("x_Sponsor", spec.sponsor.name);
      v.put("x_CostCenter", spec.sponsor.costCenter);
      v.put("x_BusinessUnit", spec.sponsor.businessUnit);
    }
    if (spec != null) {
      v.put("x_DataClassification", spec.dataClassification);
      v.put("x_Stage", spec.stage);
    }
    v.put("x_MonthlyLimit", f.limit());
    // idle reclaim: GPU-hours handed back and what they would have cost (the project's, on each
    // row)
    v.put("x_IdleGpuHoursReturned", f.idleGpuHours());
    v.put("x_IdleSaved", f.idleSaved());
    v.put(
        "x_KpiCostPerUnit",
        f.kpiCosts().isEmpty()
            ? null
            : String.join(
                "; ",
                f.kpiCosts().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .toList()));
    return new Row(v);
  }

  private static Instant instant(String t) {
    try {
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** RFC 4180 CSV: a header, then one line per row; empty for null (FOCUS reads it as null). */
  public static String csv(List<Row> rows) {
    StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (Row r : rows) {
      s.append(String.join(",", COLUMNS.stream().map(c -> quote(r.get(c))).toList()))
          .append("\r\n");
    }
    return s.toString();
  }

  private static String quote(String v) {
    if (v == null) {
      return "";
    }
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
