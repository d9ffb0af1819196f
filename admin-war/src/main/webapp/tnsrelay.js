'use strict';
// The admin screens: one page per hash (#status, #rules…), each drawn from the REST API. Live pages are
// drawn again every two seconds (the dashboard every five, as often as the instance samples); pages with inputs
// (rules, parameters, resolve) only when asked. Text from the server is set with textContent only.
let session = {csrfToken: '', role: 'monitor'};
// The version of the rule list the Rules page shows (its ETag): changes are made on it, or refused (409).
let rulesVersion = '';
const LIVE = {status: 2000, gateways: 2000, connections: 2000, services: 2000, events: 2000, blocked: 2000,
  dashboard: 5000};
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const headers = {'X-Requested-With': 'fetch', 'X-CSRF-Token': session.csrfToken};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (path.startsWith('rules') && method !== 'GET' && rulesVersion) {
    headers['If-Match'] = rulesVersion;
  }
  const res = await fetch('api/' + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (path.startsWith('rules') && res.headers.get('ETag')) {
    rulesVersion = res.headers.get('ETag');
  }
  if (res.status === 401) {
    location.href = 'login.html';
    throw new Error('log in first');
  }
  const data = res.headers.get('Content-Type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = new Error(data.error || String(data));
    e.details = data;
    throw e;
  }
  return data;
}

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function button(td, label, action, cls) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (cls) b.className = cls;
  b.addEventListener('click', async () => {
    say('');
    try {
      await action();
    } catch (e) {
      say(e.message, true);
    }
    draw();
  });
  td.appendChild(b);
  return b;
}

function say(text, error) {
  $('message').textContent = text;
  $('message').className = error ? 'error' : '';
}

function hms(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** An ISO-8601 instant to the second, as people read it: 2026-11-21 02:54:58Z. */
function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';
}

/** A cell for text a client wrote: one line, cut with an ellipsis, the whole text in its tooltip. */
function clipped(row, text) {
  const td = row.insertCell();
  const span = document.createElement('span');
  span.className = 'clip';
  span.textContent = text || '';
  span.title = text || '';
  td.appendChild(span);
  return td;
}

function perSecond(n, unit) {
  if (n === null || n === undefined) return '-';
  const v = n >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
  return `${v}${unit ? ' ' + unit : ''}/s`;
}

function fill(tbody, rows, each) {
  const body = $(tbody);
  body.replaceChildren();
  rows.forEach((r) => each(body.insertRow(), r));
}

