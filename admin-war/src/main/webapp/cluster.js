'use strict';
// The Cluster screen: the members of the cluster and the events of every node, drawn from the REST API every two
// seconds; an administrator suspends, resumes, drains or starts up any node from here. Text goes in as textContent.
let session = {csrfToken: '', role: 'monitor'};
const $ = (id) => document.getElementById(id);

async function api(method, path) {
  const res = await fetch('api/' + path, {method, headers: {'X-Requested-With': 'fetch', 'X-CSRF-Token': session.csrfToken}});
  if (res.status === 401) {
    location.href = 'login.html';
    throw new Error('log in first');
  }
  const data = res.headers.get('Content-Type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    throw new Error(data.error || String(data));
  }
  return data;
}

function say(text, error) {
  $('message').textContent = text;
  $('message').className = error ? 'error' : '';
}

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function act(td, node, action, label, question) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  if (action === 'drain') b.className = 'danger';
  b.addEventListener('click', async () => {
    if (question && !confirm(question)) return;
    try {
      await api('POST', `cluster/nodes/${encodeURIComponent(node)}/${action}`);
      say(`${node}: ${label.toLowerCase()} done`);
    } catch (e) {
      say(e.message, true);
    }
    draw();
  });
  td.appendChild(b);
}

async function draw() {
  try {
    const c = await api('GET', 'cluster');
    $('cluster-name').textContent = c.cluster ? `cluster ${c.cluster}` : '(runs alone)';
    const summary = {'Cluster': c.cluster || 'none: this instance runs alone',
      'Members': c.configuredMembers ? `${c.members.length} of ${c.configuredMembers} configured` : c.members.length,
      'Rule list changes': c.quorum ? 'taken' : 'refused: fewer than a majority of the configured members',
      'Rules version': c.rulesVersion};
    $('summary').replaceChildren(...Object.entries(summary).flatMap(([k, v]) => {
      const dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = k;
      dd.textContent = v;
      return [dt, dd];
    }));
    const body = $('members');
    body.replaceChildren();
    c.members.forEach((m) => {
      const row = body.insertRow();
      row.dataset.node = m.node;
      row.dataset.state = m.state;
      cell(row, m.self ? `${m.node || 'this instance'} (this node)` : m.node);
      cell(row, m.state);
      cell(row, m.listening.join(', '));
      [m.gateways, m.activeSessions, m.totalSessions, m.refusedSessions, m.rulesVersion].forEach((n) => cell(row, n, 'num'));
      cell(row, m.seen ? m.seen.replace(/\.\d+Z$/, 'Z') : '-');
      const td = row.insertCell();
      if (session.role === 'admin' && c.cluster) {
        if (m.state === 'RUNNING') {
          act(td, m.node, 'suspend', 'Suspend');
          act(td, m.node, 'resume', 'Resume');
          act(td, m.node, 'drain', 'Drain', `Drain ${m.node}: stop listening, and stop when its last session ends?`);
        } else if (m.state === 'STOPPED') {
          act(td, m.node, 'startup', 'Start up');
        }
      }
    });
    const events = (await api('GET', 'cluster/events?limit=50')).reverse();
    const log = $('cluster-events');
    log.replaceChildren();
    events.forEach((e) => {
      const row = log.insertRow();
      cell(row, e.time.replace(/\.\d+Z$/, 'Z')); cell(row, e.node); cell(row, e.kind); cell(row, e.text);
    });
  } catch (e) {
    say(e.message, true);
  }
}

(async () => {
  $('logout').addEventListener('click', async () => {
    await api('POST', 'logout');
    location.href = 'login.html';
  });
  session = await api('GET', 'session');
  $('who').textContent = `${session.user} (${session.role})`;
  document.body.classList.toggle('monitor', session.role !== 'admin');
  draw();
  setInterval(() => { if (!document.hidden) draw(); }, 2000);
})();
