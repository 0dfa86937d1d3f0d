/* 追溯救助重算（仅主管）：身份事后认定（如低保自某日起享受），该人员本年度全部结算按认定身份依出院日期重新结算，逐笔给出补救助 */
import { $, clear, el, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { moneyNode } from './lib/format.js';
import { categoryEntries, categoryLabel } from './lib/labels.js';
import { run, showNotice, noticeLine } from './lib/notice.js';
import { isSupervisor, state } from './state.js';
import { reloadVisit } from './visit.js';

function openRetro() {
  const v = state.visit;
  if (!v || !isSupervisor() || !state.bill) return;
  const sel = clear($('retro-category'));
  for (const [code, name] of categoryEntries()) sel.append(el('option', { value: code, text: `${name}（${code}）` }));
  $('retro-year').value = state.bill.setl_year || '';
  $('retro-lead').textContent = `为 ${v.psn_name || ''}（人员编号 ${state.bill.psn_no}）登记事后认定的救助身份，并重算其该年度全部住院结算。`;
  show($('retro-result'), false);
  show($('retro-print'), false);
  show($('retro-confirm'), true);
  $('retro-dialog').showModal();
  sel.focus();
}

function closeRetro() {
  const d = $('retro-dialog');
  if (d.open) d.close();
  document.body.classList.remove('printing-retro');
}

function renderResult(r) {
  $('retro-result-person').textContent = `人员编号 ${r.psn_no}，${r.year} 年度`;
  const body = clear($('retro-body'));
  const num = (v) => el('td', { class: 'num' }, moneyNode(v, { unit: false }));
  for (const a of r.adjustments || []) {
    body.append(el('tr', { dataset: { mdtrt: a.mdtrt_id } },
      el('th', { scope: 'row', text: a.mdtrt_id }), el('td', { text: a.endtime }),
      el('td', { text: a.category_applied ? categoryLabel(a.category_applied) : '普通参保人员' }),
      num(a.before.maf_pay), num(a.after.maf_pay), num(a.before.psn_part_amt), num(a.after.psn_part_amt), num(a.due_to_patient)));
  }
  const total = clear($('retro-total'));
  total.append(moneyNode(r.due_to_patient, { unit: false }));
  show($('retro-result'), true);
  show($('retro-print'), true);
  show($('retro-confirm'), false);
}

async function confirmRetro(e) {
  if (e) e.preventDefault();
  const reason = $('retro-reason').value.trim();
  const begin = $('retro-begin').value;
  const psn = state.bill && state.bill.psn_no;
  if (!reason || !begin || !psn) {
    $('retro-reason').setAttribute('aria-invalid', reason ? 'false' : 'true');
    $('retro-begin').setAttribute('aria-invalid', begin ? 'false' : 'true');
    return;
  }
  const identity = { category: $('retro-category').value, begntime: begin };
  if ($('retro-end').value) identity.endtime = $('retro-end').value;
  await run($('retro-confirm'), async () => {
    const r = await api('POST', `/api/counter/persons/${encodeURIComponent(psn)}/retroactive`,
      { year: Number($('retro-year').value), reason, relief_identities: [identity] });
    renderResult(r);
    showNotice(noticeLine('已追溯重算', `（人员编号 ${psn}，${(r.adjustments || []).length} 笔结算，合计应退患者 ${r.due_to_patient} 元）。`));
    await reloadVisit();
    return true;
  });
}

function printRetro() {
  document.body.classList.add('printing-retro');
  window.print();
  document.body.classList.remove('printing-retro');
}

export function bindRetroactive() {
  $('retro-open').addEventListener('click', openRetro);
  $('retro-form').addEventListener('submit', confirmRetro);
  $('retro-cancel').addEventListener('click', closeRetro);
  $('retro-close').addEventListener('click', closeRetro);
  $('retro-print').addEventListener('click', printRetro);
}
