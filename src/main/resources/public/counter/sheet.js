/* 结算单：基本信息、金额表、基金明细、救助身份、押金与应收应退、结算提示、撤销记录 */
import { $, append, clear, el, isBlank, show } from './lib/dom.js';
import { fmtDate, fmtDateTime, moneyNode, moneyText } from './lib/format.js';
import { fundField, insutypeLabel, medTypeLabel, sourceLabel } from './lib/labels.js';
import { resetPrintFooter } from './print.js';
import { state } from './state.js';
import { openWorking } from './working.js';
import { renderCategories, renderWords, renderYear } from './sheet-facts.js';

// 结算单金额表：分三组；fund 字段可点击查看计算过程
const AMOUNT_GROUPS = [
  {
    title: '医疗费用',
    rows: [
      ['medfee_sumamt', '医疗费用总额', 'strong'],
      ['fulamt_ownpay_amt', '全自费'],
      ['overlmt_selfpay', '超限价自费'],
      ['preselfpay_amt', '先行自付'],
      ['inscp_scp_amt', '符合政策范围'],
      ['act_pay_dedc', '起付线'],
    ],
  },
  {
    title: '基金支付',
    rows: [
      ['hifp_pay', '基本医保统筹'],
      ['hifmi_pay', '大病保险'],
      ['hifob_pay', '职工大额补助'],
      ['maf_pay', '医疗救助'],
      ['oth_pay', '其他支付（商业补充保险等）'],
      ['fund_pay_sumamt', '基金支付合计', 'strong'],
    ],
  },
  {
    title: '个人支付',
    rows: [
      ['hosp_part_amt', '医疗机构减免', 'optional'],
      ['psn_part_amt', '个人负担', 'strong'],
      ['acct_pay', '个人账户'],
      ['psn_cash_pay', '个人现金', 'strong'],
    ],
  },
];

/** 基金明细的一行在金额表中归入哪个字段：服务器给出的基金代码表；HIS 传入的未知代码按计算层级归类 */
function fundFieldOf(detail, bill) {
  const known = fundField(detail.fund_pay_type);
  if (known) return known;
  const layers = (detail.working || []).map((w) => w.layer);
  if (layers.includes('basic')) return 'hifp_pay';
  if (layers.includes('critical_illness') || layers.includes('special_drug')) {
    return String(bill.insutype) === '310' ? 'hifob_pay' : 'hifmi_pay';
  }
  if (layers.some((l) => l === 'assistance' || l === 're_assistance' || l === 'pku_food')) return 'maf_pay';
  return 'oth_pay';
}

function amountLink(value, funds, label) {
  return el('button', {
    type: 'button',
    class: 'amount-link',
    dataset: { fund: funds[0], funds: funds.join(' '), testid: 'amount-link' },
    'aria-haspopup': 'dialog',
    'aria-controls': 'working-panel',
    title: '查看计算过程',
    'aria-label': `${label} ${moneyText(value)}，查看计算过程`,
    onclick: () => openWorking(funds, label),
  }, moneyNode(value));
}

/** 有内容则显示 box 并返回 true，否则隐藏 */
function showIf(box, on) {
  show(box, on);
  return on;
}


/**
 * @param facts 服务器给出的结算单信息（结算单号、结算时间、经办、年龄、住院天数、大写金额）；撤销后的旧结算单为 null
 */
