// The status page: fetches GET api/status (with the admin token when the server wants one) and renders it, again
// every refreshSeconds. No framework and no build step; the DOM is built with textContent only, so nothing the
// server says (a failure message, a job name) can become markup.
'use strict';

const TOKEN_KEY = 'spotdraft-sync.admin-token';
const STATUS_URL = 'api/status';
const $ = (id) => document.getElementById(id);

let timer = null;
let loading = false;

/** An element with attributes and children (strings become text nodes). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** An SVG element (SVG needs its namespace). */
function svg(tag, attributes, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  for (const child of children) node.append(child instanceof Node ? child : String(child));
  return node;
}

// ---- formatting ------------------------------------------------------------------------------------------------

function age(seconds) {
  if (seconds === null || seconds === undefined) return 'never';
  return duration(seconds) + ' ago';
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' }) : '';
}

function number(value) {
  return value === null || value === undefined ? '' : Number(value).toLocaleString('en-US');
}

function bytes(value) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let scaled = value, unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) { scaled /= 1024; unit++; }
  return (unit ? scaled.toFixed(1) : scaled) + ' ' + units[unit];
}

function time(iso, text) {
  return iso ? el('time', { datetime: iso, title: clock(iso) }, text) : el('span', { class: 'muted' }, text);
}

const COUNT_LABELS = {
  contractsRead: 'read', contractsWritten: 'written', contractsUnchanged: 'unchanged', contractsFailed: 'failed (skipped)',
  documentsWritten: 'documents',
  api429s: '429s', listed: 'listed', repaired: 'repaired', repairsWritten: 'repairs written',
  rows: 'rows', invalid: 'invalid', created: 'created', alreadyImported: 'already imported', recovered: 'recovered',
  rejected: 'rejected', keyPointersRejected: 'key pointers rejected',
};

/** A run's counts: one span per count, with data-count naming the JSON field. */
function counts(values) {
  const spans = [];
  for (const [name, value] of Object.entries(values || {})) {
    if (value !== null && typeof value === 'object') {
      const parts = Object.entries(value).filter(([, n]) => n > 0).map(([k, n]) => k + ' ' + number(n));
      spans.push(el('span', { 'data-count': name }, name + ': ' + (parts.length ? parts.join(', ') : 'none')));
    } else if (name === 'documentBytes') {
      if (value > 0) spans.push(el('span', { 'data-count': name, 'data-value': value }, bytes(value)));
    } else if ((name !== 'api429s' && name !== 'contractsFailed') || value > 0) {
      spans.push(el('span', { 'data-count': name, 'data-value': value }, el('b', null, number(value)), ' ' + (COUNT_LABELS[name] || name)));
    }
  }
  return el('td', { class: 'counts' }, spans);
}

// ---- rendering -------------------------------------------------------------------------------------------------

function render(status) {
  $('token-form').hidden = true;
  $('status').hidden = false;
  $('forget-token').hidden = !sessionStorage.getItem(TOKEN_KEY);
  $('updated').textContent = 'updated ' + new Date(status.generatedAt).toLocaleTimeString()
      + ' · refreshes every ' + status.refreshSeconds + ' s' + (status.public ? ' · public' : '');
  $('workspaces').replaceChildren(...status.workspaces.map((workspace) => renderWorkspace(workspace, status)));
  $('running').replaceChildren(status.running.length ? el('div', { class: 'scroll' }, runningTable(status.running))
      : el('p', { class: 'empty', id: 'no-running' }, 'No run in progress.'));
  $('recent-runs').replaceChildren(status.recentRuns.length ? el('div', { class: 'scroll' }, recentTable(status.recentRuns))
      : el('p', { class: 'empty' }, 'No run yet.'));
}

