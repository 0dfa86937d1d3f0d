/* 报文查询：条件、结果列表（分页）、键盘选择；单条报文见 message.js */
import { $, clear, el, onSubmit, show } from '/counter/lib/dom.js';
import { api } from '/counter/lib/api.js';
import { run } from '/counter/lib/notice.js';
import { ackTag, bindMessage, openMessage, typeLabel } from './message.js';

const FIELDS = ['visit', 'person', 'control', 'type', 'ack', 'app', 'facility', 'from', 'to'];
const PARAMS = { visit: 'visit', person: 'person', control: 'control_id', type: 'type', ack: 'ack', app: 'app',
  facility: 'facility', from: 'from', to: 'to' };
let next = null;
let query = '';
let shown = 0;

function currentQuery() {
  const p = new URLSearchParams();
  for (const f of FIELDS) {
    const v = $('msg-' + f).value.trim();
    if (v) p.set(PARAMS[f], v);
  }
  return p.toString();
}

const time = (iso) => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

function row(m) {
  const tr = el('tr', { tabindex: '0', dataset: { id: m.id }, 'data-testid': 'msg-row' },
    el('td', { class: 'mono', text: time(m.at) }),
    el('td', { text: m.direction === 'out' ? '外发' : '接收' }),
    el('td', { text: typeLabel(m.type) }),
    el('td', { class: 'mono', text: m.control_id || '—' }),
    el('td', null, ackTag(m.ack_code)),
    el('td', { text: [m.sending_app, m.sending_facility].filter(Boolean).join(' / ') || '—' }),
    el('td', { class: 'mono', text: m.mdtrt_id || '—' }),
    el('td', { class: 'wrap', text: m.outcome || '—' }));
  tr.addEventListener('click', () => select(tr));
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') select(tr);
    else if (e.key === 'ArrowDown' && tr.nextElementSibling) { e.preventDefault(); tr.nextElementSibling.focus(); }
    else if (e.key === 'ArrowUp' && tr.previousElementSibling) { e.preventDefault(); tr.previousElementSibling.focus(); }
  });
  return tr;
}

function select(tr) {
  document.querySelectorAll('#msg-results tbody tr').forEach((r) => r.classList.toggle('is-current', r === tr));
  openMessage(Number(tr.dataset.id));
}

async function load(more) {
  const url = '/api/messages?' + query + (more && next ? (query ? '&' : '') + 'before=' + next : '');
  const r = await api('GET', url);
  const body = $('msg-results').tBodies[0];
  if (!more) { clear(body); shown = 0; }
  r.messages.forEach((m) => body.append(row(m)));
  shown += r.messages.length;
  next = r.next_before;
  show($('msg-results-wrap'), true);
  show($('msg-empty'), shown === 0);
  show($('msg-more'), next !== null && next !== undefined);
  $('msg-count').textContent = `已列出 ${shown} 条${next ? '，还有更早的' : ''}`;
}

export async function searchMessages() {
  query = currentQuery();
  next = null;
  await run($('msg-go'), () => load(false));
}

export function bindMessages() {
  onSubmit('msg-form', searchMessages);
  $('msg-more').addEventListener('click', () => run($('msg-more'), () => load(true)));
  $('msg-reset').addEventListener('click', () => {
    FIELDS.forEach((f) => { $('msg-' + f).value = ''; });
    $('msg-visit').focus();
  });
  bindMessage(() => searchMessages());
}
