#!/usr/bin/env python3
"""Writes spotdraft-sync-dashboard.json beside this file (Grafana 10+, Prometheus data source).

The metric names are all in METRICS below: when the application renames a metric, change it here and
run `python3 helm/grafana/make_dashboard.py`; commit the script and the JSON together.

Names follow Micrometer's Prometheus naming: a counter gets `_total`; a timer or distribution summary
named `x` (unit seconds or bytes) is scraped as `x_count`, `x_sum` and `x_max`; a gauge keeps its name.
"""
import json
import pathlib

# ---- the one place for metric names (Prometheus names as scraped from /actuator/prometheus) ----
METRICS = {
    # SpotDraft API client
    "api_calls": "spotdraft_api_calls_total",          # counter, labels: workspace
    "api_429": "spotdraft_api_429_total",              # counter, labels: workspace
    "budget_wait": "spotdraft_budget_wait_seconds",    # timer: time a call waited for the request budget
    # export / reconcile runs
    "contracts_read": "sync_contracts_read_total",       # counter, labels: workspace, job
    "contracts_written": "sync_contracts_written_total", # counter, labels: workspace, job
    "contracts_skipped": "sync_contracts_skipped_total", # counter, labels: workspace, job
    "document_bytes": "sync_document_bytes_total",       # counter: bytes stored in the document store
    "merge": "sync_merge_seconds",                       # timer: one chunk's warehouse MERGE
    "freshness": "sync_freshness_seconds",               # gauge, labels: workspace, job: age of the last completed run
    # webhooks
    "webhook_deliveries": "sync_webhook_deliveries_total",  # counter, labels: workspace, outcome
    "webhook_inbox_lag": "sync_webhook_inbox_lag_seconds",  # gauge: age of the oldest unprocessed delivery
}
# the label that tells workspaces apart, on every metric above
WORKSPACE_LABEL = "workspace"
# the application's `job` label (export, reconcile) as stored by Prometheus: a scraped label named `job`
# collides with the scrape job's own and is kept as `exported_job` (unless the scrape honours labels)
JOB_LABEL = "exported_job"
# SpotDraft's budget per workspace (requests per second), drawn on the API panel
BUDGET_RPS = 10

DS = {"type": "prometheus", "uid": "${datasource}"}
SEL = '{%s=~"$workspace"}' % WORKSPACE_LABEL
RATE = "[$__rate_interval]"

_next_id = 0


def _id():
    global _next_id
    _next_id += 1
    return _next_id


def target(expr, legend, ref):
    return {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref, "range": True}


def timeseries(title, description, targets, unit, x, y, w=8, h=8, thresholds=None, stack=False):
    custom = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never",
              "stacking": {"mode": "normal" if stack else "none", "group": "A"}}
    steps = [{"color": "green", "value": None}]
    if thresholds:
        custom["thresholdsStyle"] = {"mode": "line"}
        steps += thresholds
    return {
        "id": _id(), "type": "timeseries", "title": title, "description": description, "datasource": DS,
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "fieldConfig": {"defaults": {"unit": unit, "custom": custom,
                                     "thresholds": {"mode": "absolute", "steps": steps}},
                        "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
                    "tooltip": {"mode": "multi", "sort": "desc"}},
        "targets": [target(e, l, chr(ord("A") + i)) for i, (e, l) in enumerate(targets)],
    }


def row(title, y):
    return {"id": _id(), "type": "row", "title": title, "collapsed": False, "panels": [],
            "gridPos": {"x": 0, "y": y, "w": 24, "h": 1}}


def m(key, suffix=""):
    return METRICS[key] + suffix


