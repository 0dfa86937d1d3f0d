/* 页面共享状态 */

export const state = {
  me: null,
  results: [],
  visit: null,
  bill: null, // 结算单区当前显示的结算单（计算过程据此展开）
  presettle: null, // {as_of, at, bill, notes}
  reasonAction: null, // 'cancel' | 'resettle'
  reasonFor: null, // mdtrt_id the reason text was typed for
  truncated: false,
  searchSeq: 0,
  visitSeq: 0,
  reconLoaded: false,
  auditLoaded: false,
};

const SUPERVISOR_ROLES = new Set(['supervisor', 'admin']);

export const isSupervisor = () => !!state.me && SUPERVISOR_ROLES.has(state.me.role);
export const isAdmin = () => !!state.me && state.me.role === 'admin';

/** 结算单区显示什么：settled | cancelled | presettle | null（无结算单） */
export function currentMode() {
  const v = state.visit;
  if (!v) return null;
  if (v.bill) return v.status === 'cancelled' ? 'cancelled' : 'settled';
  if (state.presettle && state.presettle.bill) return 'presettle';
  if (v.cancelled_bill) return 'cancelled';
  return null;
}
