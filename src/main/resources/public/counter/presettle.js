/* 预结算：按截至目前的费用测算（不结算、不计入年度累计） */
import { $ } from './lib/dom.js';
import { api, ApiError } from './lib/api.js';
import { clearNotice, run } from './lib/notice.js';
import { state } from './state.js';
import { renderVisit } from './visit.js';

async function doPresettle() {
  const v = state.visit;
  if (!v) return;
  clearNotice();
  await run($('presettle'), async () => {
    const r = await api('POST', `/api/counter/visits/${encodeURIComponent(v.mdtrt_id)}/presettle`, {});
    if (!r || !r.bill) throw new ApiError(0, ['预结算未返回结算单']);
    if (state.visit !== v) return;
    state.presettle = { as_of: r.as_of || null, at: r.at || null, bill: r.bill, sheet: r.sheet || null, patient: r.patient || null, notes: Array.isArray(r.notes) ? r.notes : [] };
    renderVisit();
    $('presettle-banner').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
}

export function bindPresettle() {
  $('presettle').addEventListener('click', doPresettle);
}