export function renderSheet(bill, mode, facts, patient) {
  const sheet = $('bill-sheet');
  show(sheet, true);
  sheet.dataset.mode = mode;
  sheet.classList.toggle('is-presettle', mode === 'presettle');
  sheet.classList.toggle('is-cancelled', mode === 'cancelled');
  state.bill = bill;

  $('print-hospital').textContent = (state.me && state.me.hospital_name) || '';
  show($('presettle-banner'), mode === 'presettle');
  $('presettle-asof').textContent = mode === 'presettle' && state.presettle.as_of
    ? `测算日期：${fmtDate(state.presettle.as_of)}` : '';
  const pnotes = clear($('presettle-notes'));
  const notes = mode === 'presettle' && state.presettle.notes ? state.presettle.notes : [];
  notes.forEach((t) => pnotes.append(el('li', { text: String(t) })));
  show(pnotes, notes.length > 0);
  show($('cancelled-banner'), mode === 'cancelled');
  resetPrintFooter();

  renderInfo(bill, mode, facts || {}, patient || {});
  const details = Array.isArray(bill.setldetail) ? bill.setldetail : [];
  renderAmounts(bill, details);
  renderCategories(facts);
  renderFunds(details);
  renderYear(facts);
  renderRelief(bill.relief);
  renderDeposit(bill.deposit);
  renderWords(facts);
  renderAlerts(bill.alerts, bill.warnings);

  // 示例参数（政策文件未规定）算出的金额：屏幕上说明，打印为“样张”，不致被当作正式结算单
  const names = [...new Set(details.flatMap((d) => (d.working || []).filter((w) => w && w.illustrative).map((w) => w.rule_name || w.rule)))];
  $('illustrative-rules').textContent = names.join('、');
  show($('illustrative-banner'), names.length > 0);
  show($('specimen-mark'), names.length > 0);
  show($('sheet-specimen'), names.length > 0);
  sheet.classList.toggle('is-specimen', names.length > 0);
}

/** 基本信息 */
function renderInfo(bill, mode, facts, patient) {
  const policy = bill.policy || {};
  const info = clear($('bill-info'));
  const me = state.me || {};
  const bed = [patient.room ? `${patient.room} 房` : '', patient.bed ? `${patient.bed} 床` : ''].filter(Boolean).join(' ');
  const dx = Array.isArray(patient.diagnoses) ? patient.diagnoses.map((d) => [d.code, d.name].filter(Boolean).join(' ')).join('；') : '';
  const infoRows = [
    ['定点医疗机构', [me.hospital_name, me.hospital_code ? `（${me.hospital_code}）` : ''].join(''), 'bill-hospital', 'wide'],
    ['结算单号', facts.setl_id || (mode === 'presettle' ? '（预结算，未结算）' : null), 'bill-setl-id'],
    ['结算时间', facts.setl_time, 'bill-setl-time'],
    ['姓名', bill.psn_name, 'bill-psn-name'],
    ['性别', patient.sex, 'bill-sex'],
    ['年龄', facts.age === null || facts.age === undefined ? null : `${facts.age} 岁`, 'bill-age'],
    ['证件号码', bill.certno, 'bill-certno'],
    ['就诊号', bill.mdtrt_id, 'bill-mdtrt-id'],
    ['人员编号', bill.psn_no, 'bill-psn-no'],
    ['险种', insutypeLabel(bill.insutype), 'bill-insutype'],
    ['参保地', [bill.insu_admdvs, policy.name].filter((x) => !isBlank(x)).join(' '), 'bill-insu-admdvs'],
    ['入院日期', fmtDate(bill.begntime), 'bill-begntime'],
    ['出院日期', bill.endtime ? fmtDate(bill.endtime) : (mode === 'presettle' ? '（在院）' : '—'), 'bill-endtime'],
    ['住院天数', facts.days ? `${facts.days} 天` : null, 'bill-days'],
    ['科室', patient.dept, 'bill-dept'],
    ['床号', bed, 'bill-bed'],
    ['病案号', patient.medrcdno, 'bill-medrcdno'],
    ['医疗类别', medTypeLabel(bill.med_type), 'bill-med-type'],
    ['经办机构', patient.insurer, 'bill-insurer'],
    ['结算经办', facts.operator, 'bill-operator'],
    ['诊断', dx, 'bill-diagnoses', 'wide'],
    ['适用政策', Array.isArray(policy.documents) && policy.documents.length ? policy.documents.join('；') : '—', 'bill-policy', 'wide'],
  ];
  for (const [k, val, id, wide] of infoRows) {
    info.append(el('div', { class: 'sheet__info-item' + (wide ? ' sheet__info-item--wide' : '') },
      el('dt', { text: k }),
      el('dd', { id, dataset: { testid: id } }, isBlank(val) ? '—' : val)));
  }
}

