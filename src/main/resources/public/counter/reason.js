/* 撤销结算 / 重新结算（仅主管）：须填写原因，记入审计日志 */
import { $, el, setLocked, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { clearNotice, noticeLine, run, showNotice } from './lib/notice.js';
import { updateResultStatus } from './search.js';
import { isSupervisor, state } from './state.js';
import { reloadVisit } from './visit.js';

function openReason(action) {
  const v = state.visit;
  if (!v || !isSupervisor()) return;
  state.reasonAction = action;
  const isCancel = action === 'cancel';
  $('reason-title').textContent = isCancel ? '撤销结算' : '重新结算';
  $('reason-lead').textContent = isCancel
    ? `撤销 ${v.psn_name || ''}（就诊号 ${v.mdtrt_id}）的结算。撤销后原结算单作废，年度累计相应回退。`
    : `按当前费用与政策重新结算 ${v.psn_name || ''}（就诊号 ${v.mdtrt_id}），原结算将被撤销并由新结算替代。`;
  const confirm = $('reason-confirm');
  confirm.textContent = isCancel ? '确认撤销' : '确认重新结算';
  confirm.className = isCancel ? 'btn btn--danger' : 'btn btn--primary';
  show($('reason-later-wrap'), isCancel);
  $('reason-later').checked = false;
  const key = `${action}:${v.mdtrt_id}`;
  if (state.reasonFor !== key) $('reason-text').value = '';
  state.reasonFor = key;
  $('reason-text').removeAttribute('aria-invalid');
  updateReasonConfirm();
  $('reason-dialog').showModal();
  $('reason-text').focus();
}

function updateReasonConfirm() {
  const c = $('reason-confirm');
  setLocked(c, $('reason-text').value.trim() === '');
}

function closeReason() {
  const d = $('reason-dialog');
  if (d.open) d.close();
}

/** 完成后的提示 */
function doneNotice(action, id, r) {
  if (action !== 'cancel') {
    showNotice(noticeLine('已重新结算', `（就诊号 ${id}）。`));
    return;
  }
  const later = r && Array.isArray(r.settled_later) ? r.settled_later : [];
  const nodes = [noticeLine('已撤销结算', `（就诊号 ${r && r.cancelled ? r.cancelled : id}）。`)];
  const redone = r && r.resettled && Array.isArray(r.resettled.adjustments) ? r.resettled.adjustments : [];
  if (redone.length) {
    nodes.push(el('p', { id: 'cancel-later', dataset: { testid: 'cancel-later' } },
      '已按新累计重算同年度后续结算：' + redone.map((a) => `${a.mdtrt_id}（个人负担 ${a.before.psn_part_amt} → ${a.after.psn_part_amt} 元）`).join('、')));
  } else if (later.length) {
    nodes.push(el('p', { id: 'cancel-later', dataset: { testid: 'cancel-later' } },
      `同年度后续结算：${later.join('、')} 其金额按撤销前累计计算，如需可重新结算`));
  }
  showNotice(...nodes);
}

async function confirmReason(e) {
  if (e) e.preventDefault();
  const reason = $('reason-text').value.trim();
  const v = state.visit;
  if (!reason || !v) {
    updateReasonConfirm();
    return;
  }
  const action = state.reasonAction;
  const id = v.mdtrt_id;
  clearNotice();
  const ok = await run($('reason-confirm'), async () => {
    const body = { reason };
    if (action === 'cancel' && $('reason-later').checked) body.resettle_later = true;
    const r = await api('POST', `/api/counter/visits/${encodeURIComponent(id)}/${action}`, body);
    closeReason();
    $('reason-text').value = '';
    state.reasonFor = null;
    updateReasonConfirm();
    doneNotice(action, id, r);
    const now = await reloadVisit();
    if (now) updateResultStatus(now);
    return true;
  });
  if (!ok) closeReason(); // 出错：关闭对话框，错误显示在页面顶部提示条（原因文字保留）
}

export function bindReason() {
  $('cancel-bill').addEventListener('click', () => openReason('cancel'));
  $('resettle-bill').addEventListener('click', () => openReason('resettle'));
  $('reason-text').addEventListener('input', updateReasonConfirm);
  $('reason-form').addEventListener('submit', confirmReason);
  $('reason-cancel').addEventListener('click', closeReason);
  $('reason-close').addEventListener('click', closeReason);
  $('reason-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) confirmReason(e);
  });
}