function renderWorkspace(workspace, status) {
  const freshnessText = {
    fresh: 'fresh', stale: 'stale: no full sync for over ' + duration(status.staleAfterSeconds), never: 'never synced',
  }[workspace.freshness];
  const inbox = workspace.webhookInbox;
  const requests = workspace.requests;
  return el('article', { class: 'card workspace', 'data-workspace': workspace.name, 'data-freshness': workspace.freshness },
    el('div', { class: 'card-head' },
      el('h3', null, 'Workspace ', el('code', null, workspace.name)),
      el('span', { class: 'badge freshness ' + workspace.freshness }, freshnessText)),
    el('div', { class: 'facts' },
      el('div', { class: 'fact' },
        el('h4', null, 'Last full sync'),
        el('div', { class: 'big' }, time(workspace.lastSuccessAt, age(workspace.ageSeconds))),
        el('div', { class: 'muted' }, workspace.lastSuccessAt ? clock(workspace.lastSuccessAt) : 'no export or reconcile completed yet')),
      el('div', { class: 'fact inbox' },
        el('h4', null, 'Webhook inbox'),
        el('div', { class: 'big' }, el('span', { class: 'inbox-lag', 'data-seconds': inbox.lagSeconds }, duration(inbox.lagSeconds)),
          el('span', { class: 'muted' }, ' lag')),
        el('div', { class: 'muted' }, el('span', { class: 'inbox-pending' }, number(inbox.pending)), ' pending',
          inbox.retrying ? [' (', el('span', { class: 'inbox-retrying' }, number(inbox.retrying)), ' retrying)'] : null,
          inbox.oldestPendingAt ? [', oldest since ', time(inbox.oldestPendingAt, clock(inbox.oldestPendingAt))] : null),
        inbox.failed ? el('div', { class: 'error' }, el('span', { class: 'inbox-failed' }, number(inbox.failed)), ' failed') : null),
      el('div', { class: 'fact requests' },
        el('h4', null, 'API requests'),
        el('div', { class: 'big' }, el('span', { class: 'rate-last-minute' }, requests.lastMinutePerSecond), el('span', { class: 'muted' }, ' /s last minute')),
        el('div', { class: 'muted' }, 'limit ', el('span', { class: 'rate-limit' }, requests.limitPerSecond), '/s · peak ',
          el('span', { class: 'rate-peak' }, requests.peakOfHour), '/s · ',
          el('span', { class: 'rate-total' }, number(requests.total)), ' in the last hour'))),
    chart(requests),
    jobsTable(workspace.jobs),
    inbox.failed ? failedEventsTable(inbox) : null);
}

/** Webhook events set aside after their last attempt: the admin API retries or discards them. */
function failedEventsTable(inbox) {
  return el('div', { class: 'failed-events' },
    el('h4', null, 'Failed webhook events'),
    el('p', { class: 'muted' }, 'Set aside after their last attempt. Retry one with POST /api/webhook-events/{id}/retry, ',
      'or discard it with POST /api/webhook-events/{id}/discard.',
      inbox.failed > inbox.failedEvents.length ? ' The newest ' + inbox.failedEvents.length + ' of ' + number(inbox.failed) + ' are shown.' : ''),
    el('div', { class: 'scroll' }, el('table', null,
      el('thead', null, el('tr', null, el('th', { class: 'num' }, 'Event'), el('th', null, 'Contract'), el('th', null, 'Activity'),
        el('th', null, 'Received'), el('th', { class: 'num' }, 'Attempts'), el('th', null, 'Last error'))),
      el('tbody', null, inbox.failedEvents.map((event) => el('tr', { 'data-event-id': event.id },
        el('td', { class: 'num' }, event.id), el('td', null, event.contractId ?? ''), el('td', null, el('code', null, event.activity)),
        el('td', { class: 'when' }, time(event.receivedAt, clock(event.receivedAt))),
        el('td', { class: 'num' }, event.attempts),
        el('td', { class: 'muted event-error' }, event.lastError ?? '')))))));
}

