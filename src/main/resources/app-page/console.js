// The coordination console: a Telegram Mini App. Every API call carries the signed initData that
// Telegram's client (or the sandbox, playing its part) handed to this page; the server checks it.
'use strict';

const tg = (window.Telegram && window.Telegram.WebApp) || null;
const initData = tg ? tg.initData : '';
const state = { texts: {}, me: null, tab: null, timer: null, refresh: 1000, busy: false };

function t(key, ...args) {
  const text = state.texts[key] || key;
  return text.replace(/\{(\d+)\}/g, (all, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : all));
}

function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A time of day in the console's language and the organisation's time zone (24-hour). */
function clockTime(date) {
  const options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  try {
    return date.toLocaleTimeString(document.documentElement.lang, Object.assign({ timeZone: state.me && state.me.timeZone }, options));
  } catch (e) {
    return date.toLocaleTimeString(document.documentElement.lang, options); // a zone the browser does not know
  }
}

function notice(text, error) {
  const box = document.getElementById('notice');
  box.textContent = text || '';
  box.classList.toggle('error', Boolean(error));
}

class ApiError extends Error {
  constructor(status) {
    super('HTTP ' + status);
    this.status = status;
  }
}

async function api(path, options) {
  const response = await fetch('api/' + path, Object.assign({ cache: 'no-store' }, options || {}, {
    headers: Object.assign({ Authorization: 'tma ' + initData, 'Content-Type': 'application/json' }, (options && options.headers) || {}),
  }));
  if (!response.ok) {
    throw new ApiError(response.status);
  }
  return response.json();
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    stop();
    notice(t('error.unauthorized'), true);
  } else if (error instanceof ApiError && error.status === 403) {
    notice(t('error.forbidden'), true);
  } else {
    notice(t('error.network'), true);
  }
}

