/* 外发队列：待发送、死信与已发送的结算单报文；死信（或 HIS 称未收到的）可重发，须填原因 */
import { $, clear, el, onSubmit, show } from '/counter/lib/dom.js';
import { api } from '/counter/lib/api.js';
import { invalid, noticeLine, run, showNotice } from '/counter/lib/notice.js';

const STATUS = { queued: '待发送', sending: '发送中', sent: '已发送', dead: '死信' };
let resendId = null;
let openMessage = null;

const time = (iso) => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

function row(e) {
  const actions = el('td');
  if (e.status === 'dead' || e.status === 'sent') {
    actions.append(el('button', { type: 'button', class: 'btn btn--sm', 'data-testid': 'out-resend-open', text: '重发',
      onclick: () => askReason(e.message_id) }));
  }
  return el('tr', { dataset: { id: e.message_id, status: e.status }, 'data-testid': 'out-row' },
    el('td', null, el('button', { type: 'button', class: 'btn btn--link', text: `#${e.message_id}`, onclick: () => openMessage && openMessage(e.message_id) })),
    el('td', { class: 'mono', text: time(e.at) }),
    el('td', { class: 'mono', text: e.mdtrt_id || '—' }),
    el('td', { class: 'mono', text: e.control_id || '—' }),
    el('td', null, el('span', { class: `ack ack--${e.status === 'sent' ? 'AA' : e.status === 'dead' ? 'AR' : ''}`, text: STATUS[e.status] || e.status })),
    el('td', { class: 'num', text: e.attempts }),
    el('td', { class: 'mono', text: e.status === 'queued' ? time(e.next_attempt_at) : '—' }),
    el('td', { class: 'wrap', text: e.outcome || e.last_error || '—' }),
    actions);
}

export async function loadOutbound() {
  const status = $('out-status').value;
  const r = await api('GET', '/api/outbound' + (status ? `?status=${status}` : ''));
  show($('out-off'), !r.enabled);
  $('out-depth').textContent = `待发送 ${r.waiting} 条，死信 ${r.dead} 条`;
  const body = clear($('out-table').tBodies[0]);
  r.entries.forEach((e) => body.append(row(e)));
  show($('out-empty'), r.entries.length === 0);
}

function askReason(id) {
  resendId = id;
  $('out-resend-title').textContent = `重发外发报文 #${id}`;
  $('out-resend-reason').value = '';
  show($('out-resend'), true);
  $('out-resend-reason').focus();
}

async function resend() {
  const reason = $('out-resend-reason').value.trim();
  if (!reason) return invalid('请填写重发的原因', 'out-resend-reason');
  await run($('out-resend-go'), async () => {
    await api('POST', `/api/outbound/${resendId}/resend`, { reason });
    showNotice(noticeLine(`外发报文 #${resendId} 已重新排队，`, '将在 1 秒内发送给 HIS。'));
    show($('out-resend'), false);
    await loadOutbound();
  });
}

export function bindOutbound(open) {
  openMessage = open;
  onSubmit('out-form', () => run($('out-go'), loadOutbound));
  onSubmit('out-resend', resend);
  $('out-resend-cancel').addEventListener('click', () => show($('out-resend'), false));
}