function jobsTable(jobs) {
  return el('table', { class: 'jobs' },
    el('thead', null, el('tr', null, el('th', null, 'Job'), el('th', null, 'Last success'), el('th', null, 'Ended'), el('th', { class: 'num' }, 'Run'))),
    el('tbody', null, jobs.map((job) => el('tr', { 'data-job': job.job },
      el('td', null, el('code', null, job.job),
        job.coversWorkspace ? '' : el('span', { class: 'muted', title: 'its runs do not sync the whole workspace' }, ' (not a full sync)')),
      el('td', { class: 'job-age' }, time(job.lastSuccessAt, age(job.ageSeconds))),
      el('td', { class: 'muted' }, clock(job.lastSuccessAt)),
      el('td', { class: 'num' }, job.runId ?? '')))));
}

function progressCell(progress) {
  if (!progress) {
    return el('td', null, el('div', { class: 'progress indeterminate' }, el('div', { class: 'progress-bar' })),
      el('div', { class: 'muted' }, 'no live progress in this process'));
  }
  const total = progress.total;
  const share = total ? Math.min(100, (100 * progress.done) / total) : 0;
  // the width through the DOM, not a style attribute: the Content-Security-Policy (style-src 'self') refuses those
  const bar = el('div', { class: 'progress-bar' });
  bar.style.width = share.toFixed(1) + '%';
  return el('td', null,
    el('div', { class: 'progress' + (total ? '' : ' indeterminate'), role: 'progressbar', 'aria-valuemin': 0,
      'aria-valuemax': total ?? '', 'aria-valuenow': progress.done }, bar),
    el('div', { class: 'progress-text' }, number(progress.done) + ' / ' + (total === null ? '?' : number(total))));
}

function runningTable(runs) {
  return el('table', { class: 'running' },
    el('thead', null, el('tr', null, el('th', null, 'Run'), el('th', null, 'Job'), el('th', null, 'Workspace'), el('th', null, 'Status'),
      el('th', null, 'Progress'), el('th', { class: 'num' }, 'Items/s'), el('th', { class: 'num' }, 'ETA'), el('th', { class: 'num' }, 'API calls/s'))),
    el('tbody', null, runs.map((run) => el('tr', { 'data-run-id': run.id },
      el('td', null, run.id), el('td', null, el('code', null, run.job), ' ', el('span', { class: 'muted' }, run.mode ?? '')),
      el('td', null, run.workspace), el('td', null, el('span', { class: 'badge ' + run.status }, run.status), ownerLine(run)),
      progressCell(run.progress),
      el('td', { class: 'num' }, run.progress ? run.progress.itemsPerSecond : ''),
      el('td', { class: 'num eta' }, run.progress && run.progress.etaSeconds !== null ? duration(run.progress.etaSeconds) : ''),
      el('td', { class: 'num' }, run.apiCallsPerSecond ?? '')))));
}

// who runs it; for a run left running by a process that stopped checking in (INTERRUPTED), when that was
function ownerLine(run) {
  if (!run.owner && !run.ownerLastSeen) {
    return null;
  }
  const seen = run.status === 'INTERRUPTED' && run.ownerLastSeen
    ? ', last seen ' + new Date(run.ownerLastSeen).toLocaleTimeString() : '';
  return el('div', { class: 'muted run-owner' }, 'on ' + (run.owner ?? 'an unknown instance') + seen);
}

function recentTable(runs) {
  return el('table', { class: 'recent' },
    el('thead', null, el('tr', null, el('th', null, 'Run'), el('th', null, 'Job'), el('th', null, 'Workspace'), el('th', null, 'Trigger'),
      el('th', null, 'Outcome'), el('th', null, 'Started'), el('th', { class: 'num' }, 'Duration'), el('th', null, 'Counts'),
      el('th', { class: 'num' }, 'API calls'))),
    el('tbody', null, runs.map((run) => el('tr', { 'data-run-id': run.id },
      el('td', null, run.id),
      el('td', null, el('code', null, run.job), ' ', el('span', { class: 'muted' }, run.mode ?? '')),
      el('td', null, run.workspace), el('td', null, run.trigger ?? ''),
      el('td', null, el('span', { class: 'badge run-status ' + run.status }, run.status),
        run.exitDescription ? el('div', { class: 'muted run-message' }, run.exitDescription) : null, ownerLine(run)),
      el('td', { class: 'when' }, time(run.startTime, clock(run.startTime))),
      el('td', { class: 'num run-duration' }, duration(run.durationSeconds)),
      counts(run.counts),
      el('td', { class: 'num run-api-calls' }, number(run.apiCalls))))));
}

