/* 计算过程：点击金额后展开该基金的每一层计算（政策条款、基数、分段、封顶、实付） */
import { $, clear, el, isBlank } from './lib/dom.js';
import { fmtMoney, fmtRate, moneyNode } from './lib/format.js';
import { layerLabel, sourceLabel } from './lib/labels.js';
import { state } from './state.js';

function categoryName(code) {
  const alts = state.bill && state.bill.relief && Array.isArray(state.bill.relief.alternatives) ? state.bill.relief.alternatives : [];
  const hit = alts.find((a) => a.category === code);
  return hit && hit.category_name ? `${hit.category_name}（${code}）` : code;
}

export function openWorking(funds, label) {
  const bill = state.bill;
  if (!bill) return;
  const details = (bill.setldetail || []).filter((d) => funds.includes(String(d.fund_pay_type)));
  $('working-title').textContent = `计算过程 · ${label}`;
  const body = clear($('working-body'));
  body.dataset.funds = funds.join(' ');
  if (!details.length) body.append(el('p', { class: 'empty', text: '无计算过程' }));
  for (const d of details) {
    const sec = el('section', { class: 'working-fund', dataset: { fund: String(d.fund_pay_type) } },
      el('header', { class: 'working-fund__head' },
        el('span', { class: 'working-fund__name', text: d.fund_pay_type_name || d.fund_pay_type }),
        el('span', { class: 'working-fund__code mono', text: d.fund_pay_type }),
        d.source ? el('span', { class: 'tag', text: sourceLabel(d.source) }) : null,
        el('span', { class: 'working-fund__amt' }, '支付 ', moneyNode(d.fund_payamt))));
    const ws = Array.isArray(d.working) ? d.working : [];
    if (!ws.length) sec.append(el('p', { class: 'empty', text: '无计算过程' }));
    ws.forEach((w) => sec.append(renderWorkingItem(w || {})));
    body.append(sec);
  }
  const dlg = $('working-panel');
  if (!dlg.open) dlg.showModal();
  $('working-close').focus();
}

function renderWorkingItem(w) {
  const art = el('article', { class: 'working', dataset: { layer: w.layer || '' } });
  art.append(el('h3', { class: 'working__layer' }, layerLabel(w.layer)));

  if (!isBlank(w.clause) || w.illustrative) {
    const clause = el('div', { class: 'working__clause' + (w.illustrative ? ' is-illustrative' : '') },
      el('span', { class: 'working__clause-label', text: '政策条款' }),
      el('span', { class: 'working__clause-text', text: isBlank(w.clause) ? '—' : w.clause }));
    if (w.illustrative) clause.append(el('span', { class: 'tag tag--warn', text: '示例参数（非政策原文）' }));
    art.append(clause);
  }

  const dl = el('dl', { class: 'working__facts' });
  const fact = (k, ...v) => dl.append(el('div', { class: 'working__fact' }, el('dt', { text: k }), el('dd', null, ...v)));
  // 规则：中文名称；规则编号只在悬停提示中（供接口、审计核对），不出现在页面文字里
  if (!isBlank(w.rule)) {
    fact('规则', el('span', { class: 'working__rule', dataset: { testid: 'working-rule', rule: w.rule }, title: `规则编号 ${w.rule}`,
      text: w.rule_name || w.rule }));
  }
  if (!isBlank(w.category)) fact('人员类别', categoryName(w.category));
  if (!isBlank(w.base) || !isBlank(w.base_formula)) {
    fact('计算基数', isBlank(w.base) ? '' : moneyNode(w.base),
      isBlank(w.base_formula) ? '' : el('span', { class: 'working__formula', text: `＝ ${w.base_formula}` }));
  }
  if (!isBlank(w.year_base_before) || !isBlank(w.year_base_after)) {
    fact('年度累计', moneyNode(w.year_base_before), el('span', { class: 'arrow', text: ' → ' }), moneyNode(w.year_base_after));
  }
  if (!isBlank(w.deductible)) {
    fact('起付线', moneyNode(w.deductible), isBlank(w.deductible_used) ? '' : el('span', { class: 'muted' }, '（已用 ', moneyNode(w.deductible_used), '）'));
  } else if (!isBlank(w.deductible_used)) {
    fact('起付线已用', moneyNode(w.deductible_used));
  }
  if (dl.childNodes.length) art.append(dl);

  const segs = Array.isArray(w.segments) ? w.segments : [];
  if (segs.length) art.append(segmentsTable(segs));

  const res = el('dl', { class: 'working__facts working__facts--result' });
  const rfact = (k, cls, ...v) => res.append(el('div', { class: 'working__fact ' + (cls || '') }, el('dt', { text: k }), el('dd', null, ...v)));
  if (!isBlank(w.computed)) rfact('计算结果', '', moneyNode(w.computed));
  if (!isBlank(w.cap) || !isBlank(w.cap_left_before) || !isBlank(w.cap_left_after)) {
    const parts = [];
    if (!isBlank(w.cap)) parts.push(moneyNode(w.cap));
    if (!isBlank(w.cap_left_before) || !isBlank(w.cap_left_after)) {
      parts.push(el('span', { class: 'muted' }, '（剩余 ', moneyNode(w.cap_left_before), ' → ', moneyNode(w.cap_left_after), '）'));
    }
    rfact('年度封顶', '', ...parts);
  }
  if (!isBlank(w.paid)) rfact('实付', 'is-paid', moneyNode(w.paid));
  if (res.childNodes.length) art.append(res);

  const notes = Array.isArray(w.notes) ? w.notes.filter((n) => !isBlank(n)) : [];
  if (notes.length) {
    art.append(el('div', { class: 'working__notes' },
      el('span', { class: 'working__notes-label', text: '说明' }),
      el('ul', null, notes.map((n) => el('li', { text: String(n) })))));
  }
  return art;
}

/** 分段计算表 */
function segmentsTable(segs) {
  const tb = el('tbody');
  for (const sg of segs) {
    const range = isBlank(sg.to)
      ? `${fmtMoney(sg.from) ?? '0.00'} 以上`
      : `${fmtMoney(sg.from) ?? '0.00'} – ${fmtMoney(sg.to)}`;
    tb.append(el('tr', null,
      el('td', { class: 'num nowrap' }, range),
      el('td', { class: 'num' }, fmtRate(sg.rate)),
      el('td', { class: 'num' }, moneyNode(sg.portion, { unit: false })),
      el('td', { class: 'num' }, moneyNode(sg.amount, { unit: false }))));
  }
  return el('table', { class: 'table table--compact working__segments' },
    el('caption', { class: 'table__caption', text: '分段计算' }),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col', class: 'num', text: '区间（元）' }),
      el('th', { scope: 'col', class: 'num', text: '比例' }),
      el('th', { scope: 'col', class: 'num', text: '金额部分（元）' }),
      el('th', { scope: 'col', class: 'num', text: '应付（元）' }))),
    tb);
}

export function bindWorking() {
  $('working-close').addEventListener('click', () => $('working-panel').close());
  $('working-panel').addEventListener('click', (e) => { if (e.target === e.currentTarget) e.currentTarget.close(); });
}