function language() {
  const user = tg && tg.initDataUnsafe && tg.initDataUnsafe.user;
  return user && user.language_code && user.language_code.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

async function loadTexts(lang) {
  const response = await fetch('texts/' + lang, { cache: 'no-store' });
  state.texts = response.ok ? await response.json() : {};
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.getElementById('title').textContent = t('title');
  document.title = t('title');
}

function stop() {
  if (state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
}

function schedule() {
  stop();
  state.timer = setTimeout(tick, state.refresh);
}

async function tick() {
  if (state.busy) {
    schedule();
    return;
  }
  try {
    if (state.tab === 'board') {
      renderBoard(await api('board'));
    } else if (state.tab === 'sites') {
      renderSites(await api('board'));
    } else if (state.tab === 'shifts') {
      renderShifts(await api('shifts'));
    } else if (state.tab === 'hours') {
      renderHours(await api('hours/pending'));
    } else if (state.tab === 'figures') {
      renderFigures(await api('figures'));
    }
    if (document.getElementById('notice').classList.contains('error')) {
      notice('');
    }
    document.getElementById('updated').textContent = t('board.updated', clockTime(new Date()));
  } catch (error) {
    failed(error);
    if (error instanceof ApiError && error.status === 401) {
      return;
    }
  }
  schedule();
}

function show(tab) {
  state.tab = tab;
  for (const name of ['board', 'sites', 'shifts', 'hours', 'figures']) {
    document.getElementById(name).hidden = name !== tab;
    document.getElementById('tab-' + name).classList.toggle('active', name === tab);
  }
  tick();
}

function renderBoard(board) {
  const section = document.getElementById('board');
  if (!board.calls.length) {
    section.innerHTML = `<p class="meta">${esc(t('board.empty'))}</p>`;
    return;
  }
  section.innerHTML = board.calls.map((call) => {
    const taken = call.confirmed + call.offered;
    const percent = call.slots > 0 ? Math.min(100, Math.round((taken * 100) / call.slots)) : 0;
    const extra = [];
    if (call.offered) extra.push(`<span>${esc(t('board.offered', call.offered))}</span>`);
    if (call.waitlisted) extra.push(`<span>${esc(t('board.waitlist', call.waitlisted))}</span>`);
    if (call.broadcast.total) {
      extra.push(`<span class="broadcast">${esc(t('board.broadcast', call.broadcast.sent, call.broadcast.total))}</span>`);
      if (call.broadcast.failed) extra.push(`<span>${esc(t('board.broadcast_failed', call.broadcast.failed))}</span>`);
    }
    return `<article class="call" data-call="${call.id}" data-status="${esc(call.status)}">
      <span class="status">${esc(t('board.status.' + call.status))}</span>
      <h2>${esc(call.title)}</h2>
      <div class="meta">${esc(call.site || '')} · ${esc(call.when)}</div>
      <div class="bar${taken >= call.slots ? ' full' : ''}"><span style="width:${percent}%"></span></div>
      <div class="figures"><span class="filled">${esc(t('board.filled', call.confirmed, call.slots))}</span>${extra.join('')}</div>
      <button type="button" class="people" data-people="${call.id}">${esc(t('board.people'))}</button>
    </article>`;
  }).join('');
}

// The sites of the calls, placed by their coordinates: no map tiles (none can be fetched from the
// internet on an organisation's network), a plot of the district the calls span.
function renderSites(board) {
  const section = document.getElementById('sites');
  const placed = board.calls.filter((c) => typeof c.latitude === 'number' && typeof c.longitude === 'number');
  if (!placed.length) {
    section.innerHTML = `<p class="meta">${esc(t('sites.empty'))}</p>`;
    return;
  }
  const lats = placed.map((c) => c.latitude);
  const lons = placed.map((c) => c.longitude);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const squeeze = Math.cos((midLat * Math.PI) / 180);
  const span = Math.max(0.01, Math.max(...lats) - Math.min(...lats), (Math.max(...lons) - Math.min(...lons)) * squeeze);
  const x = (lon) => 50 + (((lon - (Math.min(...lons) + Math.max(...lons)) / 2) * squeeze) / span) * 80;
  const y = (lat) => 50 - ((lat - midLat) / span) * 80;
  const dots = placed.map((call) => {
    const taken = call.confirmed + call.offered;
    const ratio = call.slots > 0 ? taken / call.slots : 1;
    const colour = ratio >= 1 ? '#34c759' : ratio >= 0.5 ? '#ff9500' : '#ff3b30';
    const r = 2 + Math.min(6, Math.sqrt(call.slots));
    return `<g class="site" data-call="${call.id}"><circle cx="${x(call.longitude).toFixed(2)}" cy="${y(call.latitude).toFixed(2)}" r="${r.toFixed(2)}"
        fill="${colour}" fill-opacity="0.8"><title>${esc(call.title)}</title></circle>
      <text x="${x(call.longitude).toFixed(2)}" y="${(y(call.latitude) + r + 3.5).toFixed(2)}" text-anchor="middle">${esc(call.site || call.title)}</text></g>`;
  }).join('');
  const list = placed.map((call) => `<li data-call="${call.id}">${esc(call.site || '')} · ${esc(call.title)} — ${esc(t('board.filled', call.confirmed, call.slots))}</li>`).join('');
  section.innerHTML = `<svg viewBox="0 0 100 100" role="img" aria-label="${esc(t('tab.sites'))}">
      <rect x="1" y="1" width="98" height="98" rx="3" class="district"></rect>${dots}</svg>
    <p class="meta">${esc(t('sites.legend'))}</p><ul class="sites">${list}</ul>`;
}

async function openPeople(callId) {
  state.tab = 'people';
  stop();
  for (const name of ['board', 'sites', 'shifts', 'hours', 'figures']) {
    document.getElementById(name).hidden = true;
  }
  const section = document.getElementById('people');
  section.hidden = false;
  section.innerHTML = `<p class="meta">${esc(t('loading'))}</p>`;
  if (tg && tg.BackButton) {
    tg.BackButton.show();
  }
  try {
    renderPeople(await api(`calls/${callId}/people`));
  } catch (error) {
    section.innerHTML = '';
    failed(error);
  }
}

function closePeople() {
  document.getElementById('people').hidden = true;
  if (tg && tg.BackButton) {
    tg.BackButton.hide();
  }
  show('board');
}

function renderPeople(list) {
  const sections = {};
  for (const person of list.people) {
    (sections[person.standing] = sections[person.standing] || []).push(person);
  }
  const order = ['enrolled', 'waitlisted', 'checked_in', 'no_show'];
  const html = order.filter((s) => sections[s]).map((standing) => `<h3>${esc(t('people.' + standing))} · ${sections[standing].length}</h3>
    <ul class="people">${sections[standing].map((p) => `<li><span class="name">${esc(p.name || t('people.forgotten', p.volunteer))}</span>
      ${p.phone ? `<a href="tel:${esc(p.phone.replace(/[^+0-9]/g, ''))}">${esc(p.phone)}</a>` : ''}</li>`).join('')}</ul>`).join('');
  const actions = state.me.coordinator ? `<div class="call-actions" data-call="${list.call}" data-title="${esc(list.title)}">
      <button type="button" data-call-action="close">${esc(t('calls.close'))}</button>
      <button type="button" data-call-action="repush">${esc(t('calls.repush'))}</button>
      <button type="button" class="danger" data-call-action="cancel">${esc(t('calls.cancel'))}</button>
      <div class="retime"><input type="text" placeholder="${esc(t('calls.new_time'))}" aria-label="${esc(t('calls.new_time'))}">
        <button type="button" data-call-action="retime">${esc(t('calls.retime'))}</button></div>
    </div>` : '';
  document.getElementById('people').innerHTML = `<h2>${esc(list.title)}</h2>
    <button type="button" class="back" data-back="1">${esc(t('people.back'))}</button>
    ${actions}
    ${html || `<p class="meta">${esc(t('people.none'))}</p>`}`;
}

// Pending hours: drawn anew only when the list changed, so that a reason being typed is not wiped out.
function renderHours(data) {
  const section = document.getElementById('hours');
  const signature = JSON.stringify(data.pending.map((r) => r.id));
  if (section.dataset.shown === signature) {
    return;
  }
  section.dataset.shown = signature;
  if (!data.pending.length) {
    section.innerHTML = `<p class="meta">${esc(t('hours.empty'))}</p>`;
    return;
  }
  section.innerHTML = data.pending.map((r) => `<article class="hours" data-record="${r.id}">
      <h2>${esc(r.volunteer || '')} · ${esc(t('hours.minutes', (r.minutes / 60).toFixed(1).replace(/\.0$/, '')))}</h2>
      <div class="meta">${esc(r.activity || '')} · ${esc(r.date)}${r.note ? ' · ' + esc(r.note) : ''}</div>
      ${r.own ? `<p class="meta">${esc(t('hours.own'))}</p>` : `<div class="decide">
        <button type="button" data-decide="approve">${esc(t('hours.approve'))}</button>
        <input type="text" maxlength="200" placeholder="${esc(t('hours.reason'))}" aria-label="${esc(t('hours.reason'))}">
        <button type="button" class="secondary" data-decide="reject">${esc(t('hours.reject'))}</button></div>`}
    </article>`).join('');
}

async function decide(button) {
  const card = button.closest('article.hours');
  const rejecting = button.dataset.decide === 'reject';
  const reason = card.querySelector('input').value.trim();
  if (rejecting && !reason) {
    notice(t('hours.reason_needed'), true);
    card.querySelector('input').focus();
    return;
  }
  state.busy = true;
  button.disabled = true;
  try {
    const answer = await api(`hours/${card.dataset.record}/${rejecting ? 'reject' : 'approve'}`, {
      method: 'POST', body: rejecting ? JSON.stringify({ reason }) : '{}',
    });
    notice(answer.message, !answer.ok);
    card.remove();
  } catch (error) {
    failed(error);
    button.disabled = false;
  } finally {
    state.busy = false;
  }
}

// Horizontal bars, one per item, scaled to the largest (or to max when given, as for rates).
function bars(items, format, max) {
  if (!items.length) {
    return `<p class="meta">—</p>`;
  }
  const top = max || Math.max(1, ...items.map((i) => i.value));
  const row = 22;
  const rows = items.map((item, n) => {
    const width = Math.max(1, (item.value / top) * 160);
    return `<text x="0" y="${n * row + 15}" class="label">${esc(item.label.length > 9 ? item.label.slice(0, 8) + '…' : item.label)}</text>
      <rect x="112" y="${n * row + 4}" width="${width.toFixed(1)}" height="14" rx="3"></rect>
      <text x="${(116 + width).toFixed(1)}" y="${n * row + 15}" class="value">${esc(format(item.value))}</text>`;
  }).join('');
  return `<svg viewBox="0 0 320 ${items.length * row + 4}" class="chart" role="img">${rows}</svg>`;
}

// Columns over time, one per item (a month, a day), scaled to the largest (or to max).
function columns(items, format, max) {
  if (!items.length) {
    return `<p class="meta">—</p>`;
  }
  const top = max || Math.max(1, ...items.map((i) => i.value));
  const step = 300 / items.length;
  const cols = items.map((item, n) => {
    const height = Math.max(1, (item.value / top) * 90);
    const x = 10 + n * step;
    const label = items.length <= 8 || n % Math.ceil(items.length / 8) === 0
      ? `<text x="${(x + step / 2).toFixed(1)}" y="118" text-anchor="middle" class="label">${esc(item.label)}</text>` : '';
    return `<rect x="${(x + step * 0.15).toFixed(1)}" y="${(100 - height).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${height.toFixed(1)}" rx="2">
        <title>${esc(item.label)}: ${esc(format(item.value))}</title></rect>${label}`;
  }).join('');
  return `<svg viewBox="0 0 320 122" class="chart columns" role="img"><line x1="8" y1="100" x2="312" y2="100"></line>${cols}</svg>`;
}

// The figures are drawn again only when they changed: a chart does not flicker every second.
function renderFigures(figures) {
  const snapshot = figures.now;
  const trends = figures.trends;
  const section = document.getElementById('figures');
  const signature = JSON.stringify([Object.assign({}, snapshot, { at: null }), trends]);
  if (section.dataset.shown === signature) {
    return;
  }
  section.dataset.shown = signature;
  const zh = document.documentElement.lang !== 'en';
  const name = (c) => (zh ? c.nameZh : c.nameEn) || c.code;
  const count = (v) => String(v);
  const percent = (v) => `${Math.round(v * 1000) / 10}%`;
  const sheet = (key) => `<a href="#" data-download="figures/${key}.csv">${esc(t('figures.download_csv'))}</a>`;
  section.innerHTML = `<p class="meta">${esc(t('figures.volunteers', snapshot.volunteers, snapshot.activeLast30Days))}</p>
    <p><button type="button" data-download="figures.xlsx">${esc(t('figures.download_xlsx'))}</button></p>
    <h3>${esc(t('figures.sheet.districts'))} ${sheet('districts')}</h3>
    ${bars(snapshot.byDistrict.map((c) => ({ label: name(c), value: c.volunteers })), count)}
    <h3>${esc(t('figures.sheet.skills'))} ${sheet('skills')}</h3>
    ${bars(snapshot.bySkill.map((c) => ({ label: name(c), value: c.volunteers })), count)}
    <h3>${esc(t('figures.sheet.calls'))} ${sheet('calls')}</h3>
    ${bars(snapshot.calls.map((c) => ({ label: c.title, value: c.fillRate })), percent, 1)}
    <h3>${esc(t('figures.sheet.teams'))} ${sheet('teams')}</h3>
    ${bars(snapshot.hoursByTeam.map((h) => ({ label: h.team || t('figures.no_team'), value: h.hoursThisMonth })), (v) => v + ' h')}
    <h3>${esc(t('figures.sheet.no_shows'))} ${sheet('no_shows')}</h3>
    <p class="meta">${esc(t('figures.no_show_rate', percent(snapshot.noShowRate), snapshot.noShows, snapshot.placesOnEndedShifts))}</p>
    ${bars([{ label: t('figures.col.rate'), value: snapshot.noShowRate }], percent, 1)}
    <h3>${esc(t('figures.sheet.months'))} ${sheet('months')}</h3>
    ${columns(monthly(trends.hoursByMonth), (v) => v + ' h')}
    <h3>${esc(t('figures.sheet.days'))} ${sheet('days')}</h3>
    ${columns(trends.fillByDay.map((d) => ({ label: d.day.slice(5), value: d.slots ? d.taken / d.slots : 0 })), percent, 1)}`;
}

// Hours of all teams by month, in the months' order.
function monthly(rows) {
  const byMonth = new Map();
  for (const row of rows) {
    byMonth.set(row.month, (byMonth.get(row.month) || 0) + row.minutes);
  }
  return [...byMonth.entries()].sort().map(([month, minutes]) => ({ label: month.slice(0, 7), value: Math.round(minutes / 6) / 10 }));
}

// A download through the API (it needs the signed data in its header): fetched, then saved from memory.
async function download(path) {
  try {
    const response = await fetch('api/' + path, { headers: { Authorization: 'tma ' + initData } });
    if (!response.ok) {
      throw new ApiError(response.status);
    }
    const blob = await response.blob();
    const name = (response.headers.get('Content-Disposition') || '').match(/filename="?([^";]+)"?/);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name ? name[1] : path.split('/').pop();
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  } catch (error) {
    failed(error);
  }
}

async function callAction(button) {
  const box = button.closest('.call-actions');
  const action = button.dataset.callAction;
  const title = box.dataset.title;
  if ((action === 'cancel' && !(await confirmed(t('calls.confirm_cancel', title))))
      || (action === 'close' && !(await confirmed(t('calls.confirm_close', title))))) {
    return;
  }
  const when = box.querySelector('input').value.trim();
  button.disabled = true;
  try {
    const response = await fetch(`api/calls/${box.dataset.call}/${action}`, {
      method: 'POST', cache: 'no-store',
      headers: { Authorization: 'tma ' + initData, 'Content-Type': 'application/json' },
      body: action === 'retime' ? JSON.stringify({ when }) : '{}',
    });
    if (response.status === 401 || response.status === 403) {
      throw new ApiError(response.status);
    }
    const answer = await response.json();
    notice(answer.message || answer.error, !answer.ok);
  } catch (error) {
    failed(error);
  } finally {
    button.disabled = false;
  }
}

function renderShifts(data) {
  const section = document.getElementById('shifts');
  if (!data.shifts.length) {
    section.innerHTML = `<p class="meta">${esc(t('shifts.empty'))}</p>`;
    return;
  }
  section.innerHTML = data.shifts.map(shiftHtml).join('');
}

function shiftHtml(shift) {
  const rows = shift.roster.map((member) => {
    const buttons = member.state === 'none'
      ? `<button type="button" data-action="in">${esc(t('shifts.in'))}</button>`
      : member.state === 'in'
        ? `<button type="button" data-action="out">${esc(t('shifts.out'))}</button><button type="button" class="secondary" data-action="undo">${esc(t('shifts.undo'))}</button>`
        : `<button type="button" class="secondary" data-action="undo">${esc(t('shifts.undo'))}</button>`;
    return `<li data-volunteer="${member.volunteer}" data-state="${esc(member.state)}" data-name="${esc(member.name)}">
      <span class="name">${esc(member.name)}</span><span class="state">${esc(t('shifts.state.' + member.state))}</span>${buttons}</li>`;
  }).join('');
  return `<article class="shift" data-call="${shift.id}">
    <h2>${esc(shift.title)}</h2>
    <div class="meta">${esc(shift.team)} · ${esc(shift.site || '')} · ${esc(shift.when)}</div>
    ${rows ? `<ul class="roster">${rows}</ul>` : `<p class="meta">${esc(t('shifts.nobody'))}</p>`}
  </article>`;
}

function confirmed(text) {
  return new Promise((resolve) => {
    if (tg && tg.showConfirm) {
      tg.showConfirm(text, (ok) => resolve(Boolean(ok)));
    } else {
      resolve(window.confirm(text));
    }
  });
}

async function toggle(button) {
  const row = button.closest('li');
  const shift = button.closest('.shift');
  const action = button.dataset.action;
  if (action === 'undo' && row.dataset.state === 'out' && !(await confirmed(t('shifts.confirm_undo', row.dataset.name)))) {
    return;
  }
  state.busy = true;
  button.disabled = true;
  try {
    const answer = await api(`shifts/${shift.dataset.call}/attendance`, {
      method: 'POST', body: JSON.stringify({ volunteer: Number(row.dataset.volunteer), action }),
    });
    notice(answer.message, !answer.ok);
    shift.outerHTML = shiftHtml(answer.shift);
    if (tg && tg.HapticFeedback && answer.ok) tg.HapticFeedback.notificationOccurred('success');
  } catch (error) {
    failed(error);
  } finally {
    state.busy = false;
  }
}

document.addEventListener('click', (event) => {
  const tab = event.target.closest('button[data-tab]');
  if (tab) {
    show(tab.dataset.tab);
    return;
  }
  const callButton = event.target.closest('button[data-call-action]');
  if (callButton) {
    callAction(callButton);
    return;
  }
  const file = event.target.closest('[data-download]');
  if (file) {
    event.preventDefault();
    download(file.dataset.download);
    return;
  }
  const decision = event.target.closest('button[data-decide]');
  if (decision) {
    decide(decision);
    return;
  }
  const people = event.target.closest('button[data-people]');
  if (people) {
    openPeople(people.dataset.people);
    return;
  }
  if (event.target.closest('button[data-back]')) {
    closePeople();
    return;
  }
  const action = event.target.closest('ul.roster button[data-action]');
  if (action) {
    toggle(action);
  }
});

async function start() {
  if (tg) {
    tg.ready();
    tg.expand();
    if (tg.BackButton) {
      tg.BackButton.onClick(closePeople);
    }
  }
  await loadTexts(language());
  notice(t('loading'));
  try {
    state.me = await api('me');
  } catch (error) {
    failed(error);
    return;
  }
  state.refresh = state.me.refreshMillis || 1000;
  if (state.me.language && state.me.language !== language()) {
    // the language chosen in chat (/lang) rather than the app's
    await loadTexts(state.me.language === 'en' ? 'en' : 'zh');
  }
  notice('');
  document.getElementById('tab-board').textContent = t('tab.board');
  document.getElementById('tab-shifts').textContent = t('tab.shifts');
  document.getElementById('tab-sites').textContent = t('tab.sites');
  document.getElementById('tab-hours').textContent = t('tab.hours');
  document.getElementById('tab-figures').textContent = t('tab.figures');
  document.getElementById('tab-figures').hidden = !state.me.coordinator;
  document.getElementById('tab-board').hidden = !state.me.coordinator && !state.me.leader;
  document.getElementById('tab-sites').hidden = !state.me.coordinator && !state.me.leader;
  if (!state.me.coordinator && !state.me.leader) {
    notice(t('error.forbidden'), true);
    return;
  }
  document.getElementById('tabs').hidden = false;
  const wanted = new URLSearchParams(location.search).get('view');
  const views = state.me.coordinator ? ['board', 'sites', 'shifts', 'hours', 'figures'] : ['shifts', 'board', 'sites', 'hours'];
  show(views.includes(wanted) ? wanted : views[0]);
}

start();
