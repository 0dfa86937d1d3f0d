/* 打印：结算单（计次，首次之后为补打）与预结算单；页脚为打印序号、时间（医院时区，服务端给出）与操作员 */
import { $, show } from './lib/dom.js';
import { api } from './lib/api.js';
import { fmtDateTime } from './lib/format.js';
import { clearNotice, run } from './lib/notice.js';
import { currentMode, state } from './state.js';

/** 已打印次数（仅有效结算单） */
export function renderPrintCount() {
  const v = state.visit;
  const n = Number(v && v.prints) || 0;
  show($('visit-prints-wrap'), !!(v && v.bill));
  $('visit-prints').textContent = `${n} 次`;
}

export function resetPrintFooter() {
  show($('print-footer'), false);
  $('print-no').textContent = '';
  $('print-time').textContent = '';
  $('print-operator').textContent = '';
}

function setPrintFooter(label, time, operator) {
  $('print-no').textContent = label;
  $('print-time').textContent = time;
  $('print-operator').textContent = operator || '—';
  show($('print-footer'), true);
}

function printNow() {
  // 让浏览器先完成页脚等内容的渲染再调起打印
  requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
}

async function doPrintBill() {
  const v = state.visit;
  if (!v || currentMode() !== 'settled') return;
  clearNotice();
  await run($('print-bill'), async () => {
    const r = await api('POST', `/api/counter/visits/${encodeURIComponent(v.mdtrt_id)}/print`, {});
    const n = Number(r && r.print_no) || 1;
    if (r && r.hospital_name) $('print-hospital').textContent = r.hospital_name;
    setPrintFooter(n > 1 ? `补打（第 ${n} 次打印）` : `第 ${n} 次打印`, fmtDateTime(r && r.printed_at), r && r.printed_by);
    v.prints = n;
    renderPrintCount();
    printNow();
  });
}

function doPrintPresettle() {
  if (currentMode() !== 'presettle') return;
  // 测算时间取服务端（医院时区）的时间，不取浏览器的时钟
  setPrintFooter('预结算单（未结算，仅供参考）', fmtDateTime(state.presettle && state.presettle.at), state.me && state.me.username);
  printNow();
}

export function bindPrint() {
  $('print-bill').addEventListener('click', doPrintBill);
  $('print-presettle').addEventListener('click', doPrintPresettle);
}
