/* 确认对话框 */
import { $ } from './lib/dom.js';

/** 打开确认对话框；确认 → true，取消 / Esc → false */
export function askConfirm(title, lead, okText) {
  const d = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-lead').textContent = lead;
  $('confirm-ok').textContent = okText;
  d.returnValue = '';
  d.showModal();
  $('confirm-cancel').focus(); // 默认落在“取消”，误按 Enter 不会执行
  return new Promise((resolve) => {
    d.addEventListener('close', () => resolve(d.returnValue === 'ok'), { once: true });
  });
}