/** 金额表 */
function renderAmounts(bill, details) {
  const s = bill.setlinfo || {};
  const fundsByField = {};
  for (const d of details) {
    const f = fundFieldOf(d, bill);
    (fundsByField[f] = fundsByField[f] || []).push(String(d.fund_pay_type));
  }
  const grid = clear($('bill-amounts'));
  for (const g of AMOUNT_GROUPS) {
    const tbody = el('tbody');
    for (const [key, label, flag] of g.rows) {
      if (flag === 'optional' && !(Number(s[key]) > 0) && !fundsByField[key]) continue;
      const funds = fundsByField[key];
      const cell = el('td', { class: 'num', id: 'amt-' + key, dataset: { field: key, testid: 'amt-' + key } },
        funds ? amountLink(s[key], funds, label) : moneyNode(s[key]));
      tbody.append(el('tr', { class: flag === 'strong' ? 'is-strong' : null },
        el('th', { scope: 'row', text: label }), cell));
    }
    grid.append(el('table', { class: 'table table--amounts' },
      el('caption', { class: 'table__caption', text: g.title }),
      el('thead', { class: 'sr-only' }, el('tr', null, el('th', { scope: 'col', text: '项目' }), el('th', { scope: 'col', text: '金额' }))),
      tbody));
  }
}

/** 基金明细 */
function renderFunds(details) {
  const fb = clear($('bill-funds-body'));
  for (const d of details) {
    const code = String(d.fund_pay_type);
    fb.append(el('tr', { id: 'fund-' + code, dataset: { fundRow: code } },
      el('td', { class: 'mono' }, code),
      el('td', null, d.fund_pay_type_name || '—'),
      el('td', { class: 'muted' }, sourceLabel(d.source)),
      el('td', { class: 'num' }, amountLink(d.fund_payamt, [code], d.fund_pay_type_name || code))));
  }
  if (!details.length) fb.append(el('tr', null, el('td', { colspan: 4, class: 'empty-cell', text: '无基金支付' })));
}

function renderRelief(relief) {
  if (!showIf($('bill-relief'), !!relief)) return;
  const line = clear($('relief-category'));
  if (relief.category_applied) {
    line.append('救助身份：', el('strong', { text: relief.category_name || relief.category_applied }), '（就高不重复）');
  } else {
    line.append('救助身份：', el('strong', { text: relief.category_name || '普通参保人员' }));
  }
  // 带有效期的身份（人员身份类别 1101）：是否在出院日期有效，及原因
  const ids = Array.isArray(relief.identities) ? relief.identities : [];
  const list = clear($('relief-identities'));
  show(list, ids.length > 0);
  for (const i of ids) {
    list.append(el('li', { class: i.valid_at_discharge ? 'is-valid' : 'is-invalid', dataset: { category: i.category } },
      el('span', { class: i.valid_at_discharge ? 'tag tag--ok' : 'tag tag--warn', text: i.valid_at_discharge ? '有效' : '未采用' }),
      ' ', el('strong', { text: i.category_name || i.category }), '：', i.note || ''));
  }
  const alts = Array.isArray(relief.alternatives) ? relief.alternatives : [];
  show($('relief-alternatives'), alts.length > 0);
  const body = clear($('relief-alternatives-body'));
  const num = (v) => el('td', { class: 'num' }, moneyNode(v, { unit: false }));
  for (const a of alts) {
    const warn = Array.isArray(a.warnings) ? a.warnings : [];
    body.append(el('tr', { class: a.applied ? 'is-applied' : null, dataset: { category: a.category || '' } },
      el('th', { scope: 'row' }, a.category_name || a.category || '普通参保人员'),
      num(a.hifmi_pay), num(a.hifob_pay), num(a.maf_pay), num(a.fund_pay_sumamt), num(a.psn_part_amt),
      el('td', null, a.applied ? el('span', { class: 'tag tag--ok', text: '已采用' }) : ''),
      el('td', { class: 'small' }, warn.length ? warn.join('；') : '')));
  }
}

