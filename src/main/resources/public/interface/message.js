/* 单条报文：摘要、按段与字段展开的内容、应答、处理结果；失败的报文可（修改后）重新处理 */
import { $, clear, el, onSubmit, show } from '/counter/lib/dom.js';
import { api } from '/counter/lib/api.js';
import { invalid, noticeLine, run, showNotice } from '/counter/lib/notice.js';

const TYPES = { 'ADT^A01': '入院登记', 'DFT^P03': '费用明细', 'ADT^A03': '出院结算', 'ADT^A13': '撤销结算', 'ADT^A11': '撤销入院',
  other: '未识别的消息' };
const ACKS = { AA: '成功', AE: '错误', AR: '拒收' };

export const typeLabel = (t) => (TYPES[t] ? `${TYPES[t]} ${t === 'other' ? '' : t}`.trim() : t || '—');

export function ackTag(code) {
  if (!code) return el('span', { class: 'muted', text: '—' });
  return el('span', { class: `ack ack--${code}`, title: ACKS[code] || code, text: `${ACKS[code] || ''} ${code}`.trim() });
}

let current = null;
let onDone = null;

function fact(dl, label, value, testid) {
  dl.append(el('div', null, el('dt', { text: label }), el('dd', { class: 'mono', 'data-testid': testid, text: value || '—' })));
}

/** 报文按段展开：每段一行，字段带序号（MSH-1 为字段分隔符） */
function segments(node, segs) {
  clear(node);
  for (const s of segs) {
    const fields = el('div', { class: 'msg-seg__fields' });
    for (const f of s.fields) {
      fields.append(el('span', { class: 'msg-f' + (f.value === '' ? ' msg-f--empty' : ''), title: `${s.name}-${f.n}` },
        el('span', { class: 'msg-f__n', text: f.n }), el('span', { class: 'msg-f__v', text: f.value === '' ? '·' : f.value })));
    }
    node.append(el('div', { class: 'msg-seg', 'data-testid': 'msg-seg', dataset: { seg: s.name } },
      el('div', { class: 'msg-seg__name', text: s.name }), fields));
  }
  if (!segs.length) node.append(el('p', { class: 'muted', text: '（无）' }));
}

function render(m) {
  current = m;
  $('msg-detail-title').textContent = `${m.direction === 'out' ? '外发' : '接收'}报文 #${m.id} · ${typeLabel(m.type)}`;
  $('msg-detail-meta').textContent = m.at ? m.at.slice(0, 19).replace('T', ' ') : '';
  const dl = clear($('msg-facts'));
  fact(dl, '控制号', m.control_id, 'fact-control');
  dl.append(el('div', null, el('dt', { text: '应答' }), el('dd', { 'data-testid': 'fact-ack' }, ackTag(m.ack_code))));
  fact(dl, '发送系统', m.sending_app, 'fact-app');
  fact(dl, '发送机构', m.sending_facility, 'fact-facility');
  fact(dl, '来源地址', m.peer, 'fact-peer');
  fact(dl, '就诊号', m.mdtrt_id, 'fact-visit');
  fact(dl, '人员编号', m.psn_no, 'fact-person');
  fact(dl, '字符集', m.charset || `（未填，按 ${m.decoded_as}）`, 'fact-charset');
  if (m.error_code !== null) fact(dl, '错误代码', `${m.error_code} ${m.error_text}`, 'fact-error');
  if (m.actor) fact(dl, '操作人', m.actor, 'fact-actor');
  const out = $('msg-outcome');
  out.textContent = m.outcome || '—';
  out.className = 'msg-outcome ' + (m.ack_code === 'AA' ? 'is-ok' : m.ack_code ? 'is-error' : '');
  const links = clear($('msg-links'));
  if (m.reprocess_of) links.append(el('button', { type: 'button', class: 'btn btn--link', 'data-testid': 'link-original', onclick: () => openMessage(m.reprocess_of), text: `← 原报文 #${m.reprocess_of}` }));
  for (const r of m.reprocessed_as || []) {
    links.append(el('button', { type: 'button', class: 'btn btn--link', 'data-testid': 'link-reprocessed', onclick: () => openMessage(r.id), text: `重新处理为 #${r.id}（${r.ack_code || '—'}）→` }));
  }
  $('msg-charset').textContent = `（按 ${m.decoded_as} 解码，${m.message_bytes} 字节${m.complete ? '' : '，过大只保存了开头部分'}）`;
  segments($('msg-segments'), m.segments);
  $('msg-text').textContent = m.text;
  segments($('msg-ack-segments'), m.ack_segments || []);
  show($('msg-actions'), m.direction === 'in' && m.ack_code !== 'AA' && m.complete);
  show($('msg-edit'), false);
  show($('msg-detail'), true);
}

export async function openMessage(id) {
  await run(null, async () => {
    render(await api('GET', `/api/messages/${id}`));
    $('msg-detail').focus();
  });
}

async function submitReprocess() {
  const reason = $('msg-edit-reason').value.trim();
  if (!reason) return invalid('请填写重新处理的原因', 'msg-edit-reason');
  const id = current.id;
  await run($('msg-edit-go'), async () => {
    const r = await api('POST', `/api/messages/${id}/reprocess`, { message: $('msg-edit-text').value, reason });
    showNotice(noticeLine(`报文 #${id} 已重新处理，应答 ${r.ack_code}（${ACKS[r.ack_code] || ''}）。`, ` 新报文 #${r.id}：${r.outcome || ''}`));
    if (onDone) await onDone();
    await openMessage(r.id);
  });
}

export function bindMessage(afterReprocess) {
  onDone = afterReprocess;
  $('msg-reprocess').addEventListener('click', () => {
    $('msg-edit-text').value = current.text;
    $('msg-edit-reason').value = '';
    show($('msg-edit'), true);
    $('msg-edit-text').focus();
  });
  $('msg-edit-cancel').addEventListener('click', () => show($('msg-edit'), false));
  onSubmit('msg-edit', submitReprocess);
}
