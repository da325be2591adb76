// The sandbox page: a messenger over the emulator's control API. No framework, no build step.
// It follows the emulated world with a long poll (/sandbox/api/changes) and redraws what changed.
'use strict';

const TEXTS = {
  zh: {
    sandbox: '沙盒', actingAs: '当前身份', newPerson: '新建人员', demo: '加载演示', openBot: '私聊机器人', newGroup: '新建群',
    noChats: '还没有会话。加载演示，或私聊机器人。', pickChat: '选择一个会话', send: '发送', typeMessage: '输入消息',
    botTyping: '机器人正在回复……', offline: 'Muster 已停止或无法连接，正在重试……', error: '出错了：', members: '成员',
    addMember: '＋ 加人', addBot: '＋ 加入机器人', removeBot: '移除机器人', botAbsent: '机器人不在群里', edited: '已编辑',
    notDelivered: '机器人收不到（隐私模式）', replyTo: '回复', replying: '回复：', start: '开始', name: '名字', language: '语言',
    create: '创建', cancel: '取消', title: '群名称', people: '成员', phone: '要分享的手机号', shareLocation: '分享位置',
    latitude: '纬度', longitude: '经度', custom: '自定义', contact: '联系人', location: '位置', privateChat: '私聊',
    group: '群', demoLoaded: '演示已加载：请选择身份和会话。', demoLoading: '正在加载演示……', joined: '加入了群',
    left: '离开了群', created: '创建了群', migrated: '群已升级为超级群', ok: '好', you: '你', bot: '机器人',
    reset: '重置', resetTitle: '重置沙盒？',
    resetWarning: '所有人员、会话和聊天记录，以及 Muster 里的全部记录（志愿者、队伍、群、招募、报名、签到、时长）都会被删除。地区和专长目录保留。',
    resetConfirm: '全部删除', resetDone: '沙盒已重置：删除了 {people} 人、{chats} 个会话及其记录。', resetEmpty: '沙盒已重置（本来就是空的）。',
    demoReloaded: '已清空之前的沙盒（{people} 人、{chats} 个会话及其记录），重新加载了演示：请选择身份和会话。',
    chatList: '会话列表', chatsButton: '会话', close: '关闭',
  },
  en: {
    sandbox: 'sandbox', actingAs: 'Acting as', newPerson: 'New person', demo: 'Load demo', openBot: 'Message the bot',
    newGroup: 'New group', noChats: 'No chats yet. Load the demo, or message the bot.', pickChat: 'Pick a chat', send: 'Send',
    typeMessage: 'Message', botTyping: 'The bot is answering…', offline: 'Muster has stopped or cannot be reached; retrying…',
    error: 'Error: ', members: 'Members', addMember: '+ Add person', addBot: '+ Add the bot', removeBot: 'Remove the bot',
    botAbsent: 'the bot is not in this group', edited: 'edited', notDelivered: 'not seen by the bot (privacy mode)',
    replyTo: 'Reply', replying: 'Replying to: ', start: 'START', name: 'Name', language: 'Language', create: 'Create',
    cancel: 'Cancel', title: 'Group name', people: 'Members', phone: 'Phone number to share', shareLocation: 'Share location',
    latitude: 'Latitude', longitude: 'Longitude', custom: 'Other place', contact: 'Contact', location: 'Location',
    privateChat: 'private chat', group: 'group', demoLoaded: 'Demo loaded: pick who you are and a chat.',
    demoLoading: 'Loading the demo…', joined: 'joined the group', left: 'left the group', created: 'created the group',
    migrated: 'the group became a supergroup', ok: 'OK', you: 'you', bot: 'bot',
    reset: 'Reset', resetTitle: 'Reset the sandbox?',
    resetWarning: 'Every person, chat and transcript goes, and so does everything Muster recorded (volunteers, teams, groups, calls, '
      + 'enrolments, check-ins, hours). The catalog of areas and skills stays.',
    resetConfirm: 'Delete everything', resetDone: 'Sandbox reset: {people} people, {chats} chats and their records deleted.',
    resetEmpty: 'Sandbox reset (it was empty already).',
    demoReloaded: 'The earlier sandbox ({people} people, {chats} chats and their records) was cleared and the demo loaded afresh: '
      + 'pick who you are and a chat.',
    chatList: 'Chats', chatsButton: 'Chats', close: 'Close',
  },
};

const SITES = [
  {zh: '百家湖核酸检测点', en: 'Baijiahu testing site', lat: 31.9200, lon: 118.8400},
  {zh: '东山街道卡口', en: 'Dongshan checkpoint', lat: 31.9310, lon: 118.8520},
  {zh: '离检测点 2 公里', en: '2 km from the testing site', lat: 31.9380, lon: 118.8400},
];