def dashboard():
    ws = WORKSPACE_LABEL
    panels = [
        row("SpotDraft API", 0),
        timeseries("API requests / s", f"Requests sent to SpotDraft per workspace; the line is the budget of {BUDGET_RPS}/s, shared by every pod.",
                   [(f"sum by ({ws}) (rate({m('api_calls')}{SEL}{RATE}))", "{{%s}}" % ws)],
                   "reqps", 0, 1, thresholds=[{"color": "red", "value": BUDGET_RPS}]),
        timeseries("429 responses / s", "Too Many Requests answered by SpotDraft: should stay at zero while the budget holds.",
                   [(f"sum by ({ws}) (rate({m('api_429')}{SEL}{RATE}))", "{{%s}}" % ws)],
                   "reqps", 8, 1),
        timeseries("Wait for the request budget", "Mean and longest wait of a call for a slot in the budget.",
                   [(f"sum by ({ws}) (rate({m('budget_wait', '_sum')}{SEL}{RATE})) / sum by ({ws}) (rate({m('budget_wait', '_count')}{SEL}{RATE}))", "mean {{%s}}" % ws),
                    (f"max by ({ws}) ({m('budget_wait', '_max')}{SEL})", "max {{%s}}" % ws)],
                   "s", 16, 1),
        row("Runs", 9),
        timeseries("Contracts / s", "Contracts read from SpotDraft, written to the warehouse, and skipped (unchanged).",
                   [(f"sum by ({ws}) (rate({m('contracts_read')}{SEL}{RATE}))", "read {{%s}}" % ws),
                    (f"sum by ({ws}) (rate({m('contracts_written')}{SEL}{RATE}))", "written {{%s}}" % ws),
                    (f"sum by ({ws}) (rate({m('contracts_skipped')}{SEL}{RATE}))", "skipped {{%s}}" % ws)],
                   "ops", 0, 10),
        timeseries("Documents stored", "Bytes of documents written to the document store.",
                   [(f"sum by ({ws}) (rate({m('document_bytes')}{SEL}{RATE}))", "{{%s}}" % ws)],
                   "Bps", 8, 10),
        timeseries("Warehouse MERGE duration", "Mean and longest MERGE of a chunk into the warehouse.",
                   [(f"sum by ({ws}) (rate({m('merge', '_sum')}{SEL}{RATE})) / sum by ({ws}) (rate({m('merge', '_count')}{SEL}{RATE}))", "mean {{%s}}" % ws),
                    (f"max by ({ws}) ({m('merge', '_max')}{SEL})", "max {{%s}}" % ws)],
                   "s", 16, 10),
        timeseries("Freshness", "Age of the data: time since the last completed run, per workspace and job. Orange past 30 minutes, red past 2 hours.",
                   [(f"max by ({ws}, {JOB_LABEL}) ({m('freshness')}{SEL})", "{{%s}} {{%s}}" % (ws, JOB_LABEL))],
                   "s", 0, 18, w=24, thresholds=[{"color": "orange", "value": 1800}, {"color": "red", "value": 7200}]),
        row("Webhooks", 26),
        timeseries("Webhook deliveries / s", "Deliveries received, by outcome (accepted, duplicate, rejected signature, ...).",
                   [(f"sum by (outcome) (rate({m('webhook_deliveries')}{SEL}{RATE}))", "{{outcome}}")],
                   "reqps", 0, 27, w=12, stack=True),
        timeseries("Webhook inbox lag", "Age of the oldest delivery not yet processed by an incremental run.",
                   [(f"max by ({ws}) ({m('webhook_inbox_lag')}{SEL})", "{{%s}}" % ws)],
                   "s", 12, 27, w=12),
    ]
    return {
        "title": "spotdraft-sync",
        "uid": "spotdraft-sync",
        "description": "SpotDraft API budget, sync runs, documents, warehouse loads and webhooks. Generated by make_dashboard.py.",
        "tags": ["spotdraft-sync"],
        "editable": True,
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-6h", "to": "now"},
        "refresh": "1m",
        "timezone": "",
        "graphTooltip": 1,
        "templating": {"list": [
            {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
             "current": {}, "hide": 0},
            {"name": "workspace", "label": "Workspace", "type": "query", "datasource": DS,
             "query": {"query": f"label_values({m('api_calls')}, {ws})", "refId": "workspace"},
             "definition": f"label_values({m('api_calls')}, {ws})",
             "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
             "current": {"text": "All", "value": "$__all"}, "hide": 0},
        ]},
        "annotations": {"list": []},
        "panels": panels,
    }


if __name__ == "__main__":
    out = pathlib.Path(__file__).with_name("spotdraft-sync-dashboard.json")
    out.write_text(json.dumps(dashboard(), indent=2) + "\n")
    print(f"wrote {out}")
