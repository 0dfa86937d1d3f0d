/* 对账：某日（医院时区）的结算与撤销，合计与明细，可下载 CSV */
import { $, clear, el, isBlank, onSubmit, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { fmtDateTime, moneyNode } from './lib/format.js';
import { invalid, run } from './lib/notice.js';
import { state } from './state.js';
import { onTabShown, selectTab } from './tabs.js';
import { openVisit } from './visit.js';

// 对账金额列（\u200b：表头窄时在此折行，见 counter.css 的 keep-all）
const RECON_AMOUNTS = [
  ['medfee_sumamt', '医疗费用\u200b总额'],
  ['hifp_pay', '基本医保\u200b统筹'],
  ['hifmi_pay', '大病保险'],
  ['hifob_pay', '职工大额\u200b补助'],
  ['maf_pay', '医疗救助'],
  ['oth_pay', '其他\u200b支付'],
  ['fund_pay_sumamt', '基金支付\u200b合计'],
  ['psn_part_amt', '个人负担'],
  ['psn_cash_pay', '个人现金'],
];

const th = (text, cls) => el('th', { scope: 'col', class: cls, text });
const amountHeads = () => RECON_AMOUNTS.map(([, l]) => th(l, 'num'));
const amountCells = (row, attrs) => RECON_AMOUNTS.map(([k]) => el('td', attrs(k), moneyNode(row[k], { unit: false })));

function reconCsvHref(date) {
  return '/api/counter/reconciliation.csv?date=' + encodeURIComponent(date);
}

export function updateCsvLink() {
  const d = $('recon-date').value;
  const a = $('recon-csv');
  if (d) {
    a.href = reconCsvHref(d);
    a.removeAttribute('aria-disabled');
  } else {
    a.removeAttribute('href');
    a.setAttribute('aria-disabled', 'true');
  }
  a.setAttribute('download', `对账-${d || ''}.csv`);
}

async function loadRecon() {
  const date = $('recon-date').value;
  if (!date) {
    invalid('请选择结算日期', 'date');
    return;
  }
  state.reconLoaded = true;
  updateCsvLink();
  await run($('recon-go'), async () => {
    const r = await api('GET', '/api/counter/reconciliation?date=' + encodeURIComponent(date));
    renderRecon(r || {});
  });
}

function reconHead(theadId, withReason) {
  const head = clear($(theadId));
  head.append(el('tr', null, th('时间'), th('就诊号'), th('人员编号'), th('姓名'), th('操作员'), amountHeads(),
    withReason ? th('撤销原因') : null));
}

function renderRecon(r) {
  const date = r.date || $('recon-date').value;
  $('recon-meta').textContent = `对账日期 ${date}${r.zone ? `（${r.zone}）` : ''} · 金额单位：元`;

  const totals = r.totals || {};
  const head = clear($('recon-totals-head'));
  head.append(el('tr', null, th('项目'), th('笔数', 'num'), amountHeads()));
  const tb = clear($('recon-totals-body'));
  for (const [key, label] of [['settled', '结算'], ['cancelled', '撤销'], ['net', '净额']]) {
    const t = totals[key] || {};
    tb.append(el('tr', { id: 'recon-total-' + key, dataset: { row: key, testid: 'recon-total-' + key }, class: key === 'net' ? 'is-strong' : null },
      el('th', { scope: 'row', text: label }),
      el('td', { class: 'num', dataset: { field: 'count' } }, isBlank(t.count) ? '—' : String(t.count)),
      amountCells(t, (k) => ({ class: 'num', dataset: { field: k } }))));
  }
  show($('recon-result'), true);

  renderReconRows('settlements', Array.isArray(r.settlements) ? r.settlements : [], false);
  renderReconRows('cancels', Array.isArray(r.cancels) ? r.cancels : [], true);
}

function renderReconRows(kind, rows, withReason) {
  reconHead(`recon-${kind}-head`, withReason);
  const body = clear($(`recon-${kind}-body`));
  show($(`recon-${kind}-wrap`), true);
  show($(`recon-${kind}-empty`), rows.length === 0);
  show($(`recon-${kind}`), rows.length > 0);
  $(`recon-${kind}-count`).textContent = rows.length ? `${rows.length} 笔` : '';
  for (const row of rows) {
    body.append(el('tr', { dataset: { mdtrtId: row.mdtrt_id } },
      // 当日的时间即可（日期即所选结算日期）；完整时间在悬停提示中
      el('td', { class: 'nowrap', title: fmtDateTime(row.at) }, fmtDateTime(row.at).slice(11) || fmtDateTime(row.at)),
      el('td', null, el('button', {
        type: 'button', class: 'link-btn mono', title: '打开该就诊',
        onclick: () => { selectTab('counter'); openVisit(row.mdtrt_id); },
      }, row.mdtrt_id), row.adjustment ? el('span', { class: 'tag tag--warn', text: '补救助调整' }) : null),
      el('td', { class: 'mono' }, row.psn_no || '—'),
      el('td', null, row.psn_name || '—'),
      el('td', { class: 'recon-by', title: row.by || '' }, row.by || '—'),
      amountCells(row, () => ({ class: 'num' })),
      withReason ? el('td', { class: 'wrap' }, row.reason || '—') : null));
  }
}

export function bindRecon() {
  onSubmit('recon-form', loadRecon);
  $('recon-date').addEventListener('change', updateCsvLink);
  $('recon-date').addEventListener('input', updateCsvLink);
  onTabShown('recon', () => { if (!state.reconLoaded) loadRecon(); });
}