/** 押金一行：dt 名称，dd 金额 */
function depositRow(label, amount, testid) {
  return el('div', { class: 'deposit__row' }, el('dt', { text: label }),
    el('dd', { class: 'num', id: testid, dataset: { testid } }, moneyNode(amount)));
}

function renderDeposit(dep) {
  const box = clear($('bill-deposit'));
  if (!showIf(box, !!dep)) return;
  box.append(el('h3', { class: 'sheet__h', text: '押金与应收应退' }));
  const rows = el('dl', { class: 'deposit__rows' });
  if (dep.treat_first_pay_later) {
    rows.append(el('div', { class: 'deposit__row deposit__row--tfpl', id: 'deposit-tfpl', dataset: { testid: 'deposit-tfpl' } },
      el('dt', { text: '先诊疗后付费（免收押金）' }),
      el('dd', { class: 'deposit__clause' }, dep.clause ? `依据：${dep.clause}` : '')));
    if (Number(dep.deposit_amt) > 0) rows.append(depositRow('已收押金', dep.deposit_amt, 'deposit-amt'));
  } else {
    rows.append(depositRow('押金', dep.deposit_amt, 'deposit-amt'));
  }
  rows.append(depositRow('个人现金', dep.psn_cash_pay, null));
  box.append(rows);

  const due = Number(dep.amount_due) || 0;
  const refund = Number(dep.amount_refund) || 0;
  const total = (kind, label, amount, testid) => el('div', { class: `settle-total settle-total--${kind}` },
    el('span', { class: 'settle-total__label', text: label }),
    el('span', { class: 'settle-total__value', id: testid, dataset: { testid } }, moneyNode(amount)));
  let big;
  if (refund > 0 && due <= 0) {
    big = total('refund', '应退还', dep.amount_refund, 'amount-refund');
  } else {
    big = total('due', '应补缴', dep.amount_due ?? 0, 'amount-due');
    if (due <= 0) append(big, [el('span', { class: 'settle-total__note', text: '押金与个人现金相抵，无需补缴或退还' })]);
  }
  box.append(big);
}

function renderAlerts(alerts, warnings) {
  const box = clear($('bill-alerts'));
  const a = Array.isArray(alerts) ? alerts : [];
  const w = Array.isArray(warnings) ? warnings : [];
  if (!showIf(box, a.length > 0 || w.length > 0)) return;
  box.append(el('h3', { class: 'alerts__title', text: '结算提示' }));
  const list = el('ul', { class: 'alerts__list' });
  for (const x of a) {
    list.append(el('li', { class: 'alerts__item alerts__item--alert', dataset: { code: x.code || '' } },
      el('span', { class: 'alerts__msg', text: x.message || x.code || '' }),
      x.clause ? el('span', { class: 'alerts__clause', text: `（${x.clause}）` }) : null));
  }
  for (const t of w) {
    list.append(el('li', { class: 'alerts__item alerts__item--warning' }, el('span', { class: 'alerts__msg', text: String(t) })));
  }
  box.append(list);
}

/** 撤销记录 */
export function renderCancels(cancels) {
  const box = $('cancel-history');
  show(box, cancels.length > 0);
  const body = clear($('cancel-history-body'));
  for (const c of cancels) {
    body.append(el('tr', null,
      el('td', { class: 'nowrap' }, fmtDateTime(c.cancelled_at)),
      el('td', null, c.by || '—'),
      el('td', null, c.reason || '—')));
  }
}
