/* 格式化：金额（到分）、比例、日期时间（按服务端给出的医院时区钟点） */
import { append, el, isBlank } from './dom.js';

const moneyFmt = new Intl.NumberFormat('zh-CN', {
  minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true,
});

/** 35000 → "35,000.00"; null → null */
export function fmtMoney(v) {
  if (isBlank(v)) return null;
  let n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  n = Math.round(n * 100) / 100;
  if (n === 0) n = 0; // 避免 "-0.00"
  return moneyFmt.format(n);
}

/** 金额节点：右对齐数字 + “元” */
export function moneyNode(v, opts = {}) {
  const s = fmtMoney(v);
  if (s === null) return el('span', { class: 'amount amount--empty', text: '—' });
  const node = el('span', { class: 'amount' + (Number(v) < 0 ? ' amount--neg' : '') }, s);
  if (opts.unit !== false) append(node, [el('span', { class: 'unit', text: ' 元' })]);
  return node;
}

export function moneyText(v) {
  const s = fmtMoney(v);
  return s === null ? '—' : s + ' 元';
}

/** 0.65 → "65%"; 0.675 → "67.5%" */
export function fmtRate(r) {
  if (isBlank(r)) return '—';
  const n = Number(r);
  if (!Number.isFinite(n)) return String(r);
  return (Math.round(n * 10000) / 100).toString() + '%';
}

/**
 * ISO 时间 → "yyyy-MM-dd HH:mm:ss"。
 * 服务端给出的时间都已是医院所在地（ZONE）的钟点并带偏移（如 +08:00），按原钟点显示，
 * 从不换算为浏览器所在时区；仅日期则原样显示。
 * 页面不读浏览器的时钟：今天的日期来自 /api/me 的 today（医院时区）。
 */
export function fmtDateTime(s) {
  if (isBlank(s)) return '—';
  const str = String(s).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(str);
  if (!m) return str;
  const [, y, mo, d, h, mi, se] = m;
  if (h === undefined) return `${y}-${mo}-${d}`;
  return `${y}-${mo}-${d} ${h}:${mi}:${se || '00'}`;
}

export const fmtDate = (s) => (isBlank(s) ? '—' : String(s).slice(0, 10));