/** Requests per second over the last hour: the peak second of each bucket (line), its average (area), the limit. */
function chart(requests) {
  const width = 720, height = 160, left = 34, top = 8, bottom = 18;
  const plotWidth = width - left, plotHeight = height - top - bottom;
  const peaks = requests.peakPerSecond, averages = requests.averagePerSecond;
  const n = peaks.length;
  const highest = Math.max(requests.limitPerSecond * 1.15, ...peaks, 1);
  const x = (i) => left + (plotWidth * i) / Math.max(1, n - 1);
  const y = (v) => top + plotHeight - (plotHeight * v) / highest;
  const points = (values) => values.map((v, i) => x(i).toFixed(1) + ',' + y(v).toFixed(1)).join(' ');
  const area = 'M' + x(0) + ',' + y(0) + ' L' + points(averages).replace(/ /g, ' L') + ' L' + x(n - 1) + ',' + y(0) + ' Z';
  const labels = [];
  for (const minutes of [60, 45, 30, 15, 0]) {
    labels.push(svg('text', { x: left + plotWidth * (1 - minutes / 60), y: height - 4,
      'text-anchor': minutes === 60 ? 'start' : minutes === 0 ? 'end' : 'middle' }, minutes ? '-' + minutes + ' min' : 'now'));
  }
  return svg('svg', { class: 'chart rate-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': 'API requests per second over the last hour, against the limit of ' + requests.limitPerSecond },
    svg('line', { class: 'axis', x1: left, y1: y(0), x2: width, y2: y(0) }),
    svg('text', { x: left - 4, y: y(0), 'text-anchor': 'end' }, '0'),
    svg('path', { class: 'average', d: area }),
    svg('polyline', { class: 'peak', points: points(peaks) }),
    svg('line', { class: 'limit', x1: left, y1: y(requests.limitPerSecond), x2: width, y2: y(requests.limitPerSecond) }),
    svg('text', { class: 'limit-label', x: left - 4, y: y(requests.limitPerSecond) + 4, 'text-anchor': 'end' }, requests.limitPerSecond),
    svg('text', { class: 'limit-label', x: width - 4, y: y(requests.limitPerSecond) - 4, 'text-anchor': 'end' },
      'limit ' + requests.limitPerSecond + '/s'),
    ...labels);
}

// ---- loading and the token ---------------------------------------------------------------------------------------

function showTokenForm(error) {
  clearTimeout(timer);
  $('status').hidden = true;
  $('message').hidden = true;
  $('forget-token').hidden = true;
  $('updated').textContent = '';
  $('token-form').hidden = false;
  $('token-error').hidden = !error;
  $('token-error').textContent = error || '';
  $('token').focus();
}

function showMessage(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

async function load() {
  if (loading) return;
  loading = true;
  clearTimeout(timer);
  let refreshSeconds = 5;
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(STATUS_URL, {
      headers: token ? { Authorization: 'Bearer ' + token, Accept: 'application/json' } : { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401) {
      const problem = await response.json().catch(() => ({}));
      sessionStorage.removeItem(TOKEN_KEY);
      showTokenForm(token ? 'The server refused this token: ' + (problem.detail || 'wrong token') : null);
      return;
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      showMessage('Could not read the status (HTTP ' + response.status + '): ' + (problem.detail || response.statusText));
    } else {
      const status = await response.json();
      refreshSeconds = status.refreshSeconds || refreshSeconds;
      showMessage('');
      render(status);
    }
  } catch (failure) {
    showMessage('The server did not answer (' + failure.message + '); trying again.');
  } finally {
    loading = false;
  }
  if ($('token-form').hidden) timer = setTimeout(load, refreshSeconds * 1000);
}

document.addEventListener('DOMContentLoaded', () => {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    load();
  });
  $('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    load();
  });
  load();
});
