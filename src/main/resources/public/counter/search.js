/* 查询就诊：按就诊号、人员编号或姓名 */
import { $, clear, el, onSubmit, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { fmtDate, moneyNode } from './lib/format.js';
import { statusLabel } from './lib/labels.js';
import { clearNotice, invalid, run } from './lib/notice.js';
import { state } from './state.js';
import { hideVisit, markCurrentRow, openVisit } from './visit.js';

function statusBadge(status) {
  return el('span', { class: `status status--${status || 'unknown'}`, dataset: { status: status || '' } }, statusLabel(status));
}

async function doSearch() {
  const q = $('search-q').value.trim();
  clearNotice();
  if (!q) {
    invalid('请输入就诊号、人员编号或姓名', 'q');
    $('search-q').focus();
    return;
  }
  const seq = ++state.searchSeq;
  let listed = false;
  await run($('search-go'), async () => {
    const data = await api('GET', '/api/counter/visits?q=' + encodeURIComponent(q));
    if (seq !== state.searchSeq) return;
    const visits = (data && Array.isArray(data.visits)) ? data.visits : [];
    state.results = visits;
    renderResults(visits, !!(data && data.truncated));
    listed = true;
    if (visits.length === 1) {
      try {
        await openVisit(visits[0].mdtrt_id, { fromSearch: true });
      } catch (e) {
        hideVisit();
        throw e;
      }
    } else {
      hideVisit();
    }
  });
  if (!listed && seq === state.searchSeq) {
    // 查询失败：不保留上一次的结果，避免误读
    state.results = [];
    show($('search-results-wrap'), false);
    hideVisit();
  }
}

function renderResults(visits, truncated = state.truncated) {
  state.truncated = truncated;
  const body = clear($('search-results-body'));
  show($('search-results-wrap'), true);
  show($('search-empty'), visits.length === 0);
  show($('search-results'), visits.length > 0);
  $('search-count').textContent = visits.length
    ? (truncated ? `仅显示前 ${visits.length} 条，请输入更完整的就诊号或人员编号缩小范围` : `共 ${visits.length} 条`)
    : '';
  for (const v of visits) {
    const tr = el('tr', {
      tabindex: 0,
      class: 'row-link',
      dataset: { mdtrtId: v.mdtrt_id, testid: 'visit-row' },
      'aria-label': `打开就诊 ${v.mdtrt_id} ${v.psn_name || ''}`,
      onclick: () => openVisit(v.mdtrt_id),
      onkeydown: onRowKey,
    },
    el('td', { class: 'mono' }, v.mdtrt_id),
    el('td', { class: 'mono' }, v.psn_no || '—'),
    el('td', { class: 'strong' }, v.psn_name || '—'),
    el('td', { class: 'mono' }, v.certno || '—'),
    el('td', null, statusBadge(v.status)),
    el('td', { class: 'nowrap' }, fmtDate(v.begntime)),
    el('td', { class: 'nowrap' }, v.endtime ? fmtDate(v.endtime) : '—'),
    el('td', { class: 'num' }, moneyNode(v.medfee_sumamt)),
    el('td', { class: 'num' }, moneyNode(v.psn_cash_pay)));
    body.append(tr);
  }
  markCurrentRow();
}

/** 就诊状态变了（撤销、重新结算后）：同步查询结果中的状态 */
export function updateResultStatus(v) {
  const row = state.results.find((r) => r.mdtrt_id === v.mdtrt_id);
  if (row) {
    row.status = v.status;
    renderResults(state.results);
  }
}

function onRowKey(e) {
  const tr = e.currentTarget;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    openVisit(tr.dataset.mdtrtId);
  } else if (e.key === 'ArrowDown' && tr.nextElementSibling) {
    e.preventDefault();
    tr.nextElementSibling.focus();
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    if (tr.previousElementSibling) tr.previousElementSibling.focus();
    else $('search-q').focus();
  }
}

export function bindSearch() {
  onSubmit('search-form', doSearch);
  $('search-q').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const first = document.querySelector('#search-results-body tr');
      if (first && !$('search-results-wrap').hidden) { e.preventDefault(); first.focus(); }
    }
  });
}