const pages = {
  async status() {
    const [s, r] = await Promise.all([api('GET', 'status'), api('GET', 'rates')]);
    $('instance').textContent = s.state === 'RUNNING' ? s.instance : `${s.instance} (${s.state})`;
    document.body.classList.toggle('stopped', s.state !== 'RUNNING');
    const fields = {'Instance name': s.instance, 'Instance state': s.state, 'Version': s.version,
      'Start date': time(s.started),
      'Uptime': hms(s.uptimeSeconds), 'Num of gateways started': s.gateways, 'Average load level': s.averageLoad,
      'Log level': s.logLevel, 'Trace level': s.traceLevel, 'Instance config file': s.configFile,
      'Rule changes written to': s.rulesFile, 'Listening on': s.listening.join(' ') || '(none)',
      'Sessions open': r.sessions,
      'Handshakes': perSecond(r.handshakesPerSecond), 'Refusals and drops': perSecond(r.refusedPerSecond),
      'Bytes from clients': perSecond(r.bytesInPerSecond, 'B'), 'Bytes to clients': perSecond(r.bytesOutPerSecond, 'B'),
      'Rates over': r.seconds ? `the last ${r.seconds} s (to ${time(r.at)})` : 'the first samples are being taken'};
    if (s.tcps.length || s.certificates.length) {
      fields['TCPS endpoints'] = s.tcps.join(', ') || '-';
      fields['TLS provider'] = s.tlsProvider;
      s.certificates.forEach((c, i) => {
        fields[`${c.role === 'gateway' ? 'Gateway' : 'Trusted'} certificate ${i + 1}`] =
          `${c.subject} (issuer ${c.issuer}, expires ${c.notAfter.replace(/\.\d+Z$/, 'Z')}`
          + `${c.daysLeft < 0 ? ', EXPIRED' : c.daysLeft <= 30 ? `, in ${c.daysLeft} days` : ''})`;
      });
      const failed = Object.entries(s.tlsFailures).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
      fields['TLS handshakes failed'] = failed.join(', ') || 'none';
    }
    $('status').replaceChildren(...Object.entries(fields).flatMap(([k, v]) => {
      const dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = k;
      dd.textContent = v;
      return [dt, dd];
    }));
  },
  async gateways() {
    fill('gateways', await api('GET', 'gateways'), (row, g) => {
      cell(row, g.id); cell(row, g.state);
      [g.active, g.peak, g.total, g.refused].forEach((n) => cell(row, n, 'num'));
      const td = row.insertCell();
      if (g.state === 'READY') button(td, 'Suspend', () => api('POST', `gateways/${g.id}/suspend`));
      else if (g.state === 'SUSPENDED') button(td, 'Resume', () => api('POST', `gateways/${g.id}/resume`));
    });
  },
  async blocked() {
    fill('blocked', await api('GET', 'blocked'), (row, b) => {
      cell(row, b.address); cell(row, b.endpoint); cell(row, time(b.since)); cell(row, time(b.until));
      cell(row, hms(b.secondsLeft), 'num');
      button(row.insertCell(), 'Unblock', () => api('DELETE', `blocked/${encodeURIComponent(b.address)}`), 'admin-only');
    });
  },
  async connections() {
    let rows;
    try {
      rows = await api('GET', 'connections?filter=' + encodeURIComponent($('filter').value));
      $('filter-error').textContent = '';
    } catch (e) {
      $('filter-error').textContent = e.message;
      return;
    }
    fill('connections', rows, (row, c) => {
      row.dataset.id = c.id;
      cell(row, c.id); cell(row, c.client);
      clipped(row, c.program).className = 'program'; clipped(row, c.host); clipped(row, c.user); clipped(row, c.peer);
      clipped(row, c.server); clipped(row, c.service); cell(row, c.gateway);
      cell(row, c.state); cell(row, hms(c.ageSeconds), 'num'); cell(row, hms(c.idleSeconds), 'num');
      cell(row, c.bytesIn, 'num'); cell(row, c.bytesOut, 'num');
      button(row.insertCell(), 'Close', async () => {
        const r = await api('POST', 'connections/close', {filter: String(c.id)});
        say(`${r.closed} connection closed`);
      }, 'close');
    });
  },
  async services() {
    const rows = [];
    (await api('GET', 'services')).forEach((s) => s.instances.forEach((i) => i.handlers.forEach((h) =>
      rows.push([s.service, i.instance, h.id, h.address, h.state, `${h.load}/${h.maxLoad}`, h.active, h.established,
        h.healthy ? 'yes' : 'NO']))));
    fill('services', rows, (row, r) => r.forEach((v) => cell(row, v)));
  },
  async rules() {
    const rules = await api('GET', 'rules');
    fill('rules', rules, (row, r) => {
      cell(row, r.position); cell(row, r.text).className = 'rule';
      const td = row.insertCell();
      if (r.position > 1) button(td, '↑', () => api('POST', 'rules/move', {from: r.position, to: r.position - 1})).title = 'Move up';
      if (r.position < rules.length) button(td, '↓', () => api('POST', 'rules/move', {from: r.position, to: r.position + 1})).title = 'Move down';
      button(td, 'Remove', () => api('DELETE', 'rules/' + r.position), 'danger');
    });
    const s = await api('GET', 'status');
    $('rules-file').textContent = s.rulesFile;
    $('rules-version').textContent = rulesVersion.replace(/"/g, '');
  },
  async parameters() {
    fill('parameters', await api('GET', 'parameters'), (row, p) => {
      cell(row, p.name);
      const td = row.insertCell();
      if (p.settable && session.role === 'admin') {
        const input = document.createElement('input');
        input.value = p.value;
        input.id = 'parameter-' + p.name;
        td.appendChild(input);
        button(td, 'Set', async () => {
          $('parameter-error').textContent = '';
          try {
            await api('PUT', 'parameters/' + p.name, {value: input.value});
            say(`${p.name} set to ${input.value}`);
          } catch (e) {
            $('parameter-error').textContent = e.message;
          }
        });
      } else {
        td.textContent = p.value;
      }
      cell(row, p.defaultValue); cell(row, p.description);
    });
  },
  async events() {
    fill('events', (await api('GET', 'events')).reverse(), (row, e) => {
      cell(row, time(e.time)); cell(row, e.kind); cell(row, e.text);
    });
  },
  async resolve() {},
  async dashboard() {
    drawCharts(await api('GET', 'history'));
  }
};

// ---- the dashboard: uPlot (a WebJar served by this application), redrawn with each new sample

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
const charts = {};

/** Draws one chart: series are [label, values]; a chart whose series changed (a gateway came) is made again. */
function chart(id, times, series, unit) {
  const el = $(id);
  const data = [times, ...series.map(([, values]) => values)];
  const key = series.map(([label]) => label).join('|');
  const points = series.reduce((n, [, values]) => n + values.filter((v) => v !== null && v > 0).length, 0);
  el.dataset.samples = String(times.length);
  el.dataset.points = String(points);
  el.dataset.series = key;
  const old = charts[id];
  if (old && old.key === key && old.width === el.clientWidth) {
    old.plot.setData(data);
    return;
  }
  if (old) old.plot.destroy();
  const opts = {
    width: el.clientWidth || 600, height: 220,
    scales: {x: {time: true}},
    axes: [{}, {size: 80, values: (u, ticks) => ticks.map((v) => scaled(v, unit))}],
    series: [{}, ...series.map(([label], i) => ({label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
      points: {show: false}}))]
  };
  charts[id] = {key, width: el.clientWidth, plot: new uPlot(opts, data, el)};
}

/** An axis value with its unit, bytes in kB, MB, GB (1000s) so that a label stays short. */
function scaled(v, unit) {
  if (unit !== ' B/s' || Math.abs(v) < 1000) return `${v}${unit || ''}`;
  const [n, u] = Math.abs(v) >= 1e9 ? [v / 1e9, 'GB'] : Math.abs(v) >= 1e6 ? [v / 1e6, 'MB'] : [v / 1e3, 'kB'];
  return `${Math.round(n * 10) / 10} ${u}/s`;
}

function drawCharts(h) {
  const t = h.times;
  chart('chart-sessions', t, [['all', h.sessions], ...h.gateways.map((g) => [`gateway ${g.id}`, g.sessions])]);
  chart('chart-handshakes', t, [['handshakes/s', h.handshakesPerSecond]], '/s');
  chart('chart-refusals', t, [...Object.entries(h.refusalsPerSecond).map(([reason, v]) => [reason.replace('_', ' '), v]),
    ['dropped', h.dropsPerSecond]], '/s');
  chart('chart-bytes', t, [['in', h.bytesInPerSecond], ['out', h.bytesOutPerSecond],
    ...h.gateways.flatMap((g) => [[`gateway ${g.id} in`, g.bytesInPerSecond], [`gateway ${g.id} out`, g.bytesOutPerSecond]])],
  ' B/s');
}

function current() {
  const name = location.hash.slice(1);
  return pages[name] ? name : 'status';
}

async function draw() {
  const name = current();
  document.querySelectorAll('main section').forEach((s) => s.classList.toggle('shown', s.id === name + '-page'));
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.hash === '#' + name));
  try {
    await pages[name]();
  } catch (e) {
    say(e.message, true);
  }
}

