/* 运行监控：近一小时与今日的报文（按类型与应答）、错误代码、结算与撤销、应答用时；显示时每 10 秒刷新 */
import { $, clear, el, show } from '/counter/lib/dom.js';
import { api } from '/counter/lib/api.js';
import { typeLabel } from './message.js';

const ACKS = ['AA', 'AE', 'AR'];
let timer = null;

const n = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('zh-CN'));

function render(d) {
  $('dash-hour').textContent = n(d.hour.messages);
  $('dash-today').textContent = n(d.today.messages);
  $('dash-settled').textContent = `${n(d.today.settled)} / ${n(d.today.cancelled)}`;
  $('dash-errors').textContent = n(d.today.errors.reduce((s, e) => s + e.count, 0));
  const t = d.ack_time_ms;
  $('dash-ack').textContent = t.p50 === null ? '—' : `${t.p50} / ${t.p99} 毫秒`;
  $('dash-at').textContent = `更新于 ${d.at.slice(11, 19)}`;
  const types = [...new Set([...d.hour.by_type, ...d.today.by_type].map((x) => x.type))].sort();
  const of = (p, type) => (p.by_type.find((x) => x.type === type) || { ack: {} }).ack;
  const body = clear($('dash-types').tBodies[0]);
  for (const type of types) {
    const h = of(d.hour, type);
    const a = of(d.today, type);
    body.append(el('tr', { dataset: { type }, 'data-testid': 'dash-type-row' }, el('th', { scope: 'row', text: typeLabel(type) }),
      ...ACKS.map((c) => el('td', { class: 'num', dataset: { period: 'hour', ack: c }, text: n(h[c] || 0) })),
      ...ACKS.map((c) => el('td', { class: 'num', dataset: { period: 'today', ack: c }, text: n(a[c] || 0) }))));
  }
  const errs = clear($('dash-error-codes').tBodies[0]);
  for (const e of d.today.errors) {
    const h = d.hour.errors.find((x) => x.code === e.code);
    errs.append(el('tr', { dataset: { code: e.code }, 'data-testid': 'dash-error-row' }, el('td', { class: 'mono', text: e.code }),
      el('td', { text: e.text }), el('td', { class: 'num', text: n(h ? h.count : 0) }), el('td', { class: 'num', text: n(e.count) })));
  }
  show($('dash-no-errors'), d.today.errors.length === 0);
}

export async function refreshDashboard() {
  const [d, out] = await Promise.all([api('GET', '/api/dashboard'), api('GET', '/api/outbound?status=dead&limit=1')]);
  render(d);
  $('dash-outbound').textContent = out.enabled ? `${n(out.waiting)} / ${n(out.dead)}` : '未启用';
}

/** 显示运行监控时开始定时刷新，离开时停止 */
export function dashboardShown(on) {
  if (timer) { clearInterval(timer); timer = null; }
  if (!on) return;
  refreshDashboard().catch(() => {});
  timer = setInterval(() => { if (!document.hidden) refreshDashboard().catch(() => {}); }, 10000);
}
