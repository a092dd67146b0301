"""Draws the project view of the showback dashboard (charts/genai-operator/dashboards/genai-project.json) from what
a real Prometheus returned for each of its panels in DashboardsTest (operator/target/showback/*.json): the same
queries, the same data, drawn with matplotlib instead of Grafana. Run after `mvn test -Dtest=DashboardsTest`:

    python3 docs/showback/plot.py operator/target/showback docs/showback/project-view.png
"""
import glob
import json
import os
import sys
from datetime import datetime, timezone

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

src, out = sys.argv[1], sys.argv[2]
panels = {}
for f in sorted(glob.glob(os.path.join(src, "*.json"))):
    q = json.load(open(f))
    panels.setdefault(q["panel"], []).append(q)


def legend(metric, ref, panel):
    m = metric
    if panel.startswith("Spend this month"):
        return {"A": "spent", "B": "forecast", "D": "cap"}.get(ref) or "threshold %s %%" % m.get("threshold")
    if panel.startswith("In-cluster"):
        return "%s (%s)" % (m.get("source"), m.get("attribution"))
    if panel.startswith("KPIs"):
        return m.get("kpi", "") + {"A": "", "B": " baseline", "C": " target"}[ref]
    if panel.startswith("GPUs"):
        return {"A": "in use", "B": "quota"}[ref]
    if panel.startswith("Tokens"):
        return "%s (%s)" % (m.get("endpoint"), m.get("model"))
    if panel.startswith("Cost per"):
        return "%s (%s)" % (m.get("kpi"), m.get("currency"))
    return ref


def when(t):
    return datetime.fromtimestamp(float(t), tz=timezone.utc)


order = ["Spend this month against thresholds and cap", "In-cluster vs managed models",
         "Tokens this month by endpoint", "KPIs against baseline and target", "Cost per KPI unit",
         "GPUs in use against the quota"]
fig, axes = plt.subplots(3, 2, figsize=(14, 11))
for ax, title in zip(axes.flat, order):
    ax.set_title(title, fontsize=11)
    for q in panels.get(title, []):
        result = q["result"]["result"]
        if q["instant"]:
            labels = [legend(r["metric"], q["refId"], title) for r in result]
            values = [float(r["value"][1]) for r in result]
            ax.barh(labels, values, color="#3274d9")
            for i, v in enumerate(values):
                ax.text(v, i, " %s" % format(v, ",.2f" if v < 1000 else ",.0f"), va="center", fontsize=9)
            ax.set_xlim(0, max(values) * 1.35 if values else 1)
        else:
            for r in result:
                xs = [when(t) for t, _ in r["values"]]
                ys = [float(v) for _, v in r["values"]]
                dashed = q["refId"] in ("C", "D") and title.startswith("Spend") or q["refId"] != "A" and \
                    not title.startswith("In-cluster")
                ax.plot(xs, ys, "--" if dashed else "-", label=legend(r["metric"], q["refId"], title))
            ax.legend(fontsize=8, loc="upper left")
            ax.tick_params(axis="x", labelsize=8, rotation=20)
fig.suptitle("GenAI project: showback — contract-assistant, 1-4 November (real Prometheus, genai-operator's metrics)",
             fontsize=13)
fig.tight_layout()
fig.savefig(out, dpi=80)
print("wrote", out)