const S = {
  lang: (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en',
  epoch: null, version: -1, online: true, bot: null, users: [], chats: [], persona: null, chat: null, transcript: [],
  replyTo: null, waitingSince: null, hiddenKeyboard: null, clockOffset: 0, drawerOpen: false,
};
S.lang = localStorage.getItem('muster.lang') || S.lang;
S.persona = Number(localStorage.getItem('muster.persona')) || null;

const $ = (id) => document.getElementById(id);
const t = (key) => (TEXTS[S.lang] && TEXTS[S.lang][key]) || TEXTS.en[key] || key;
const tf = (key, values) => t(key).replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

// ---- talking to the app

async function api(path, body, method) {
  let response;
  try {
    response = await fetch(path, {
      method: method || (body === undefined ? 'GET' : 'POST'), cache: 'no-store',
      headers: body === undefined ? {} : {'Content-Type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    setOnline(false);
    throw e;
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((json && json.error) || response.status);
  }
  return json;
}

function setOnline(online) {
  if (S.online === online) return;
  S.online = online;
  $('banner').hidden = online;
  $('banner').textContent = online ? '' : t('offline');
  $('send').disabled = !online;
}

function showError(e) {
  toast(t('error') + (e && e.message ? e.message : e));
}

async function follow() {
  for (;;) {
    try {
      const change = await api(`/sandbox/api/changes?after=${S.version}&timeout=25`);
      setOnline(true);
      // the emulator's clock says what "today" is (tests move it), as Telegram's servers would
      if (typeof change.now === 'number') S.clockOffset = change.now * 1000 - Date.now();
      if (change.epoch !== S.epoch || change.version !== S.version) {
        S.epoch = change.epoch;
        S.version = change.version;
        await refresh();
      }
    } catch (e) {
      setOnline(false);
      await sleep(1500);
    }
  }
}

async function refresh() {
  if (!S.bot) S.bot = await api('/sandbox/api/bot');
  [S.users, S.chats] = await Promise.all([api('/sandbox/api/users'), api('/sandbox/api/chats')]);
  if (S.persona && !S.users.some((u) => u.id === S.persona)) S.persona = null;
  if (!S.persona && S.users.length) S.persona = S.users[0].id;
  if (S.chat && !S.chats.some((c) => c.id === S.chat)) S.chat = null;
  S.transcript = S.chat ? await api(`/sandbox/api/chats/${S.chat}/messages?after=0`) : [];
  render();
}

// ---- drawing

/** The organisation's zone (the bot's), from the emulator; the browser's own zone never shows. */
function zone() {
  return (S.bot && S.bot.time_zone) || 'Asia/Shanghai';
}

function zoneFormat() {
  if (!S.zoneFormat || S.zoneFormat.zone !== zone()) {
    const options = {year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
    let format;
    try {
      format = new Intl.DateTimeFormat('en-CA', Object.assign({timeZone: zone()}, options));
    } catch (e) {
      format = new Intl.DateTimeFormat('en-CA', options);
    }
    S.zoneFormat = {zone: zone(), format};
  }
  return S.zoneFormat.format;
}

function zoneParts(millis) {
  const parts = {};
  zoneFormat().formatToParts(new Date(millis)).forEach((p) => { parts[p.type] = p.value; });
  if (parts.hour === '24') parts.hour = '00';
  return parts;
}

/** A message's time as the bot would say it: 24-hour HH:mm in the organisation's zone, with the date when it is not today there. */
function messageTime(unixSeconds) {
  const at = zoneParts(unixSeconds * 1000);
  const today = zoneParts(Date.now() + S.clockOffset);
  const time = `${at.hour}:${at.minute}`;
  const date = `${at.year}-${at.month}-${at.day}`;
  const sameDay = at.year === today.year && at.month === today.month && at.day === today.day;
  return {shown: sameDay ? time : `${date} ${time}`, full: `${date} ${time} (${zone()})`};
}

function userName(id) {
  if (id === 'bot') return S.bot ? S.bot.first_name : t('bot');
  const user = S.users.find((u) => u.id === id);
  return user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : String(id);
}

function chatTitle(chat) {
  return chat.type === 'private' ? `${userName(chat.id)} ↔ ${S.bot ? '@' + S.bot.username : t('bot')}` : chat.title;
}

function myChats() {
  return S.chats.filter((c) => !c.migrated_to_chat_id && (c.type === 'private' ? c.id === S.persona : c.members.includes(S.persona)));
}

function render() {
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('[data-tp]').forEach((el) => { el.placeholder = t(el.dataset.tp); });
  $('lang').textContent = S.lang === 'zh' ? 'EN' : '中文';
  document.documentElement.lang = S.lang === 'zh' ? 'zh-CN' : 'en';
  renderPersonas();
  renderChats();
  renderChat();
}

function renderPersonas() {
  const select = $('persona');
  select.innerHTML = S.users.map((u) => `<option value="${u.id}"${u.id === S.persona ? ' selected' : ''}>${esc(userName(u.id))}</option>`).join('');
}

function renderChats() {
  const chats = myChats();
  document.body.classList.toggle('drawer-open', S.drawerOpen);
  $('chats-toggle').setAttribute('aria-expanded', String(S.drawerOpen));
  $('no-chats').hidden = chats.length > 0;
  $('chats').innerHTML = chats.map((c) => `<li class="chat-item${c.id === S.chat ? ' active' : ''}" data-chat-id="${c.id}">
      <div>${esc(chatTitle(c))}</div><div class="kind">${c.type === 'private' ? t('privateChat') : t('group') + ' · ' + c.members.length}</div></li>`)
    .join('');
}

function renderChat() {
  const chat = S.chats.find((c) => c.id === S.chat);
  $('composer').hidden = !chat;
  const menu = menuButton(chat);
  $('webapp-menu').hidden = !menu;
  $('webapp-menu').textContent = menu ? menu.text : '';
  $('webapp-menu').title = menu ? menu.text : '';
  if (!chat) {
    $('chat-title').textContent = t('pickChat');
    $('chat-sub').textContent = '';
    $('members').innerHTML = '';
    $('transcript').innerHTML = '';
    $('reply-keyboard').innerHTML = '';
    $('typing').hidden = true;
    return;
  }
  $('chat-title').textContent = chatTitle(chat);
  $('chat-sub').textContent = chat.type === 'private' ? '' : (chat.bot_status === 'left' || chat.bot_status === 'kicked' ? t('botAbsent') : '');
  renderMembers(chat);
  const list = $('transcript');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.innerHTML = S.transcript.map(renderMessage).join('');
  if (chat.type === 'private' && S.transcript.length === 0) {
    list.innerHTML = `<li class="msg service"><button type="button" id="start" data-action="start">${esc(t('start'))}</button></li>`;
  }
  if (atBottom || S.scrollDown) list.scrollTop = list.scrollHeight;
  S.scrollDown = false;
  renderReplyKeyboard();
  renderReplying();
  const botAnswered = S.waitingSince !== null && S.transcript.some((m) => m.from === 'bot' && m.message_id > S.waitingSince.after);
  if (botAnswered || (S.waitingSince && Date.now() - S.waitingSince.at > 30000)) S.waitingSince = null;
  $('typing').hidden = !S.waitingSince;
}

function renderMembers(chat) {
  if (chat.type === 'private') {
    $('members').innerHTML = '';
    return;
  }
  const people = chat.members.map((id) => `<span class="member">${esc(userName(id))}<button type="button" data-action="remove-member"
      data-user="${id}" title="remove">×</button></span>`).join('');
  const botIn = chat.bot_status !== 'left' && chat.bot_status !== 'kicked';
  $('members').innerHTML = `<span class="sub">${esc(t('members'))}:</span> ${people}
    <button type="button" data-action="add-member">${esc(t('addMember'))}</button>
    <button type="button" data-action="${botIn ? 'remove-bot' : 'add-bot'}">${esc(t(botIn ? 'removeBot' : 'addBot'))}</button>`;
}

function renderMessage(m) {
  if (m.service) {
    const who = m.new_chat_members ? m.new_chat_members.map(userName).join(', ') : m.left_chat_member ? userName(m.left_chat_member) : userName(m.from);
    const what = {new_chat_members: t('joined'), left_chat_member: t('left'), group_chat_created: t('created'),
      migrate_to_chat_id: t('migrated'), migrate_from_chat_id: t('migrated')}[m.service] || m.service;
    return `<li class="msg service" data-message-id="${m.message_id}">${esc(who)} ${esc(what)}</li>`;
  }
  const mine = m.from === S.persona;
  const cls = ['msg', m.from === 'bot' ? 'bot' : 'person', mine ? 'mine' : ''].join(' ');
  let html = `<div class="from">${esc(userName(m.from))}</div>`;
  if (m.reply_to_message_id) {
    const quoted = S.transcript.find((q) => q.message_id === m.reply_to_message_id);
    if (quoted) html += `<div class="quote">${esc(userName(quoted.from))}: ${esc((quoted.text || quoted.caption || '').slice(0, 80))}</div>`;
  }
  if (m.text !== undefined) html += `<div class="text">${formatted(m.text, m.entities || [])}</div>`;
  if (m.contact) html += `<div class="text">📇 ${esc(t('contact'))}: ${esc(m.contact.phone_number || '')}</div>`;
  if (m.location) html += `<div class="text">📍 ${esc(t('location'))}: ${m.location.latitude}, ${m.location.longitude}</div>`;
  if (m.document) {
    html += `<a class="doc" href="${esc(m.document.url)}" download="${esc(m.document.file_name)}">📄 ${esc(m.document.file_name)}</a>`;
  }
  if (m.caption) html += `<div class="text caption">${formatted(m.caption, m.caption_entities || [])}</div>`;
  if (m.reply_markup && m.reply_markup.inline_keyboard) html += inlineKeyboard(m);
  const meta = [];
  if (m.edited) meta.push(`<span class="edited">${esc(t('edited'))}</span>`);
  const when = messageTime(m.date);
  meta.push(`<time class="time" datetime="${new Date(m.date * 1000).toISOString()}" title="${esc(when.full)}">${esc(when.shown)}</time>`);
  html += `<div class="meta"><button type="button" class="reply-btn" data-action="reply" data-message="${m.message_id}">${esc(t('replyTo'))}</button>
    ${meta.join(' · ')}</div>`;
  if (m.delivered === false) html += `<div class="undelivered">${esc(t('notDelivered'))}</div>`;
  return `<li class="${cls}" data-message-id="${m.message_id}">${html}</li>`;
}

function inlineKeyboard(m) {
  const rows = m.reply_markup.inline_keyboard.map((row) => `<div class="row">${row.map((b, i) => {
    const kind = b.web_app ? 'web_app' : b.url ? 'url' : 'callback';
    // a Mini App button shows a small app icon, as Telegram marks it
    const icon = b.web_app ? '<span class="app-icon" aria-hidden="true">▣</span>' : '';
    return `<button type="button" class="inline" data-action="inline" data-kind="${kind}" data-message="${m.message_id}"
      data-data="${esc(b.callback_data || '')}" data-url="${esc(b.url || '')}" data-label="${esc(b.text)}">${icon}${esc(b.text)}${b.url ? ' ↗' : ''}</button>`;
  }).join('')}</div>`).join('');
  return `<div class="keyboard">${rows}</div>`;
}

// Telegram's entities (UTF-16 offsets, like JavaScript strings), nested as Telegram nests them.
function formatted(text, entities) {
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  function render(from, to, list) {
    let out = '';
    let at = from;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.offset < at || e.offset >= to) continue;
      out += esc(text.slice(at, e.offset));
      const end = Math.min(e.offset + e.length, to);
      const inner = list.filter((x, j) => j > i && x.offset >= e.offset && x.offset + x.length <= end);
      out += wrap(e, render(e.offset, end, inner), text.slice(e.offset, end));
      at = end;
    }
    return out + esc(text.slice(at, to));
  }
  return render(0, text.length, sorted);
}

function wrap(e, inner, raw) {
  switch (e.type) {
    case 'bold': return `<b>${inner}</b>`;
    case 'italic': return `<i>${inner}</i>`;
    case 'underline': return `<u>${inner}</u>`;
    case 'strikethrough': return `<s>${inner}</s>`;
    case 'spoiler': return `<span class="spoiler">${inner}</span>`;
    case 'code': return `<code>${inner}</code>`;
    case 'pre': return `<pre>${inner}</pre>`;
    case 'blockquote': case 'expandable_blockquote': return `<blockquote>${inner}</blockquote>`;
    case 'text_link': return `<a href="${esc(e.url)}" data-action="link" target="_blank" rel="noopener">${inner}</a>`;
    case 'phone_number': return `<a href="tel:${esc(raw)}" class="phone">${inner}</a>`;
    case 'url': return `<a href="${esc(raw)}" data-action="link" target="_blank" rel="noopener">${inner}</a>`;
    default: return inner;
  }
}

/** The reply keyboard Telegram would show: the last one the bot sent here, until it removed it or a key of a one-time one was pressed. */
function currentReplyKeyboard() {
  for (let i = S.transcript.length - 1; i >= 0; i--) {
    const m = S.transcript[i];
    if (m.from !== 'bot' || !m.reply_markup) continue;
    if (m.reply_markup.remove_keyboard) return null;
    if (m.reply_markup.keyboard) return S.hiddenKeyboard === m.message_id ? null : m;
  }
  return null;
}

function renderReplyKeyboard() {
  const m = currentReplyKeyboard();
  $('reply-keyboard').innerHTML = !m ? '' : m.reply_markup.keyboard.map((row) => `<div class="row">${row.map((k) => {
    const key = typeof k === 'string' ? {text: k} : k;
    const action = key.request_contact ? 'contact' : key.request_location ? 'location' : 'key';
    return `<button type="button" class="reply-key" data-action="${action}" data-message="${m.message_id}"
      data-label="${esc(key.text)}">${esc(key.text)}</button>`;
  }).join('')}</div>`).join('');
}

/** A ForceReply prompt answers itself: the composer replies to it until something else is chosen. */
function renderReplying() {
  const last = [...S.transcript].reverse().find((m) => m.from === 'bot');
  // a selective ForceReply is for the person whose message it answers, as Telegram shows it
  const forMe = (m) => !m.reply_markup.selective
    || S.transcript.some((q) => q.message_id === m.reply_to_message_id && q.from === S.persona);
  if (S.replyTo === null && last && last.reply_markup && last.reply_markup.force_reply && S.forced !== last.message_id && forMe(last)) {
    S.replyTo = last.message_id;
    S.forced = last.message_id;
  }
  const quoted = S.transcript.find((m) => m.message_id === S.replyTo);
  $('replying').hidden = !quoted;
  $('replying-text').textContent = quoted ? t('replying') + (quoted.text || quoted.caption || '').slice(0, 60) : '';
  $('text').placeholder = quoted && quoted.reply_markup && quoted.reply_markup.force_reply && quoted.reply_markup.input_field_placeholder
    ? quoted.reply_markup.input_field_placeholder : t('typeMessage');
}

function toast(text, alert) {
  if (!text) return;
  if (alert) {
    form(`<p>${esc(text)}</p>`, () => true);
    return;
  }
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(S.toastTimer);
  S.toastTimer = setTimeout(() => { box.hidden = true; }, 3500);
}

// ---- acting

async function say(message) {
  if (!S.chat || !S.persona) return;
  const body = Object.assign({chat_id: S.chat, from: S.persona}, message);
  if (S.replyTo) body.reply_to_message_id = S.replyTo;
  const before = S.transcript.length ? S.transcript[S.transcript.length - 1].message_id : 0;
  const posted = await api('/sandbox/api/messages', body);
  S.replyTo = null;
  // a message the bot never receives (privacy mode in a group) gets no answer to wait for
  S.waitingSince = posted.update_id === null ? null : {after: Math.max(before, posted.message_id), at: Date.now()};
  S.scrollDown = true;
  await refresh();
}

async function press(button) {
  const pressed = await api('/sandbox/api/callbacks', {chat_id: S.chat, from: S.persona,
    message_id: Number(button.dataset.message), data: button.dataset.data});
  for (let i = 0; i < 40; i++) {
    const answer = await api(`/sandbox/api/callbacks/${encodeURIComponent(pressed.callback_query_id)}`);
    if (answer.answered) {
      // with a URL Telegram opens it (a deep link starts the bot) instead of holding the user in an alert
      toast(answer.text, answer.show_alert && !answer.url);
      if (answer.url) await openLink(answer.url);
      return;
    }
    await sleep(250);
  }
}

/** A t.me link to the bot opens its private chat and starts it with the payload, as Telegram does; others open a tab. */
async function openLink(url) {
  const match = S.bot && url.match(/^https?:\/\/t\.me\/([A-Za-z0-9_]+)(?:\?start=([A-Za-z0-9_-]+))?$/);
  if (!match || match[1].toLowerCase() !== S.bot.username.toLowerCase()) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  await openBotChat();
  await say({text: match[2] ? `/start ${match[2]}` : '/start'});
}

async function openBotChat() {
  if (!S.persona) return;
  await api('/sandbox/api/chats', {type: 'private', members: [S.persona]});
  S.chat = S.persona;
  S.replyTo = null;
  await refresh();
}

function form(html, onSubmit, okLabel) {
  const dialog = $('dialog');
  const box = $('dialog-form');
  box.innerHTML = `${html}<div class="actions"><button value="cancel" type="button" data-close id="dialog-cancel">${esc(t('cancel'))}</button>
    <button value="ok" type="submit" id="dialog-ok">${esc(okLabel || t('ok'))}</button></div>`;
  box.querySelector('[data-close]').onclick = () => dialog.close();
  box.onsubmit = async (event) => {
    event.preventDefault();
    try {
      if (await onSubmit(new FormData(box)) !== false) dialog.close();
    } catch (e) {
      showError(e);
    }
  };
  dialog.showModal();
}

function newPerson() {
  form(`<label>${esc(t('name'))}<input name="name" required maxlength="64"></label>
    <label>${esc(t('language'))}<select name="lang"><option value="zh">中文</option><option value="en">English</option></select></label>`,
  async (data) => {
    const user = await api('/sandbox/api/users', {first_name: data.get('name'), language_code: data.get('lang')});
    await api('/sandbox/api/chats', {type: 'private', members: [user.id]});
    choosePersona(user.id);
    await refresh();
  });
}

function newGroup() {
  const checks = S.users.map((u) => `<label><input type="checkbox" name="member" value="${u.id}"${u.id === S.persona ? ' checked' : ''}>
    ${esc(userName(u.id))}</label>`).join('');
  form(`<label>${esc(t('title'))}<input name="title" required maxlength="128"></label><div>${esc(t('people'))}</div>
    <div class="checks">${checks}</div>`, async (data) => {
    const members = data.getAll('member').map(Number);
    if (S.persona && !members.includes(S.persona)) members.unshift(S.persona);
    const chat = await api('/sandbox/api/chats', {type: 'supergroup', title: data.get('title'), members});
    S.chat = chat.id;
    await refresh();
  });
}

function addMember() {
  const chat = S.chats.find((c) => c.id === S.chat);
  const options = S.users.filter((u) => !chat.members.includes(u.id))
    .map((u) => `<option value="${u.id}">${esc(userName(u.id))}</option>`).join('');
  form(`<label>${esc(t('people'))}<select name="user">${options}</select></label>`, async (data) => {
    await api(`/sandbox/api/chats/${S.chat}/members`, {user_id: Number(data.get('user'))});
  });
}

function shareContact(button) {
  const user = S.users.find((u) => u.id === S.persona);
  form(`<label>${esc(t('phone'))}<input name="phone" required value="${esc(S.phones && S.phones[S.persona] || '+8613800138000')}"></label>`,
    async (data) => {
      S.phones = Object.assign(S.phones || {}, {[S.persona]: data.get('phone')});
      hideOneTime(button);
      await say({contact: {phone_number: data.get('phone'), first_name: user ? user.first_name : 'me', user_id: S.persona}});
    });
}

function shareLocation(button) {
  const sites = SITES.map((s, i) => `<option value="${i}">${esc(s[S.lang] || s.en)} (${s.lat}, ${s.lon})</option>`).join('');
  form(`<label>${esc(t('shareLocation'))}<select name="site">${sites}<option value="custom">${esc(t('custom'))}</option></select></label>
    <label>${esc(t('latitude'))}<input name="lat" inputmode="decimal"></label>
    <label>${esc(t('longitude'))}<input name="lon" inputmode="decimal"></label>`, async (data) => {
    const site = data.get('site') === 'custom' ? {lat: Number(data.get('lat')), lon: Number(data.get('lon'))} : SITES[Number(data.get('site'))];
    if (!Number.isFinite(site.lat) || !Number.isFinite(site.lon)) return false;
    hideOneTime(button);
    await say({location: {latitude: site.lat, longitude: site.lon}});
  });
}

function hideOneTime(button) {
  const m = S.transcript.find((x) => x.message_id === Number(button.dataset.message));
  if (m && m.reply_markup && m.reply_markup.one_time_keyboard) S.hiddenKeyboard = m.message_id;
}

function choosePersona(id) {
  // a Mini App was opened for the person acting before: Telegram would not show it to another
  if (S.persona !== id) closeWebApp();
  S.persona = id;
  localStorage.setItem('muster.persona', String(id));
  const chat = S.chats.find((c) => c.id === S.chat);
  if (chat && !(chat.type === 'private' ? chat.id === id : chat.members.includes(id))) S.chat = null;
  S.replyTo = null;
}

/** Asks first, in the page's own dialog: a reset deletes everything the sandbox and Muster hold. */
function resetSandbox() {
  form(`<h3>${esc(t('resetTitle'))}</h3><p>${esc(t('resetWarning'))}</p>`, async () => {
    const done = await api('/sandbox/api/reset', {});
    S.chat = null;
    S.persona = null;
    S.replyTo = null;
    await refresh();
    toast(done.people || done.chats ? tf('resetDone', done) : t('resetEmpty'));
  }, t('resetConfirm'));
}

async function loadDemo() {
  const button = $('demo');
  button.disabled = true;
  toast(t('demoLoading'));
  try {
    const scene = await api('/sandbox/api/demo', {});
    S.chat = null;
    await refresh();
    const firstNewcomer = scene.people && (scene.people['孙悦'] || Object.values(scene.people)[0]);
    if (firstNewcomer) choosePersona(firstNewcomer);
    const group = scene.groups && Object.values(scene.groups)[0];
    if (group) S.chat = group;
    S.scrollDown = true;
    await refresh();
    toast(scene.reset ? tf('demoReloaded', scene.reset) : t('demoLoaded'));
  } finally {
    button.disabled = false;
  }
}

// ---- Mini Apps: the page plays Telegram's client (Telegram Web A) to a Mini App in an iframe, over
// postMessage as Telegram's telegram-web-app.js expects it: {eventType, eventData} as JSON text

const WEBAPP = {frame: null, theme: {}};

/** The chat's menu button when it opens a Mini App (its own, or the bot's default one). */
function menuButton(chat) {
  return chat && chat.type === 'private' && chat.menu_button && chat.menu_button.type === 'web_app' ? chat.menu_button : null;
}

/** Asks the emulator for the signed URL, as the acting person's client would, and opens it in the panel. */
async function openWebApp(request, title) {
  const opened = await api('/sandbox/api/webapp', Object.assign({chat_id: S.chat, from: S.persona}, request));
  showWebApp(opened.url, title);
}

function showWebApp(url, title) {
  closeWebApp();
  try {
    const params = new URLSearchParams(new URL(url, location.href).hash.slice(1));
    WEBAPP.theme = JSON.parse(params.get('tgWebAppThemeParams') || '{}') || {};
  } catch (e) {
    WEBAPP.theme = {};
  }
  // a new frame each time: the same app again differs only in its fragment, which would not reload it
  const frame = document.createElement('iframe');
  frame.id = 'webapp-frame';
  frame.title = title;
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-forms allow-modals');
  frame.setAttribute('allow', 'clipboard-write');
  frame.src = url;
  WEBAPP.frame = frame;
  $('webapp-title').textContent = title;
  $('webapp-panel').dataset.ready = 'false';
  $('webapp-panel').hidden = false;
  $('webapp-body').appendChild(frame);
}

function closeWebApp() {
  if (WEBAPP.frame) WEBAPP.frame.remove();
  WEBAPP.frame = null;
  $('webapp-panel').hidden = true;
  $('webapp-panel').dataset.ready = 'false';
  $('webapp-main-button').hidden = true;
  $('webapp-back').hidden = true;
  $('webapp-popup').hidden = true;
}

function toWebApp(eventType, eventData) {
  if (WEBAPP.frame && WEBAPP.frame.contentWindow) {
    WEBAPP.frame.contentWindow.postMessage(JSON.stringify({eventType, eventData}), '*');
  }
}

function viewport() {
  const frame = WEBAPP.frame;
  return {height: frame ? frame.clientHeight : 0, width: frame ? frame.clientWidth : 0, is_expanded: true, is_state_stable: true};
}

function fromWebApp(type, data) {
  switch (type) {
    case 'web_app_ready':
      $('webapp-panel').dataset.ready = 'true';
      break;
    case 'web_app_request_theme':
      toWebApp('theme_changed', {theme_params: WEBAPP.theme});
      break;
    case 'web_app_request_viewport':
    case 'web_app_expand':
      toWebApp('viewport_changed', viewport());
      break;
    case 'web_app_close':
      closeWebApp();
      break;
    case 'web_app_setup_main_button':
      setupMainButton(data);
      break;
    case 'web_app_setup_back_button':
      $('webapp-back').hidden = !data.is_visible;
      break;
    case 'web_app_open_popup':
      openPopup(data);
      break;
    case 'web_app_open_link':
      if (typeof data.url === 'string' && /^https?:/i.test(data.url)) window.open(data.url, '_blank', 'noopener');
      break;
    case 'web_app_open_tg_link':
      if (typeof data.path_full === 'string') openLink('https://t.me' + data.path_full).catch(showError);
      break;
    default:
      // haptics, header colours, closing confirmation...: nothing to show in the sandbox
      break;
  }
}

function setupMainButton(data) {
  const button = $('webapp-main-button');
  button.hidden = !data.is_visible;
  if (!data.is_visible) return;
  button.textContent = data.text || '';
  button.disabled = data.is_active === false;
  button.style.background = data.color || '';
  button.style.color = data.text_color || '';
  button.dataset.progress = String(!!data.is_progress_visible);
}

function openPopup(data) {
  const buttons = Array.isArray(data.buttons) && data.buttons.length ? data.buttons : [{id: '', type: 'close'}];
  const labels = {ok: t('ok'), close: t('close'), cancel: t('cancel')};
  $('webapp-popup-title').textContent = data.title || '';
  $('webapp-popup-title').hidden = !data.title;
  $('webapp-popup-message').textContent = data.message || '';
  $('webapp-popup-buttons').innerHTML = buttons.map((b) => {
    const type = b.type || 'default';
    const label = labels[type] || b.text || '';
    return `<button type="button" class="${esc(type)}" data-popup-button="${esc(b.id == null ? '' : String(b.id))}">${esc(label)}</button>`;
  }).join('');
  $('webapp-popup').hidden = false;
}

function wireWebApps(guard) {
  window.addEventListener('message', (event) => {
    if (!WEBAPP.frame || event.source !== WEBAPP.frame.contentWindow) return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message && typeof message.eventType === 'string') fromWebApp(message.eventType, message.eventData || {});
  });
  window.addEventListener('resize', () => { if (WEBAPP.frame) toWebApp('viewport_changed', viewport()); });
  $('webapp-menu').onclick = guard(async () => {
    const menu = menuButton(S.chats.find((c) => c.id === S.chat));
    if (menu) await openWebApp({}, menu.text);
  });
  $('webapp-close').onclick = closeWebApp;
  $('webapp-back').onclick = () => toWebApp('back_button_pressed');
  $('webapp-main-button').onclick = () => toWebApp('main_button_pressed');
  $('webapp-popup-buttons').onclick = (e) => {
    const button = e.target.closest('button[data-popup-button]');
    if (!button) return;
    $('webapp-popup').hidden = true;
    toWebApp('popup_closed', {button_id: button.dataset.popupButton});
  };
}

function wire() {
  const guard = (fn) => async (...args) => {
    try {
      await fn(...args);
    } catch (e) {
      showError(e);
    }
  };
  wireWebApps(guard);
  $('persona').onchange = guard(async (e) => { choosePersona(Number(e.target.value)); await refresh(); });
  $('new-person').onclick = newPerson;
  $('new-group').onclick = newGroup;
  $('open-bot').onclick = guard(openBotChat);
  $('demo').onclick = guard(loadDemo);
  $('reset').onclick = resetSandbox;
  $('chats-toggle').onclick = () => { S.drawerOpen = !S.drawerOpen; renderChats(); };
  $('lang').onclick = () => { S.lang = S.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('muster.lang', S.lang); render(); };
  $('cancel-reply').onclick = () => { S.replyTo = null; renderReplying(); };
  $('chats').onclick = guard(async (e) => {
    const item = e.target.closest('.chat-item');
    if (!item) return;
    S.chat = Number(item.dataset.chatId);
    S.replyTo = null;
    S.scrollDown = true;
    // on a phone the list is a drawer: choosing a chat closes it
    S.drawerOpen = false;
    renderChats();
    await refresh();
  });
  $('composer').onsubmit = guard(async (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text.trim()) return;
    $('text').value = '';
    await say({text});
  });
  $('text').onkeydown = (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  };
  document.body.addEventListener('click', guard(async (e) => {
    const el = e.target.closest('[data-action]');
    if (!el || el.closest('dialog')) return;
    const action = el.dataset.action;
    if (action === 'link') {
      e.preventDefault();
      await openLink(el.getAttribute('href'));
    } else if (action === 'inline') {
      if (el.dataset.kind === 'web_app') {
        await openWebApp({message_id: Number(el.dataset.message), button_text: el.dataset.label}, el.dataset.label);
      } else if (el.dataset.kind === 'url') {
        await openLink(el.dataset.url);
      } else {
        await press(el);
      }
    } else if (action === 'key') {
      hideOneTime(el);
      await say({text: el.dataset.label});
    } else if (action === 'contact') {
      shareContact(el);
    } else if (action === 'location') {
      shareLocation(el);
    } else if (action === 'reply') {
      S.replyTo = Number(el.dataset.message);
      renderReplying();
      $('text').focus();
    } else if (action === 'start') {
      await say({text: '/start'});
    } else if (action === 'add-member') {
      addMember();
    } else if (action === 'remove-member') {
      await api(`/sandbox/api/chats/${S.chat}/members/${el.dataset.user}`, undefined, 'DELETE');
    } else if (action === 'add-bot') {
      await api(`/sandbox/api/chats/${S.chat}/members`, {user_id: 'bot'});
    } else if (action === 'remove-bot') {
      await api(`/sandbox/api/chats/${S.chat}/members/bot`, undefined, 'DELETE');
    }
  }));
  // the typing indicator times out even when nothing else changes
  setInterval(() => { if (S.waitingSince && Date.now() - S.waitingSince.at > 30000) { S.waitingSince = null; $('typing').hidden = true; } }, 1000);
}

wire();
render();
follow();
