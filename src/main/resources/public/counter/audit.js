/* 审计日志（主管、管理员）：某日的操作记录，只读 */
import { $, clear, el, isBlank, onSubmit, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { fmtDateTime } from './lib/format.js';
import { auditActionLabel, roleLabel } from './lib/labels.js';
import { invalid, run } from './lib/notice.js';
import { isSupervisor, state } from './state.js';
import { onTabShown } from './tabs.js';

async function loadAudit() {
  if (!isSupervisor()) return;
  const date = $('audit-date').value;
  if (!date) {
    invalid('请选择日期', 'date');
    return;
  }
  state.auditLoaded = true;
  await run($('audit-go'), async () => {
    const r = await api('GET', '/api/audit?date=' + encodeURIComponent(date));
    const entries = r && Array.isArray(r.entries) ? r.entries : [];
    $('audit-meta').textContent = `共 ${entries.length} 条 · 只读`;
    show($('audit-wrap'), true);
    show($('audit-empty'), entries.length === 0);
    show($('audit-table'), entries.length > 0);
    const body = clear($('audit-body'));
    for (const e of entries) {
      let detail = e.detail;
      if (detail !== null && typeof detail === 'object') detail = JSON.stringify(detail);
      body.append(el('tr', { dataset: { auditId: e.id } },
        el('td', { class: 'mono' }, isBlank(e.id) ? '—' : String(e.id)),
        el('td', { class: 'nowrap' }, fmtDateTime(e.at)),
        el('td', null, e.actor || '—'),
        el('td', null, roleLabel(e.role)),
        el('td', null, auditActionLabel(e.action)),
        el('td', { class: 'mono' }, e.mdtrt_id || '—'),
        el('td', { class: 'wrap' }, e.reason || '—'),
        el('td', { class: 'small detail-cell wrap' }, isBlank(detail) ? '—' : String(detail))));
    }
  });
}

export function bindAudit() {
  onSubmit('audit-form', loadAudit);
  onTabShown('audit', () => { if (!state.auditLoaded) loadAudit(); });
}
