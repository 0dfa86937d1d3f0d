/* 一次就诊：打开、刷新、显示（患者信息、操作按钮、在院信息、结算单） */
import { $, clear, el, isBlank, setLocked, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { fmtDate, moneyNode, moneyText } from './lib/format.js';
import { insutypeLabel, medTypeLabel, statusLabel } from './lib/labels.js';
import { clearNotice, run } from './lib/notice.js';
import { renderPrintCount } from './print.js';
import { renderCancels, renderSheet } from './sheet.js';
import { currentMode, isSupervisor, state } from './state.js';

const visitUrl = (id) => '/api/counter/visits/' + encodeURIComponent(id);

/** 查询结果中标出当前打开的就诊 */
export function markCurrentRow() {
  const id = state.visit ? state.visit.mdtrt_id : null;
  document.querySelectorAll('#search-results-body tr').forEach((tr) => {
    const on = tr.dataset.mdtrtId === id;
    tr.classList.toggle('is-current', on);
    if (on) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
  });
}

export function hideVisit() {
  state.visit = null;
  state.presettle = null;
  show($('visit-view'), false);
  markCurrentRow();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

export async function openVisit(id, opts = {}) {
  if (isBlank(id)) return;
  const seq = ++state.visitSeq;
  const work = async () => {
    const v = await api('GET', visitUrl(id));
    if (seq !== state.visitSeq) return;
    state.visit = v;
    state.presettle = null;
    renderVisit();
    history.replaceState(null, '', '#visit=' + encodeURIComponent(v.mdtrt_id || id));
    if (!opts.keepFocus) $('visit-title').focus({ preventScroll: true });
    $('visit-view').scrollIntoView({ block: 'start', behavior: opts.fromSearch ? 'auto' : 'smooth' });
  };
  if (opts.fromSearch) return work(); // already inside run()
  if (!opts.keepNotice) clearNotice();
  return run(null, work);
}

/** 重新读取当前就诊并显示；返回读到的就诊（无当前就诊时 undefined） */
export async function reloadVisit() {
  if (!state.visit) return undefined;
  const v = await api('GET', visitUrl(state.visit.mdtrt_id));
  state.visit = v;
  state.presettle = null;
  renderVisit();
  return v;
}

export function renderVisit() {
  const v = state.visit;
  const mode = currentMode();
  show($('visit-view'), true);
  $('visit-view').dataset.mode = mode || 'none';
  $('visit-view').dataset.status = v.status || '';

  $('visit-name').textContent = v.psn_name || '—';
  const st = $('visit-status');
  st.className = `status status--${v.status || 'unknown'}`;
  st.dataset.status = v.status || '';
  st.textContent = statusLabel(v.status);
  $('visit-mdtrt-id').textContent = v.mdtrt_id || '—';
  $('visit-psn-no').textContent = v.psn_no || '—';
  $('visit-certno').textContent = v.certno || '—';
  renderPrintCount();
  renderActions(v, mode);

  // 在院信息（无有效结算单时）
  renderAdmission(v, !v.bill);

  const noBill = $('no-bill');
  if (!v.bill && !state.presettle && !v.cancelled_bill) {
    noBill.textContent = v.status === 'cancelled'
      ? '该就诊的结算已撤销，当前无有效结算单。可预结算测算，或待 HIS 重新发起结算。'
      : '患者尚未出院结算。可点击“预结算”测算本次费用的基金支付与个人应付金额。';
    show(noBill, true);
  } else {
    show(noBill, false);
  }

  const bill = v.bill || (state.presettle && state.presettle.bill) || v.cancelled_bill || null;
  const pre = state.presettle && state.presettle.bill === bill ? state.presettle : null;
  const facts = v.bill ? v.sheet : (pre ? pre.sheet : null);
  const patient = v.bill || v.cancelled_bill === bill ? v.patient : (pre ? pre.patient : null);
  if (bill) renderSheet(bill, mode, facts || null, patient || null);
  else {
    show($('bill-sheet'), false);
    show($('bill-alerts'), false);
  }

  renderCancels(v.cancels || []);
  markCurrentRow();
}

/** 操作按钮：预结算、打印、撤销 / 重新结算（仅主管） */
function renderActions(v, mode) {
  const sup = isSupervisor();
  const presettleBtn = $('presettle');
  show(presettleBtn, !v.bill);
  presettleBtn.textContent = mode === 'presettle' ? '重新预结算' : '预结算';
  show($('print-presettle'), mode === 'presettle');
  show($('print-bill'), mode === 'settled');
  for (const id of ['cancel-bill', 'resettle-bill']) {
    const b = $(id);
    show(b, mode === 'settled');
    setLocked(b, !sup);
    if (sup) b.removeAttribute('title'); else b.title = '仅主管可撤销';
    if (!sup) b.setAttribute('aria-describedby', 'role-hint'); else b.removeAttribute('aria-describedby');
  }
  show($('role-hint'), mode === 'settled' && !sup);
  show($('retro-open'), mode === 'settled' && sup);   // 追溯救助重算（retroactive.js），仅主管
}

function renderAdmission(v, visible) {
  const box = $('admission-info');
  const a = v.admission;
  const c = v.charges;
  if (!visible || (!a && !c)) {
    show(box, false);
    return;
  }
  show(box, true);
  $('admission-title').textContent = v.status === 'admitted' ? '在院信息' : '就诊信息';
  const dl = clear($('admission-facts'));
  if (a) {
    const facts = [
      ['入院日期', fmtDate(a.begntime), 'adm-begntime'],
      ['医疗类别', medTypeLabel(a.med_type), 'adm-med-type'],
      ['参保地', a.insu_admdvs || '—', 'adm-insu-admdvs'],
      ['押金', a.deposit_free ? '先诊疗后付费（免收押金）' : moneyText(a.deposit), 'adm-deposit'],
    ];
    if (!isBlank(a.insutype)) facts.splice(2, 0, ['险种', insutypeLabel(a.insutype), 'adm-insutype']);
    if (a.deposit_free && Number(a.deposit) > 0) facts.push(['已收押金', moneyText(a.deposit), 'adm-deposit-paid']);
    for (const [k, val, id] of facts) {
      dl.append(el('div', { class: 'facts__item' }, el('dt', { text: k }), el('dd', { id, dataset: { testid: id } }, val)));
    }
  } else {
    dl.append(el('div', { class: 'facts__item' }, el('dt', { text: '入院信息' }), el('dd', { text: '无' })));
  }
  $('charges-lines').textContent = c && !isBlank(c.lines) ? String(c.lines) : '0';
  clear($('charges-total')).append(moneyNode(c ? c.total : null));
  show($('charges-info'), !!c);
}
