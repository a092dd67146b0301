#!/usr/bin/env python3
"""This month's history, every 5 minutes until now, in OpenMetrics for promtool's backfill (docs/finops.md).

OpenCost's names and labels (node prices; allocations per container with namespace, pod, node; the GPU one only for
a container that requests GPUs), vLLM's token counters of the contract-assistant's llama-8b pod, and Vertex AI's
token counter as Cloud Monitoring's PromQL names it, for the Google project acme-legal-ai.
"""
import datetime as dt

now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
now -= dt.timedelta(minutes=now.minute % 5)
start = now.replace(day=1, hour=0, minute=0) - dt.timedelta(hours=1)
GIB = 1073741824
series = {}


def add(metric, labels, value_at):
    lines = series.setdefault(metric, [])
    t = start
    while t <= now:
        lines.append('%s{%s} %s %d' % (metric, labels, value_at(t), t.timestamp()))
        t += dt.timedelta(minutes=5)


def const(v):
    return lambda t: v


def per_hour(rate):
    return lambda t: rate * (t - start).total_seconds() / 3600


for node, it, cpu, ram, gpu in [("n1", "e2-standard-8", 0.033, 0.0045, 0), ("g1", "g2-standard-8", 0.05, 0.006, 2.5)]:
    labels = 'node="%s",instance_type="%s"' % (node, it)
    add("node_cpu_hourly_cost", labels, const(cpu))
    add("node_ram_hourly_cost", labels, const(ram))
    add("node_gpu_hourly_cost", labels, const(gpu))
app = 'namespace="genai-support-copilot",pod="app-0",container="app",node="n1"'
add("container_cpu_allocation", app, const(2))
add("container_memory_allocation_bytes", app, const(4 * GIB))
pod = 'model-llama-8b-7d9f8c6b5d-x2x4z'
llama = 'namespace="genai-contract-assistant",pod="%s",container="server",node="g1"' % pod
add("container_gpu_allocation", llama, const(1))
add("container_cpu_allocation", llama, const(2))
add("container_memory_allocation_bytes", llama, const(8 * GIB))
vllm = 'namespace="genai-contract-assistant",pod="%s",model_name="llama-8b"' % pod
add("vllm:prompt_tokens_total", vllm, per_hour(300000))
add("vllm:generation_tokens_total", vllm, per_hour(100000))
vertex = ('monitored_resource="aiplatform.googleapis.com/PublisherModel",resource_container="acme-legal-ai",'
          'location="europe-west4",model_user_id="gemini-2.5-flash",type="%s"')
add("aiplatform_googleapis_com:publisher_online_serving_token_count", vertex % "input", per_hour(1000000))
add("aiplatform_googleapis_com:publisher_online_serving_token_count", vertex % "output", per_hour(200000))

for metric, lines in series.items():
    print("# TYPE %s gauge" % metric)
    print("\n".join(lines))
print("# EOF")
