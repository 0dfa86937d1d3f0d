/*
 * 代码的中文名称（支付层级、险种、医疗类别、就诊状态、角色、金额来源、审计操作）及基金代码所在的结算字段：
 * 启动时从服务器 GET /api/labels 读取一次；没有名称的代码原样显示。
 */
import { api } from './api.js';
import { isBlank } from './dom.js';

let labels = {};

export async function loadLabels() {
  labels = (await api('GET', '/api/labels')) || {};
}

/** 代码 → 名称；无名称时 null */
function name(kind, code) {
  const map = labels[kind];
  return map && Object.prototype.hasOwnProperty.call(map, code) ? map[code] : null;
}

export const roleLabel = (r) => name('roles', r) || r || '—';
export const statusLabel = (s) => name('statuses', s) || s || '—';
export const insutypeLabel = (c) => (isBlank(c) ? '—' : name('insutypes', c) || String(c));
export const medTypeLabel = (c) => (isBlank(c) ? '—' : name('med_types', c) || String(c));
export const layerLabel = (l) => name('layers', l) || l || '—';
export const sourceLabel = (s) => name('sources', s) || s || '—';
export const auditActionLabel = (a) => name('audit_actions', a) || a || '—';
/** 基金代码 → 其金额所在的结算字段（setlinfo，如 390200 → hifmi_pay）；未知代码 null */
export const fundField = (code) => name('fund_fields', String(code));

export const categoryLabel = (c) => name('relief_categories', c) || c || '—';
/** 救助身份：[[代码, 名称], ...]，按 policies/categories.yaml 的顺序 */
export const categoryEntries = () => Object.entries(labels.relief_categories || {});

/** 角色：[[代码, 名称], ...]，按服务器给出的顺序 */
export const roleEntries = () => Object.entries(labels.roles || {});