/** Shows a rule error where it is: the rule's text with the part at the error's column marked. */
function showRuleError(text, e) {
  const box = $('rule-error');
  box.replaceChildren();
  box.append(e.message);
  const col = e.details && e.details.column;
  if (col) {
    const from = Math.min(col - 1, text.length);
    let to = from + 1;
    if (text.charAt(from) === '(') { // the whole (NAME=value) pair the parser points at
      for (let depth = 0, i = from; i < text.length; i++) {
        depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
        if (depth === 0) { to = i + 1; break; }
      }
    }
    const line = document.createElement('div');
    const mark = document.createElement('mark');
    mark.textContent = text.slice(from, to) || ' ';
    line.append(text.slice(0, from), mark, text.slice(to));
    box.append(line);
    const input = $('rule-text');
    input.focus();
    input.setSelectionRange(from, to);
  }
}

function wire() {
  window.addEventListener('hashchange', () => { say(''); draw(); });
  $('logout').addEventListener('click', async () => {
    await api('POST', 'logout');
    location.href = 'login.html';
  });
  $('filter-form').addEventListener('submit', (e) => { e.preventDefault(); draw(); });
  $('close-matching').addEventListener('click', async () => {
    const filter = $('filter').value.trim();
    if (!confirm(filter ? `Close every connection matching "${filter}"?` : 'Close EVERY connection?')) return;
    try {
      say(`${(await api('POST', 'connections/close', {filter})).closed} connection(s) closed`);
    } catch (e) {
      say(e.message, true);
    }
    draw();
  });
  $('rule-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('rule-text').value;
    const position = $('rule-position').value;
    $('rule-error').replaceChildren();
    try {
      await api('POST', 'rules', position ? {rule: text, position: Number(position)} : {rule: text});
      say('rule added');
      draw();
    } catch (err) {
      showRuleError(text, err);
      if (err.details && String(err.details.error).includes('changed by someone else')) {
        pages.rules(); // the list as it is now; the rule stays in the form to be added again
      }
    }
  });
  $('resolve-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api('GET', 'resolve?name=' + encodeURIComponent($('resolve-name').value));
      $('resolve-how').textContent = `Used ${r.method} (${r.source})`;
      $('resolve-out').textContent = r.descriptor;
    } catch (err) {
      $('resolve-how').textContent = '';
      $('resolve-out').textContent = err.message;
    }
  });
  $('rule-check-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = new URLSearchParams({source: $('check-source').value, destination: $('check-destination').value,
      service: $('check-service').value});
    try {
      const r = await api('GET', 'rules/check?' + q);
      $('rule-check-answer').textContent = (r.position ? `${r.position}  ${r.rule}\n` : '') + r.verdict
        + (r.unresolved.length ? `\n(taken as unknown: ${r.unresolved.join(', ')})` : '');
    } catch (err) {
      $('rule-check-answer').textContent = err.message;
    }
  });
  $('reload').addEventListener('click', () => act('reload', 'Read cman.ora again?', () => api('POST', 'reload')));
  $('shutdown-normal').addEventListener('click', () => act('shutdown', 'Refuse new connections and stop when the last session ends?',
    () => api('POST', 'shutdown', {mode: 'normal'})));
  $('shutdown-abort').addEventListener('click', () => act('shutdown', 'Close EVERY session now and stop?',
    () => api('POST', 'shutdown', {mode: 'abort'})));
  $('startup').addEventListener('click', () => act('startup', 'Read cman.ora and start the gateways?',
    () => api('POST', 'startup')));
}

async function act(what, question, action) {
  if (!confirm(question)) return;
  try {
    await action();
    say(what + ': done');
  } catch (e) {
    say(e.message, true);
  }
  draw();
}

(async () => {
  wire();
  session = await api('GET', 'session');
  $('who').textContent = `${session.user} (${session.role})`;
  document.body.classList.toggle('monitor', session.role !== 'admin');
  draw();
  let last = Date.now();
  setInterval(() => {
    const every = LIVE[current()];
    if (every && !document.hidden && Date.now() - last >= every) {
      last = Date.now();
      draw();
    }
  }, 500);
  window.addEventListener('hashchange', () => { last = Date.now(); });
})();
