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
# io.spotdraftsync.ops.ActuatorTest scrapes a serve process after an export and checks that each name below
# is there with the workspace label: a rename in the application without one here fails that test.
METRICS = {
    # SpotDraft API client (Micrometer: spotdraft.api.*)
    "api_calls": "spotdraft_api_requests_seconds_count",  # timer's count: one per request (every attempt); labels: workspace, endpoint, outcome
    "api_429": "spotdraft_api_rate_limited_total",         # counter: 429 answers; labels: workspace
    "api_retries": "spotdraft_api_retries_total",          # counter: attempts after the first; labels: workspace
    "budget_wait": "spotdraft_api_budget_wait_seconds",    # timer (_count, _sum, _max): a request's wait for the budget; labels: workspace
    # export / reconcile runs (sync.contracts.*, sync.warehouse.load, sync.document.bytes, sync.freshness)
    "contracts_read": "sync_contracts_read_total",         # counter, labels: workspace, sync_job
    "contracts_written": "sync_contracts_written_total",   # counter, labels: workspace, sync_job
    "contracts_skipped": "sync_contracts_skipped_total",   # counter (loaded, unchanged), labels: workspace, sync_job
    "document_bytes": "sync_document_bytes_total",         # counter: bytes written to the document store; labels: workspace, store
    "chunk_load": "sync_warehouse_load_seconds",           # timer: one chunk's load (stage, MERGE, commit); labels: workspace, sync_job
    "freshness": "sync_freshness_seconds",                 # gauge: since the start of the last successful run; labels: workspace, sync_job
    # webhooks (sync.webhook.*)
    "webhook_deliveries": "sync_webhook_deliveries_total",  # counter, labels: workspace, outcome
    "webhook_inbox_lag": "sync_webhook_inbox_lag_seconds",  # gauge: age of the oldest unprocessed event; labels: workspace
}
# the label that tells workspaces apart, on every metric above
WORKSPACE_LABEL = "workspace"
# the job label of the run metrics (export, reconcile): `sync_job`, since Prometheus owns `job` (the scrape job)
JOB_LABEL = "sync_job"
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
        timeseries("429 responses and retries / s", "Too Many Requests answered by SpotDraft (should stay at zero while the budget holds), and requests retried after any transient fault.",
                   [(f"sum by ({ws}) (rate({m('api_429')}{SEL}{RATE}))", "429 {{%s}}" % ws),
                    (f"sum by ({ws}) (rate({m('api_retries')}{SEL}{RATE}))", "retries {{%s}}" % ws)],
                   "reqps", 8, 1),
        timeseries("Wait for the request budget", "Mean and longest wait of a call for a slot in the budget.",
                   [(f"sum by ({ws}) (rate({m('budget_wait', '_sum')}{SEL}{RATE})) / sum by ({ws}) (rate({m('budget_wait', '_count')}{SEL}{RATE}))", "mean {{%s}}" % ws),
                    (f"max by ({ws}) ({m('budget_wait', '_max')}{SEL})", "max {{%s}}" % ws)],
                   "s", 16, 1),
        row("Runs", 9),
        timeseries("Contracts / s", "Contracts read from SpotDraft and loaded, written to the warehouse (inserted or updated), and skipped (unchanged), per job.",
                   [(f"sum by ({ws}, {JOB_LABEL}) (rate({m('contracts_read')}{SEL}{RATE}))", "read {{%s}} {{%s}}" % (ws, JOB_LABEL)),
                    (f"sum by ({ws}, {JOB_LABEL}) (rate({m('contracts_written')}{SEL}{RATE}))", "written {{%s}} {{%s}}" % (ws, JOB_LABEL)),
                    (f"sum by ({ws}, {JOB_LABEL}) (rate({m('contracts_skipped')}{SEL}{RATE}))", "skipped {{%s}} {{%s}}" % (ws, JOB_LABEL))],
                   "ops", 0, 10),
        timeseries("Documents stored", "Bytes of documents written to the document store.",
                   [(f"sum by ({ws}) (rate({m('document_bytes')}{SEL}{RATE}))", "{{%s}}" % ws)],
                   "Bps", 8, 10),
        timeseries("Warehouse load of a chunk (stage + MERGE)", "Mean and longest load of one chunk into the warehouse: staging, MERGE and commit, one transaction.",
                   [(f"sum by ({ws}) (rate({m('chunk_load', '_sum')}{SEL}{RATE})) / sum by ({ws}) (rate({m('chunk_load', '_count')}{SEL}{RATE}))", "mean {{%s}}" % ws),
                    (f"max by ({ws}) ({m('chunk_load', '_max')}{SEL})", "max {{%s}}" % ws)],
                   "s", 16, 10),
        timeseries("Freshness", "Age of the data: time since the start of the last successful run (its watermark), per workspace and job; read from the job repository, so right after a restart. Orange past 30 minutes, red past 2 hours.",
                   [(f"max by ({ws}, {JOB_LABEL}) ({m('freshness')}{SEL})", "{{%s}} {{%s}}" % (ws, JOB_LABEL))],
                   "s", 0, 18, w=24, thresholds=[{"color": "orange", "value": 1800}, {"color": "red", "value": 7200}]),
        row("Webhooks", 26),
        timeseries("Webhook deliveries / s", "Deliveries received, by outcome: valid (stored), duplicate, invalid-signature, malformed, too-large, unavailable (503).",
                   [(f"sum by (outcome) (rate({m('webhook_deliveries')}{SEL}{RATE}))", "{{outcome}}")],
                   "reqps", 0, 27, w=12, stack=True),
        timeseries("Webhook inbox lag", "Age of the oldest stored event not yet processed by a targeted run.",
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
             "query": {"query": f"label_values({m('api_429')}, {ws})", "refId": "workspace"},
             "definition": f"label_values({m('api_429')}, {ws})",
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
